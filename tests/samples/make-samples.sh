#!/bin/sh
# make-samples.sh [CORPUS]: rebuilds tests/samples from the shared corpus (default ../shared/corpus
# beside the project). Files are copied unchanged under their corpus path; generated/ is made
# here with DCMTK 3.6.7 from those copies. Only sources whose licence allows redistribution are
# used (README.md beside this script lists each file with its source and licence).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$here/../../../shared/corpus}
cd "$here"

copy () { mkdir -p "$(dirname "$1")"; cp "$corpus/$1" "$1"; chmod 644 "$1"; }

# pydicom/pydicom-data (MIT)
for f in 693_J2KR OT-PAL-8-face liver_deflate liver_j2k liver_rle emri_small emri_small_big_endian \
         JLSL_08_07_0_1F JLSN_RGB_ILV0 JPEG-LL HTJ2K_08_RGB HTJ2KLossless_08_RGB \
         explicit_VR-UN bad_sequence US1_J2KI color-px; do
  copy "pydicom-data/$f.dcm"
done
# pydicom/pylibjpeg-data (MIT)
copy pylibjpeg-data/JPEGBaseline/JPEGBaseline_1s_1f_u_08_08.dcm
copy pylibjpeg-data/JPEGExtended/JPEGExtended_3s_1f_u_08_08.dcm
# dicompyler/dicompyler-core (BSD-3-Clause)
copy dicompyler-core/ct.0.dcm
# made by the corpus from pydicom-data and suyashkumar/dicom files (their licences); the
# DICOMDIR's IMAGES are suyashkumar/dicom's 1.dcm, 2.dcm and 3.dcm (MIT; TCIA data, CC BY)
copy derived/US_rgb_jpeg_baseline_ybr422.dcm
for f in DICOMDIR IMAGES/PT000001 IMAGES/PT000002 IMAGES/MR000001; do
  copy "derived/dicomdir/$f"
done

# generated/: transfer syntaxes whose licensed corpus files are large or derived from
# unlicensed data, made here from the small licensed MR series emri_small (64x64, 10 frames,
# 16-bit allocated, 12 stored).
mkdir -p generated
src=pydicom-data/emri_small.dcm
dcmconv +td "$src" generated/emri_small_deflated.dcm                 # 1.2.840.10008.1.2.1.99
dcmcjpeg +ee "$src" generated/emri_small_jpeg_ext12.dcm              # 1.2.840.10008.1.2.4.51, 12-bit
dcmcjpeg +el +sv 6 "$src" generated/emri_small_jpeg_lossless_sv6.dcm # 1.2.840.10008.1.2.4.57
# A small MONOCHROME1 CR, 15 bits stored, from the NEMA RG1 radiograph (pylibjpeg-data, MIT).
dcmdjpls "$corpus/pylibjpeg-data/JPEGLS/RG1_JLSN.dcm" "${TMPDIR:-/tmp}/rg1_native.$$.dcm"
dcmscale +Sxv 160 "${TMPDIR:-/tmp}/rg1_native.$$.dcm" generated/CR_mono1_15bit_160.dcm
rm -f "${TMPDIR:-/tmp}/rg1_native.$$.dcm"
chmod 644 generated/*.dcm
# The Modality and VOI LUT Sequence samples (pydicom-data, MIT), cut to their top-left 64 x 64
# pixels with pydicom: the LUTs and every other element unchanged, 30 kB instead of 800.
/usr/bin/python3 - "$corpus/pydicom-data" generated <<'PY'
import os, sys
import pydicom
src, out = sys.argv[1], sys.argv[2]
for name in ("mlut_18", "vlut_04"):
    ds = pydicom.dcmread(os.path.join(src, name + ".dcm"))
    ds.PixelData = ds.pixel_array[:64, :64].copy().tobytes()
    ds.Rows = ds.Columns = 64
    ds.save_as(os.path.join(out, name + "_64.dcm"), write_like_original=True)
PY
chmod 644 generated/*.dcm
/usr/bin/python3 make-manifest.py "$corpus"
