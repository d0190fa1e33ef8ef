#!/usr/bin/python3
# make-big-image.py OUT [SIZE]: one SIZE x SIZE 12-bit noise image (native, Explicit VR Little
# Endian; default 4096). Compressed with `gdcmconv --j2k` it takes the viewer seconds to decode:
# a load that is still running when a test acts on it.
import sys, numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
out, size = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4096
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = Dataset(); ds.file_meta = meta
ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.Modality = "OT"; ds.PatientName = "Big^Test"; ds.PatientID = "BIG1"
ds.StudyInstanceUID = generate_uid(); ds.SeriesInstanceUID = generate_uid()
ds.Rows = ds.Columns = size; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = "MONOCHROME2"
ds.BitsAllocated = 16; ds.BitsStored = 12; ds.HighBit = 11; ds.PixelRepresentation = 0
# noise: what compresses least, so decoding takes longest for its size
ds.PixelData = np.random.default_rng(1).integers(0, 4096, (size, size), dtype=np.uint16).tobytes()
ds.is_little_endian = True; ds.is_implicit_VR = False
ds.save_as(out, write_like_original=False)
