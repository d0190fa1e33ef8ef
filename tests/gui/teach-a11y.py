#!/usr/bin/python3
"""teach-a11y.py: the teaching panels as a screen reader sees them (AT-SPI), for
tests/gui/teach-panels.sh.

  teach-a11y.py centre NAME ROLE          print "X Y" (window coordinates) of the centre of the
                                          widget NAME of ROLE (e.g. Summary "toggle button")
  teach-a11y.py text NAME                 print the text of the labels in the widget NAME
  teach-a11y.py wait-text NAME PART       wait until that text holds PART, print it
  teach-a11y.py rows NAME                 print the labels inside the widget NAME, one a line
                                          (the Summary grid: label, value, tag per row)
  teach-a11y.py wait-visible NAME ROLE yes|no
                                          wait until the widget NAME of ROLE (* = any) is (not)
                                          visible: GTK 4 gives its widgets AT-SPI's VISIBLE
                                          state, not SHOWING, and takes hidden ones out of the
                                          tree, which counts as not visible
Every wait is bounded by LB_GUI_WAIT seconds (60 by default). Needs the system python3 with gi
and gir1.2-atspi-2.0, inside a gui-run session.
"""
import os
import sys
import time
import warnings

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

TIMEOUT = float(os.environ.get("LB_GUI_WAIT") or 60)
warnings.simplefilter("ignore", DeprecationWarning)


def walk(acc):
    yield acc
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is not None:
            yield from walk(child)


def find(name, role=None):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        for acc in walk(app) if app else ():
            if acc.get_name() == name and (role in (None, "*") or acc.get_role_name() == role):
                return acc
    return None


def wait(predicate):
    end = time.time() + TIMEOUT
    while True:
        try:
            value = predicate()
        except gi.repository.GLib.Error:
            value = None
        if value:
            return value
        if time.time() > end:
            return None
        time.sleep(0.2)


def text_of(acc):
    """A label's text; for a panel, the texts of the labels inside it, one a line."""
    if acc.get_role_name() == "label":
        return acc.get_name()
    return "\n".join(c.get_name() for c in walk(acc) if c is not acc and c.get_role_name() == "label")


def visible(acc):
    return acc is not None and acc.get_state_set().contains(Atspi.StateType.VISIBLE)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, name = argv[1], argv[2]
    if cmd == "centre":
        acc = wait(lambda: (lambda a: a if visible(a) else None)(find(name, argv[3])))
        if acc is None:
            sys.exit("teach-a11y: no %s %r visible" % (argv[3], name))
        e = acc.get_extents(Atspi.CoordType.WINDOW)
        print("%d %d" % (e.x + e.width // 2, e.y + e.height // 2))
    elif cmd == "text":
        acc = wait(lambda: find(name))
        if acc is None:
            sys.exit("teach-a11y: nothing named %r" % name)
        print(text_of(acc))
    elif cmd == "wait-text":
        found = wait(lambda: (lambda a: a is not None and argv[3] in text_of(a) and text_of(a))(
            find(name)))
        if not found:
            sys.exit("teach-a11y: %r never showed %r" % (name, argv[3]))
        print(found)
    elif cmd == "rows":
        acc = wait(lambda: (lambda a: a if a is not None and a.get_child_count() else None)(
            find(name)))
        if acc is None:
            sys.exit("teach-a11y: no %r with rows" % name)
        for child in walk(acc):
            if child is not acc and child.get_role_name() == "label":
                print(text_of(child))
    elif cmd == "wait-visible":
        want = argv[4] == "yes"
        if not wait(lambda: visible(find(name, argv[3])) == want):
            sys.exit("teach-a11y: %s %r still %s" % (argv[3], name,
                                                    "hidden" if want else "visible"))
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
