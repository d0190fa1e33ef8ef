"""orthanc.py: a throw-away Orthanc on loopback for the DICOMweb tests and benchmarks.

The server gets free ports, storage and index in a temporary folder, the DICOMweb plugin, and
HTTP Basic authentication with one registered user. It is stopped (and its folder removed) by
stop(), which the callers run in a finally block."""
import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ORTHANC = "/usr/sbin/Orthanc"
PLUGIN_CANDIDATES = ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so",
                     "/usr/lib/orthanc/libOrthancDicomWeb.so.1.7"]
USER = "teacher"
PASSWORD = "class-secret-2026"


def missing():
    """Why Orthanc cannot run here, or None."""
    if not os.access(ORTHANC, os.X_OK):
        return f"{ORTHANC} not installed (Debian package orthanc; tools/deps test)"
    if plugin() is None:
        return "the DICOMweb plugin is not installed (Debian package orthanc-dicomweb)"
    return None


def plugin():
    for p in PLUGIN_CANDIDATES:
        if os.path.exists(p):
            return p
    return None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Orthanc:
    def __init__(self, dicom_server=False):
        self.dir = tempfile.mkdtemp(prefix="lb-orthanc-")
        self.http_port = free_port()
        self.dicom_port = free_port()
        self.config_path = os.path.join(self.dir, "orthanc.json")
        config = {
            "Name": "LightboxTest",
            "StorageDirectory": os.path.join(self.dir, "storage"),
            "IndexDirectory": os.path.join(self.dir, "index"),
            "StorageCompression": False,
            "HttpPort": self.http_port,
            "HttpCompressionEnabled": False,
            # Answers in UTF-8: with the default (Latin-1) the DICOMweb plugin drops Korean
            # and Japanese names from QIDO-RS answers.
            "DefaultEncoding": "Utf8",
            "RemoteAccessAllowed": False,
            "AuthenticationEnabled": True,
            "RegisteredUsers": {USER: PASSWORD},
            "DicomServerEnabled": dicom_server,
            "DicomPort": self.dicom_port,
            "DicomAet": "ORTHANC",
            "DicomCheckCalledAet": False,
            "DicomAlwaysAllowGet": True,
            "DicomAlwaysAllowStore": True,
            "Plugins": [plugin()],
            "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "EnableWado": False,
                         "StudiesMetadata": "MainDicomTags", "SeriesMetadata": "MainDicomTags"},
        }
        with open(self.config_path, "w") as f:
            json.dump(config, f, indent=2)
        self.log = open(os.path.join(self.dir, "orthanc.log"), "w")
        self.proc = subprocess.Popen([ORTHANC, self.config_path], stdout=self.log,
                                     stderr=subprocess.STDOUT, cwd=self.dir)
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.dicomweb = self.url + "/dicom-web"

    def request(self, method, path, body=None, content_type=None, auth=True):
        req = urllib.request.Request(self.url + path, data=body, method=method)
        if auth:
            token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            req.add_header("Authorization", "Basic " + token)
        if content_type:
            req.add_header("Content-Type", content_type)
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.read()

    def wait_ready(self, bound=60):
        """Polls /system until the server answers (bound seconds at most)."""
        deadline = time.monotonic() + bound
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("Orthanc exited: " + self.log_text()[-2000:])
            try:
                json.loads(self.request("GET", "/system"))
                return
            except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
                time.sleep(0.1)
        raise RuntimeError("Orthanc did not answer /system: " + self.log_text()[-2000:])

    def store(self, path):
        """Stores one file through Orthanc's own REST API (not the code under test)."""
        with open(path, "rb") as f:
            return json.loads(self.request("POST", "/instances", f.read(), "application/dicom"))

    def log_text(self):
        self.log.flush()
        with open(os.path.join(self.dir, "orthanc.log"), errors="replace") as f:
            return f.read()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
