#!/usr/bin/python3
"""make-manifest.py CORPUS: writes MANIFEST.tsv for tests/samples, in the corpus's format, so
the corpus-wide tests can also run over the samples (meson's *-samples tests). A file copied
from the corpus gets the corpus's row; a generated one gets a row made here with pydicom, its
decode columns by running DCMTK (dcm2pnm, dcmj2pnm, dcml2pnm) and GDCM (gdcmconv --raw)."""
import os
import subprocess
import sys
import tempfile
import warnings

import pydicom

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
NOT_DICOM = {"README.md", "MANIFEST.tsv", "make-samples.sh", "make-manifest.py"}
DCMTK = {"1.2.840.10008.1.2.4.50": "dcmj2pnm", "1.2.840.10008.1.2.4.51": "dcmj2pnm",
         "1.2.840.10008.1.2.4.57": "dcmj2pnm", "1.2.840.10008.1.2.4.70": "dcmj2pnm",
         "1.2.840.10008.1.2.4.80": "dcml2pnm", "1.2.840.10008.1.2.4.81": "dcml2pnm"}


def decodes(argv):
    return subprocess.run(argv, capture_output=True).returncode == 0


def row(rel):
    path = os.path.join(HERE, rel)
    ds = pydicom.dcmread(path, force=True)
    ts = str(ds.file_meta.TransferSyntaxUID)
    tool = DCMTK.get(ts, "dcm2pnm")
    with tempfile.TemporaryDirectory() as tmp:
        dcmtk = tool if decodes([tool, path, os.path.join(tmp, "x.pnm")]) else "none"
        gdcm = "ok" if decodes(["gdcmconv", "--raw", path, os.path.join(tmp, "x.dcm")]) else "fail"
    get = lambda k: str(ds.get(k, ""))   # noqa: E731
    return [rel, "generated here (see README.md)", pydicom.uid.UID(ds.SOPClassUID).name,
            get("Modality"), ts, pydicom.uid.UID(ts).name, get("Rows"), get("Columns"),
            get("NumberOfFrames") or "1", get("BitsAllocated"), get("BitsStored"),
            get("PixelRepresentation"), get("PhotometricInterpretation"),
            str(os.path.getsize(path)), dcmtk, gdcm, ""]


def main():
    corpus = sys.argv[1]
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    header, known = lines[0], {line.split("\t")[0]: line for line in lines[1:] if line}
    out = [header]
    for root, _, names in os.walk(HERE):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), HERE)
            if rel in NOT_DICOM:
                continue
            out.append(known[rel] if rel in known else "\t".join(row(rel)))
    out[1:] = sorted(out[1:])
    with open(os.path.join(HERE, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
