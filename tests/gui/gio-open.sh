#!/bin/sh
# After `meson install` (into a scratch DESTDIR) and update-desktop-database, `gio open
# file.dcm` in a desktop session starts Lightbox with that file.
. "$(dirname "$0")/common.sh"
command -v gio >/dev/null && command -v update-desktop-database >/dev/null \
  || { echo "SKIP: gio or desktop-file-utils missing"; exit 77; }
BUILD=${LB_BUILD_ROOT:-build}
DEST="$WORK/dest"
meson install -C "$BUILD" --destdir "$DEST" --no-rebuild --quiet >"$WORK/install.log" 2>&1 \
  || { tail "$WORK/install.log"; fail "meson install"; }
PREFIX=$(meson introspect "$BUILD" --buildoptions | /usr/bin/python3 -c \
  'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
SHARE="$DEST$PREFIX/share"
[ -f "$SHARE/applications/io.github.lightboxviewer.Lightbox.desktop" ] || fail "no desktop file"
[ -x "$DEST$PREFIX/bin/lightbox" ] || fail "no binary"
update-desktop-database "$SHARE/applications"
grep -q "application/dicom=io.github.lightboxviewer.Lightbox.desktop" "$SHARE/applications/mimeinfo.cache" \
  || fail "mimeinfo.cache lacks application/dicom"
cp "$WORK/phantom/CT07.dcm" "$WORK/lesson.dcm"
export XDG_DATA_DIRS="$SHARE:/usr/share"
export XDG_DATA_HOME="$WORK/home-share"
export PATH="$DEST$PREFIX/bin:$PATH"
# gui-run waits for a window: the command is gio, and the window is the one gio starts.
"$T/gui-run" -W -o "$WORK/shot.png" -x "wait-log 'shown: lesson.dcm frame' $WAIT" \
  -- sh -c "gio open '$WORK/lesson.dcm' && sleep 3600" > "$WORK/log.txt" 2>&1 \
  || { cat "$WORK/log.txt"; fail "gui-run"; }
grep "opened" "$WORK/log.txt"
m=$(mean "$WORK/shot.png" "$CANVAS")
echo "canvas mean grey $m"
awk "BEGIN { exit !($m > 0.05) }" || fail "canvas is black"
echo "PASS"
