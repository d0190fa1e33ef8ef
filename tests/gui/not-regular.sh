#!/bin/sh
# A FIFO and a device named like DICOM files: the viewer says it cannot open them, at once
# (a FIFO used to block the loading thread forever and the window stayed empty; /dev/zero was
# read to 2 GiB).
. "$(dirname "$0")/common.sh"
mkfifo "$WORK/x.dcm"
ln -s /dev/zero "$WORK/z.dcm"
for name in x.dcm z.dcm; do
  "$T/gui-run" -W -o "$WORK/$name.png" -x "wait-log \"toast: .*$name\" $WAIT" -x settle \
    -- "$APP" "$WORK/$name" > "$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log"; fail "gui-run $name"; }
  grep "toast:" "$WORK/$name.log"
done
# The wording is lb-error.c's; the document's error carries "a FIFO, not a regular file".
echo "PASS"
