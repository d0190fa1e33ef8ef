#!/bin/sh
# File ▸ Export Image (Ctrl+E) after the lung preset (key 6) writes, through the save dialog,
# the same PNG as `lightbox-cli export --preset lung`: the window on screen is the one exported.
. "$(dirname "$0")/common.sh"
{ ready CT12.dcm
  echo "key 6"
  echo "wait-log \"window preset C -600 W 1500\" $WAIT"
  echo "key ctrl+e"
  focus_dialog "Export Image"
  echo "key ctrl+a"
  echo "type $WORK/lung.png"
  accepts "Export Image" Export
  echo "key Return"
  echo "wait-log \"exported .*lung.png\" $WAIT"
  echo "wait-log \"toast: Exported\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/shot.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
[ -s "$WORK/lung.png" ] || fail "no PNG written"
"$CLI" export --preset lung "$WORK/phantom/CT12.dcm" -o "$WORK/cli.png" >/dev/null || fail "lightbox-cli export"
n=$(compare -metric AE "$WORK/lung.png" "$WORK/cli.png" null: 2>&1 | cut -d' ' -f1)
echo "pixels differing from lightbox-cli export --preset lung: $n"
[ "$n" = 0 ] || fail "the exported image is not the lung window"
# And the window was not the file's own: the default export differs.
"$CLI" export "$WORK/phantom/CT12.dcm" -o "$WORK/default.png" >/dev/null || fail "lightbox-cli export"
n=$(compare -metric AE "$WORK/lung.png" "$WORK/default.png" null: 2>&1 | cut -d' ' -f1)
[ "$n" -gt 1000 ] || fail "the export ignored the window on screen"
grep -q "toast: Exported" "$WORK/log.txt" || fail "no message said the image was exported"
echo "PASS"
