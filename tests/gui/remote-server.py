#!/usr/bin/env python3
"""remote-server.py FOLDER URLFILE: a loopback Orthanc (tests/orthanc.py) holding the DICOM files
of FOLDER, for the Remote place's GUI test. Writes the DICOMweb root URL to URLFILE once the
files are stored, then serves until SIGTERM or SIGINT, and stops Orthanc (removing its folder).

remote-server.py --count URL | --clear URL: through Orthanc's own REST API (not the code under
test), prints how many instances the server at that DICOMweb URL holds, or deletes them all."""
import os
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import orthanc  # noqa: E402



def rest(url, method, path):
    import base64
    import json
    import urllib.request
    root = url.rsplit("/dicom-web", 1)[0]
    req = urllib.request.Request(root + path, method=method)
    token = base64.b64encode(f"{orthanc.USER}:{orthanc.PASSWORD}".encode()).decode()
    req.add_header("Authorization", "Basic " + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        body = r.read()
    return json.loads(body) if body else None


if sys.argv[1] == "--count":
    print(len(rest(sys.argv[2], "GET", "/instances")))
    sys.exit(0)
if sys.argv[1] == "--clear":
    for patient in rest(sys.argv[2], "GET", "/patients"):
        rest(sys.argv[2], "DELETE", "/patients/" + patient)
    sys.exit(0)

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
