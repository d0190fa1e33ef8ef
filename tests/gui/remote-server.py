#!/usr/bin/env python3
"""remote-server.py FOLDER URLFILE: a loopback Orthanc (tests/orthanc.py) holding the DICOM files
of FOLDER, for the Remote place's GUI test. Writes the DICOMweb root URL to URLFILE once the
files are stored, then serves until SIGTERM or SIGINT, and stops Orthanc (removing its folder)."""
import os
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import orthanc  # noqa: E402

folder, url_file = sys.argv[1], sys.argv[2]
server = orthanc.Orthanc()
try:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.wait_ready()
    n = 0
    for name in sorted(os.listdir(folder)):
        if name.endswith(".dcm"):
            server.store(os.path.join(folder, name))
            n += 1
    tmp = url_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(server.dicomweb + "\n")
    os.rename(tmp, url_file)
    print(f"remote-server: {n} files stored at {server.dicomweb}", flush=True)
    signal.pause()
except KeyboardInterrupt:
    pass
finally:
    server.stop()
