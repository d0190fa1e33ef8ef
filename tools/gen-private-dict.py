#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate src/dicom/dicom-private-dict-table.h, the dictionary of private elements.

Source: pydicom's _private_dict.py (MIT licence), which pydicom generates from GDCM's private
dictionary: the VR, VM and name of the private elements of GE, Siemens, Philips, Toshiba,
Agfa, ... keyed by private creator. Debian 12 ships it in python3-pydicom:

    tools/gen-private-dict.py [PYDICOM_DIR] > src/dicom/dicom-private-dict-table.h

PYDICOM_DIR defaults to /usr/lib/python3/dist-packages/pydicom. The file is executed on its
own (it imports only `typing`), so pydicom itself need not be importable.

pydicom's keys are 8 hex digits with 'x' wildcards. A private element (gggg,bbee) of the block
bb its creator reserved is looked up as pydicom.datadict.get_private_entry() does, first match
wins: the exact tag "ggggbbee", then "ggggxxee" (any block: nearly every entry), then
"ggxxxxee" (any group with that high byte, for the 60xx/70xx overlay-like groups). Three kinds
of key can never match there and are left out: "ggggeexx" (9 entries), exact tags below
(gggg,1000), which lie in no private block, and even groups (2 entries), which are public.

The output is compact: creators sorted for bsearch, each with its run of entries sorted by
(kind, group, element) for bsearch; names in one string pool addressed by offset (no pointer
per entry, so no relocations), VMs in a small table.
"""

import os
import sys

PYDICOM_DIR = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/python3/dist-packages/pydicom"

VRS = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF",
       "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
       "UR", "US", "UT", "UV"}

KIND_EXACT, KIND_BLOCK, KIND_GROUP_HIGH = 0, 1, 2


def load(name, symbol):
    path = os.path.join(PYDICOM_DIR, name)
    ns = {}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), ns)
    return ns[symbol]


def pydicom_version():
    ns = {}
    path = os.path.join(PYDICOM_DIR, "_version.py")
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), ns)
    return ns["__version__"]


def c_str(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= o < 0x7f:
            out.append(ch)
        else:
            out.extend("\\%03o" % b for b in ch.encode("utf-8"))
    out.append('"')
    return "".join(out)


def vr_of(vr):
    # One GDCM entry says "OB_OW" (TOSHIBA_MEC_OT3 7019xx80): its bytes stay opaque.
    if vr == "OB_OW":
        return "OB"
    if vr not in VRS:
        raise SystemExit("unknown VR %r" % vr)
    return vr


def key_of(pattern):
    """'0019xx10' -> (kind, group, element), or None for a key pydicom never looks up."""
    p = pattern.lower()
    if "x" not in p[:4] and not int(p[:4], 16) & 1:
        return None    # an even group is public: no creator reserves anything there
    if "x" not in p:
        element = int(p[4:], 16)
        return (KIND_EXACT, int(p[:4], 16), element) if element >= 0x1000 else None
    if p[4:6] == "xx" and "x" not in p[:4] + p[6:]:
        return KIND_BLOCK, int(p[:4], 16), int(p[6:], 16)
    if p[2:6] == "xxxx" and "x" not in p[:2] + p[6:]:
        return KIND_GROUP_HIGH, int(p[:2], 16) << 8, int(p[6:], 16)
    return None


def main():
    dicts = load("_private_dict.py", "private_dictionaries")
    version = pydicom_version()

    # strcmp order: bytes of the UTF-8 encoding.
    creators = sorted(dicts, key=lambda c: c.encode("utf-8"))
    names, name_offset, pool_len = [], {}, 0
    vms = []
    entries = []    # (creator index, kind, group, element, vr, vm index, name offset)
    skipped = 0
    for ci, creator in enumerate(creators):
        rows = []
        for pattern, (vr, vm, name, _retired) in dicts[creator].items():
            key = key_of(pattern)
            if key is None:
                skipped += 1
                continue
            if name not in name_offset:
                name_offset[name] = pool_len
                names.append(name)
                pool_len += len(name.encode("utf-8")) + 1
            if vm not in vms:
                vms.append(vm)
            rows.append((ci,) + key + (vr_of(vr), vms.index(vm), name_offset[name]))
        rows.sort()
        for a, b in zip(rows, rows[1:]):
            if a[:4] == b[:4]:
                raise SystemExit("duplicate key in %r" % creator)
        entries.extend(rows)
    if len(creators) > 0xffff or len(entries) > 0xffff or len(vms) > 0xff:
        raise SystemExit("table too large for its index types")

    first = []
    i = 0
    for ci in range(len(creators)):
        first.append(i)
        while i < len(entries) and entries[i][0] == ci:
            i += 1
    first.append(len(entries))

    w = sys.stdout.write
    w("/* dicom-private-dict-table.h: private elements named and typed through their creator.\n")
    w(" *\n")
    w(" * GENERATED by tools/gen-private-dict.py -- do not edit; re-run the script instead.\n")
    w(" * Source: pydicom %s, _private_dict.py (MIT licence), which pydicom generates from\n"
      % version)
    w(" * GDCM's private dictionary. %d creators, %d entries; %d keys that pydicom never looks\n"
      % (len(creators), len(entries), skipped))
    w(" * up are left out (see the script).\n")
    w(" *\n")
    w(" * Included by dicom-private-dict.c only. private_creators is sorted by strcmp; the entries\n")
    w(" * of creator i are private_entries[private_creators[i].first .. private_creators[i + 1]\n")
    w(" * .first), sorted by (kind, group, element). Kind 0: exact (gggg,eeee); kind 1:\n")
    w(" * (gggg,xxee), element = low byte; kind 2: (ggxx,xxee), group = high byte << 8. */\n\n")
    w("#define PRIVATE_N_CREATORS %d\n" % len(creators))
    w("#define PRIVATE_N_ENTRIES %d\n\n" % len(entries))
    w("static const PrivateCreatorRow private_creators[PRIVATE_N_CREATORS + 1] = {\n")
    for ci, creator in enumerate(creators):
        w("  { %s, %d },\n" % (c_str(creator), first[ci]))
    w("  { NULL, %d },\n" % first[-1])
    w("};\n\n")
    w("static const char *const private_vms[] = {\n")
    for vm in vms:
        w("  %s,\n" % c_str(vm))
    w("};\n\n")
    w("/* { creator, kind, group, element, VR, VM index, name offset }; V(x) is LB_DICOM_VR_x. */\n")
    w("static const PrivateEntryRow private_entries[PRIVATE_N_ENTRIES] = {\n")
    for ci, kind, group, element, vr, vm, name in entries:
        w("  { %d, %d, 0x%04x, 0x%04x, V(%s), %d, %d },\n"
          % (ci, kind, group, element, vr, vm, name))
    w("};\n\n")
    w("static const char private_names[] =\n")
    for name in names:
        w("  %s \"\\0\"\n" % c_str(name))
    w("  ;\n")


if __name__ == "__main__":
    main()
