#!/usr/bin/python3
"""The per-modality summary (src/dicom/dicom-summary.c) through `lightbox-cli info --json`,
checked against pydicom on the in-repo samples: every field the table lists for the file's
modality is present, with pydicom's value for the tag named here (not by our own table), or
null when the file does not have it."""
import json
import unittest
import warnings

import pydicom

from clirun import run  # tests/clirun.py, beside this script
from testfiles import sample

warnings.simplefilter("ignore")

RADIO = "RadiopharmaceuticalInformationSequence"
# JSON key -> (pydicom keyword, sequence whose first item holds it or None), per modality.
COMMON_X = {"kvp": "KVP", "tube_current": "XRayTubeCurrent", "exposure_time": "ExposureTime"}
FIELDS = {
    "CT": dict(COMMON_X, slice_thickness="SliceThickness", exposure="Exposure",
               convolution_kernel="ConvolutionKernel", rescale_slope="RescaleSlope",
               rescale_intercept="RescaleIntercept", rescale_type="RescaleType",
               spacing_between_slices="SpacingBetweenSlices"),
    "MR": {"repetition_time": "RepetitionTime", "echo_time": "EchoTime",
           "flip_angle": "FlipAngle", "inversion_time": "InversionTime",
           "magnetic_field_strength": "MagneticFieldStrength",
           "imaging_frequency": "ImagingFrequency", "sequence_name": "SequenceName",
           "scanning_sequence": "ScanningSequence", "sequence_variant": "SequenceVariant",
           "slice_thickness": "SliceThickness"},
    "CR": dict(COMMON_X, view_position="ViewPosition", exposure="Exposure",
               body_part="BodyPartExamined", detector_type="DetectorType",
               imager_pixel_spacing="ImagerPixelSpacing"),
    "US": {"number_of_frames": "NumberOfFrames", "frame_time": "FrameTime",
           "cine_rate": "CineRate", "transducer_data": "TransducerData"},
    "PT": {"radiopharmaceutical": ("Radiopharmaceutical", RADIO),
           "total_dose": ("RadionuclideTotalDose", RADIO),
           "half_life": ("RadionuclideHalfLife", RADIO),
           "injection_time": ("RadiopharmaceuticalStartTime", RADIO),
           "units": "Units", "decay_correction": "DecayCorrection",
           "corrected_image": "CorrectedImage", "series_type": "SeriesType",
           "slice_thickness": "SliceThickness"},
    "OT": {"conversion_type": "ConversionType", "manufacturer": "Manufacturer",
           "model": "ManufacturerModelName", "body_part": "BodyPartExamined",
           "number_of_frames": "NumberOfFrames"},
}
FILES = {
    "CT": sample("dicompyler-core/ct.0.dcm"),
    "MR": sample("pydicom-data/emri_small.dcm"),
    "CR": sample("generated/CR_mono1_15bit_160.dcm"),
    "US": sample("pydicom-data/US1_J2KI.dcm"),
    "PT": sample("derived/dicomdir/IMAGES/PT000001"),
    "OT": sample("pydicom-data/OT-PAL-8-face.dcm"),
}


def expected(ds, keyword):
    seq = None
    if isinstance(keyword, tuple):
        keyword, seq = keyword
    if seq is not None:
        items = ds.get(seq)
        if not items:
            return None
        ds = items[0]
    el = ds.get(keyword)
    if el is None or el == "" or (hasattr(el, "__len__") and len(el) == 0):
        return None
    return el


class Summary(unittest.TestCase):
    def info(self, path):
        rc, out, err = run("info", "--json", path)
        self.assertEqual((rc, err), (0, ""))
        return json.loads(out)

    def check(self, got, want, key):
        if want is None:
            self.assertIsNone(got, key)
        elif isinstance(want, pydicom.multival.MultiValue):
            if isinstance(got, list):
                self.assertEqual(len(got), len(want), key)
                for g, w in zip(got, want):
                    self.check(g, w, key)
            else:
                self.assertEqual(got, "\\".join(str(v) for v in want), key)
        elif isinstance(got, (int, float)) and not isinstance(got, bool):
            self.assertAlmostEqual(got, float(want), places=6, msg=key)
        else:
            self.assertEqual(got, str(want).strip(), key)

    def test_fields_match_pydicom(self):
        for modality, path in FILES.items():
            with self.subTest(modality=modality):
                ds = pydicom.dcmread(path, force=True)
                d = self.info(path)
                self.assertEqual(d["modality"], modality)
                for key, keyword in FIELDS[modality].items():
                    self.assertIn(key, d)
                    self.check(d[key], expected(ds, keyword), key)

    def test_seen_values(self):
        """Known values, so that a table that finds nothing at all cannot pass."""
        d = self.info(FILES["CT"])
        self.assertEqual((d["kvp"], d["tube_current"]), (130, 250))
        self.assertEqual(d["convolution_kernel"], "000000")
        self.assertEqual(d["rescale_slope"], 1)
        d = self.info(FILES["MR"])
        self.assertEqual(d["magnetic_field_strength"], 3)
        d = self.info(FILES["CR"])
        self.assertEqual((d["view_position"], d["kvp"]), ("PA", 150))
        self.assertEqual(d["spacing_kind"], "Pixel Spacing")
        d = self.info(FILES["PT"])
        self.assertEqual(d["units"], "BQML")
        self.assertEqual(d["decay_correction"], "START")

    def test_us_regions_counts_items(self):
        d = self.info(FILES["US"])
        ds = pydicom.dcmread(FILES["US"], force=True)
        regions = ds.get("SequenceOfUltrasoundRegions")
        self.assertEqual(d["ultrasound_regions"], len(regions) if regions else None)

    def test_text_labels(self):
        rc, out, err = run("info", FILES["MR"])
        self.assertIn("Magnetic field strength:", out)
        self.assertRegex(out, r"Magnetic field strength:\s+3 T")
        self.assertRegex(out, r"Inversion time:\s+not present")


if __name__ == "__main__":
    unittest.main()
