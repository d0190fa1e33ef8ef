#!/usr/bin/python3
# make-multiframe.py OUT [FRAMES [SIZE [FRAME_TIME_MS [enhanced]]]]: a native multi-frame file for
# the cine tests: a white bar that moves right with the frame number, Frame Time in (0018,1063).
# `enhanced`: per-frame Plane Position (Patient) going down in z as the frame number goes up
# (the frames are stored in the reverse of their order in space).
import sys, numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30
size = int(sys.argv[3]) if len(sys.argv) > 3 else 64
frame_time = sys.argv[4] if len(sys.argv) > 4 else "40"
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7.2"
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = Dataset(); ds.file_meta = meta
ds.SOPClassUID = meta.MediaStorageSOPClassUID; ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.Modality = "OT"; ds.PatientName = "Cine^Test"; ds.PatientID = "CINE1"
ds.StudyInstanceUID = generate_uid(); ds.SeriesInstanceUID = generate_uid()
ds.FrameTime = frame_time; ds.NumberOfFrames = n; ds.FrameIncrementPointer = 0x00181063
ds.Rows = ds.Columns = size; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = "MONOCHROME2"
ds.BitsAllocated = 8; ds.BitsStored = 8; ds.HighBit = 7; ds.PixelRepresentation = 0
a = np.zeros((n, size, size), np.uint8)
for i in range(n):  # a bar that moves with the frame number
    x = int(i * (size - 8) / max(n - 1, 1)); a[i, :, x:x + 8] = 255; a[i, :4, :] = 40
ds.PixelData = a.tobytes()
if len(sys.argv) > 5 and sys.argv[5] == "enhanced":
    orientation = Dataset()
    orientation.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    shared = Dataset()
    shared.PlaneOrientationSequence = Sequence([orientation])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per_frame = []
    for i in range(n):
        position = Dataset()
        position.ImagePositionPatient = [0, 0, -2.0 * i]
        item = Dataset()
        item.PlanePositionSequence = Sequence([position])
        per_frame.append(item)
    ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
ds.is_little_endian = True; ds.is_implicit_VR = False
ds.save_as(out, write_like_original=False)
