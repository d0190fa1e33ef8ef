# SPDX-License-Identifier: GPL-3.0-or-later
"""What tools/gen-dict.py and tools/gen-private-dict.py share: reading pydicom's generated
tables without importing pydicom, and writing C string literals and string pools.

pydicom's table files (_dicom_dict.py, _uid_dict.py, _private_dict.py, _version.py) import only
`typing`, so each is executed on its own; pydicom itself need not be importable. The directory
is the scripts' first argument, by default Debian 12's python3-pydicom.
"""

import os
import sys

PYDICOM_DIR = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/python3/dist-packages/pydicom"

VRS = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF",
       "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
       "UR", "US", "UT", "UV"}


def load(name, symbols):
    """The values of `symbols` defined by pydicom's file `name`, in that order."""
    path = os.path.join(PYDICOM_DIR, name)
    ns = {}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), ns)
    return [ns[s] for s in symbols]


def c_str(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= o < 0x7f:
            out.append(ch)
        else:
            # Octal escapes of the UTF-8 bytes: no hex-escape run-on into following digits.
            out.extend("\\%03o" % b for b in ch.encode("utf-8"))
    out.append('"')
    return "".join(out)


class StringPool:
    """Strings in one C char array, each ended by a NUL and named by its offset: a table of
    offsets needs no relocations, a table of pointers one per pointer at every start."""

    def __init__(self):
        self.offsets = {}
        self.strings = []
        self.size = 0

    def add(self, s):
        """The offset of s in the pool, adding it the first time."""
        if s not in self.offsets:
            self.offsets[s] = self.size
            self.strings.append(s)
            self.size += len(s.encode("utf-8")) + 1
        return self.offsets[s]

    def write(self, w, name):
        """`static const char NAME[] = "..." "\\0" ...;` (a literal per string: an octal escape
        cannot run on into the next string)."""
        w("static const char %s[] =\n" % name)
        for s in self.strings:
            w("  %s \"\\0\"\n" % c_str(s))
        w("  ;\n")
