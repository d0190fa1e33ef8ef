#!/usr/bin/python3
"""tree-a11y.py: the tag tree as a screen reader sees it (AT-SPI), for the tag-tree GUI tests.

  tree-a11y.py arrow ROWNAME        print "X Y" (window coordinates) of the centre of the
                                    expander arrow drawn in the row whose first cell is ROWNAME
  tree-a11y.py cell TEXT            print "X Y" of the centre of the label TEXT in the tree
  tree-a11y.py arrow-info ROWNAME   print the arrow's accessible name and its actions
  tree-a11y.py arrow-do ROWNAME     run the arrow's first action (what a screen reader's
                                    "click" on the button does)
  tree-a11y.py state ROWNAME        print "expanded" or "collapsed" (the row's expander state)
  tree-a11y.py wait ROWNAME STATE   wait until the row's state is STATE
  tree-a11y.py actions ROWNAME      print the AT-SPI actions of the row's expander
  tree-a11y.py do ROWNAME ACTION    run one of those actions
  tree-a11y.py extent NAME          print "X WIDTH" (window coordinates) of the widget NAME
                                    (an accessible name: Image, Tags...)
  tree-a11y.py text NAME            print the text of the entry NAME (e.g. 'Search tags')
  tree-a11y.py wait-text NAME       wait until the entry NAME holds some text (a paste, which
                                    GTK reads from the clipboard asynchronously), print it
  tree-a11y.py wait-wider NAME MIN  wait until the widget NAME is at least MIN px wide (a
                                    dragged divider, laid out in a later frame), print "X WIDTH"
  tree-a11y.py press NAME ROLE      run the first action of the widget NAME of ROLE anywhere in
                                    the app (a menu item: AT-SPI gives popover coordinates
                                    relative to the popover, so it is not clicked by position)
  tree-a11y.py wait-gone NAME ROLE  wait until no widget NAME of ROLE is left in the app (a
                                    menu item, once its menu has closed)
  tree-a11y.py wait-state NAME STATE  wait until the widget NAME has STATE (e.g. focused)
  tree-a11y.py has TEXT             exit 0 when a label TEXT is in the tree (waits for it)
  tree-a11y.py lacks TEXT           exit 0 when no label TEXT is in the tree (waits for it)
Every wait is bounded by LB_GUI_WAIT seconds (common.sh's $WAIT; 60 by default): a bound for a
hung app, not for a slow one. Needs the system python3 with gi and gir1.2-atspi-2.0, inside a
gui-run session.
"""
import os
import sys
import warnings
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

TIMEOUT = float(os.environ.get("LB_GUI_WAIT") or 60)
warnings.simplefilter("ignore", DeprecationWarning)  # get_action_name: the only name in 2.46


def walk(acc):
    yield acc
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is not None:
            yield from walk(child)


def tree():
    end = time.time() + TIMEOUT
    while True:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            for acc in walk(app) if app else ():
                if acc.get_role_name() in ("table", "tree table") and acc.get_name() == "Tags":
                    return acc
        if time.time() > end:
            sys.exit("tree-a11y: no table named 'Tags'")
        time.sleep(0.2)


def expander(name):
    """The GtkTreeExpander of a row: a panel named after its label, holding the arrow."""
    for acc in walk(tree()):
        if acc.get_role_name() == "panel" and acc.get_name() == name:
            return acc
    return None


def need_expander(name):
    end = time.time() + TIMEOUT
    while True:
        acc = expander(name)
        if acc is not None:
            return acc
        if time.time() > end:
            sys.exit("tree-a11y: no row %r in the tree" % name)
        time.sleep(0.2)


