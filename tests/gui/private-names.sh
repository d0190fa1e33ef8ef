#!/bin/sh
# The tag tree names a private element from the private dictionary, with its creator: a person
# searches for "horiz" in a GE CT and finds "Horiz. Frame of ref. (GEMS_ACQU_01)", DS. The GE CT
# is pydicom's CT_small.dcm (MIT), which holds GE's private groups, so the test always runs.
. "$(dirname "$0")/common.sh"
GE=$(pydicom_file CT_small.dcm) || exit 1
mkdir "$WORK/ge" && cp "$GE" "$WORK/ge/" || fail "could not copy $GE"   # its folder alone in the sidebar
NAME='Horiz. Frame of ref. (GEMS_ACQU_01)'
# Click the middle of the search entry where AT-SPI says it is drawn, then type.
cat > "$WORK/click-search.sh" <<EOS
set -e
"$T/gui-a11y" find 'Search tags' --role entry --timeout $WAIT > "$WORK/entry.txt"
set -- \$(sed -n 's/.*@\([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/p' "$WORK/entry.txt" | head -n 1)
xdotool mousemove --window "\$WID" \$((\$1 + \$3 / 2)) \$((\$2 + \$4 / 2)) click 1
EOS
# The search refilters the tree as each letter arrives, and AT-SPI hears of it later: read the
# tree again (a walk can also meet a row that just went away) until the row is there with its
# VR, within the bound.
cat > "$WORK/read-row.sh" <<EOS
end=\$(( \$(date +%s) + $WAIT ))
until "$T/gui-a11y" dump > "$WORK/a11y.txt" 2>&1 && grep -qF "'$NAME'" "$WORK/a11y.txt" \
      && grep -A4 -F "'(0019,100F)'" "$WORK/a11y.txt" | grep -qF "'DS'"; do
  [ "\$(date +%s)" -lt "\$end" ] || exit 0   # the checks below say what is missing
  sleep 0.2
done
EOS
{ ready CT_small.dcm
  echo "sh sh $WORK/click-search.sh"
  echo "type horiz"
  echo "sh sh $WORK/read-row.sh"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/shot.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/ge/CT_small.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -F "$NAME" "$WORK/a11y.txt" || { tail -n 30 "$WORK/a11y.txt"; fail "no '$NAME' in the tree"; }
# Its row: the tag before the name, the private dictionary's VR after it.
grep -A4 -F "'(0019,100F)'" "$WORK/a11y.txt" | grep -qF "'DS'" \
  || { grep -B4 -A8 -F "$NAME" "$WORK/a11y.txt"; fail "(0019,100F) is not DS"; }
echo "PASS"
