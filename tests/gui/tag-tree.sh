#!/bin/sh
# The tag tree shows the DICOM groups with numbers and names (read through AT-SPI).
. "$(dirname "$0")/common.sh"
"$T/gui-run" -W -o "$WORK/shot.png" -x 'wait-log "opened" 15' -x 'sleep 1' \
  -x "sh $T/gui-a11y dump > $WORK/a11y.txt 2>&1" \
  -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
for s in 0002 "File Meta Information" 0008 0010 Patient 0018 Acquisition 0020 0028 \
         "Image Presentation" 7FE0 "Pixel Data" Image Histogram; do
  grep -q "$s" "$WORK/a11y.txt" || { head -50 "$WORK/a11y.txt"; fail "tree lacks '$s'"; }
done
echo "PASS"