def centre(acc):
    e = acc.get_extents(Atspi.CoordType.WINDOW)
    return "%d %d" % (e.x + e.width // 2, e.y + e.height // 2)


def state(acc):
    states = acc.get_state_set()
    if not states.contains(Atspi.StateType.EXPANDABLE):
        return "leaf"
    return "expanded" if states.contains(Atspi.StateType.EXPANDED) else "collapsed"


def actions(acc):
    if "Action" not in acc.get_interfaces():
        return []
    return [Atspi.Action.get_action_name(acc, i) for i in range(Atspi.Action.get_n_actions(acc))]


def labels(text):
    return [a for a in walk(tree()) if a.get_role_name() == "label" and a.get_name() == text]


def named(name, interface=None):
    """The first widget named NAME anywhere in the app (waiting for it to appear)."""
    def matching():
        desktop = Atspi.get_desktop(0)
        apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
        return [a for app in apps if app for a in walk(app) if a.get_name() == name
                and (interface is None or interface in a.get_interfaces())]
    wait_for(matching)
    found = matching()
    if not found:
        sys.exit("tree-a11y: nothing named %r%s" % (name, " with " + interface if interface else ""))
    return found[0]


def text_of(acc):
    return Atspi.Text.get_text(acc, 0, Atspi.Text.get_character_count(acc))


def holds(predicate):
    """predicate(), false when a node went away while it walked the tree (a row filtered out
    or collapsed meanwhile: AT-SPI then says "The application no longer exists")."""
    try:
        return predicate()
    except gi.repository.GLib.Error:
        return False


def wait_for(predicate):
    end = time.time() + TIMEOUT
    while not holds(predicate):
        if time.time() > end:
            return 1
        time.sleep(0.2)
    return 0


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, name = argv[1], argv[2]
    if cmd == "arrow":
        row = need_expander(name)
        arrows = [a for a in walk(row) if a.get_role_name() == "push button"]
        if not arrows:
            sys.exit("tree-a11y: row %r has no arrow" % name)
        print(centre(arrows[0]))
    elif cmd in ("arrow-info", "arrow-do"):
        row = need_expander(name)
        arrows = [a for a in walk(row) if a.get_role_name() == "push button"]
        if not arrows:
            sys.exit("tree-a11y: row %r has no arrow" % name)
        if cmd == "arrow-info":
            print(" ".join([arrows[0].get_name()] + actions(arrows[0])))
        elif not actions(arrows[0]):
            sys.exit("tree-a11y: the arrow of %r has no action" % name)
        else:
            return 0 if Atspi.Action.do_action(arrows[0], 0) else 1
    elif cmd == "cell":
        wait_for(lambda: labels(name))
        found = labels(name)
        if not found:
            sys.exit("tree-a11y: no label %r" % name)
        print(centre(found[0]))
    elif cmd == "state":
        print(state(need_expander(name)))
    elif cmd == "wait":
        status = wait_for(lambda: state(need_expander(name)) == argv[3])
        print(state(need_expander(name)))
        return status
    elif cmd == "actions":
        print(" ".join(actions(need_expander(name))))
    elif cmd == "do":
        acc = need_expander(name)
        names = actions(acc)
        if argv[3] not in names:
            sys.exit("tree-a11y: %r offers %s, not %r" % (name, names, argv[3]))
        return 0 if Atspi.Action.do_action(acc, names.index(argv[3])) else 1
    elif cmd == "extent":
        e = named(name).get_extents(Atspi.CoordType.WINDOW)
        print("%d %d" % (e.x, e.width))
    elif cmd == "wait-wider":
        status = wait_for(lambda: named(name).get_extents(Atspi.CoordType.WINDOW).width
                          >= int(argv[3]))
        e = named(name).get_extents(Atspi.CoordType.WINDOW)
        print("%d %d" % (e.x, e.width))
        return status
    elif cmd == "text":
        print(text_of(named(name, "Text")))
    elif cmd == "wait-text":
        status = wait_for(lambda: text_of(named(name, "Text")) != "")
        print(text_of(named(name, "Text")))
        return status
    elif cmd == "press":
        def matching():
            desktop = Atspi.get_desktop(0)
            apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
            return [a for app in apps if app for a in walk(app)
                    if a.get_name() == name and a.get_role_name() == argv[3] and actions(a)]
        wait_for(matching)
        found = matching()
        if not found:
            sys.exit("tree-a11y: no %s named %r with an action" % (argv[3], name))
        return 0 if Atspi.Action.do_action(found[0], 0) else 1
    elif cmd == "wait-gone":
        def present():
            desktop = Atspi.get_desktop(0)
            apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
            return any(a.get_name() == name and a.get_role_name() == argv[3]
                       for app in apps if app for a in walk(app))
        return wait_for(lambda: not present())
    elif cmd == "wait-state":
        wanted = getattr(Atspi.StateType, argv[3].upper())
        return wait_for(lambda: named(name).get_state_set().contains(wanted))
    elif cmd == "has":
        return wait_for(lambda: labels(name))
    elif cmd == "lacks":
        return wait_for(lambda: not labels(name))
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    # A walk that meets a node gone meanwhile is tried again, within the bound.
    END = time.time() + TIMEOUT
    while True:
        try:
            sys.exit(main(sys.argv))
        except gi.repository.GLib.Error as e:
            if time.time() > END:
                sys.exit("tree-a11y: %s" % e.message)
            time.sleep(0.2)
