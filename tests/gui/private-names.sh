#!/bin/sh
# The tag tree names a private element from the private dictionary, with its creator: a person
# searches for "horiz" in a GE CT and finds "Horiz. Frame of ref. (GEMS_ACQU_01)", DS.
. "$(dirname "$0")/common.sh"
GE=${LB_CORPUS:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpus}/imgproc/ID_0052_AGE_0072_CONTRAST_0_CT.dcm
[ -f "$GE" ] || { echo "SKIP: $GE missing"; exit 77; }
NAME='Horiz. Frame of ref. (GEMS_ACQU_01)'
# Click the middle of the search entry where AT-SPI says it is drawn, then type.
cat > "$WORK/click-search.sh" <<EOS
set -e
"$T/gui-a11y" find 'Search tags' --role entry > "$WORK/entry.txt"
set -- \$(sed -n 's/.*@\([0-9]*\),\([0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/p' "$WORK/entry.txt" | head -n 1)
xdotool mousemove --window "\$WID" \$((\$1 + \$3 / 2)) \$((\$2 + \$4 / 2)) click 1
EOS
"$T/gui-run" -W -o "$WORK/shot.png" -x 'wait-log "opened" 15' \
  -x "sh sh $WORK/click-search.sh" -x 'type horiz' \
  -x "sh $T/gui-a11y find '$NAME' --role label --timeout 30 > $WORK/found.txt 2>&1" \
  -x "sh $T/gui-a11y dump > $WORK/a11y.txt 2>&1" \
  -- "$APP" "$GE" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt" "$WORK/found.txt"; fail "gui-run"; }
grep -qF "$NAME" "$WORK/found.txt" || { cat "$WORK/found.txt"; fail "no '$NAME' in the tree"; }
# Its row: the tag before the name, the private dictionary's VR after it.
grep -A4 -F "'(0019,100F)'" "$WORK/a11y.txt" | grep -qF "'DS'" \
  || { grep -B4 -A8 -F "$NAME" "$WORK/a11y.txt"; fail "(0019,100F) is not DS"; }
echo "PASS"
