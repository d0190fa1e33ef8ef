#!/bin/sh
# The tag tree shows the DICOM groups with numbers and names (read through AT-SPI).
. "$(dirname "$0")/common.sh"
want='0002|File Meta Information|0008|0010|Patient|0018|Acquisition|0020|0028|Image Presentation|7FE0|Pixel Data|Image|Histogram'
# AT-SPI hears of new rows asynchronously: read the tree again until every name is there.
cat > "$WORK/read-tree.sh" <<SH
end=\$(( \$(date +%s) + $WAIT ))
while :; do
  "$T/gui-a11y" dump > "$WORK/a11y.txt" 2>&1
  missing=0
  IFS='|'; for s in \$(echo '$want'); do grep -q "\$s" "$WORK/a11y.txt" || missing=1; done
  [ \$missing = 0 ] && exit 0
  [ "\$(date +%s)" -lt "\$end" ] || exit 0   # the checks below say what is missing
  sleep 0.2
done
SH
{ ready CT12.dcm
  echo "sh sh $WORK/read-tree.sh"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/shot.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
IFS='|'
for s in $want; do
  grep -q "$s" "$WORK/a11y.txt" || { head -50 "$WORK/a11y.txt"; fail "tree lacks '$s'"; }
done
echo "PASS"
