#!/bin/sh
# Every input that ever crashed, hung or tripped a sanitizer (tests/crashers) is opened in one
# running viewer, one after another, each handed over by a second `lightbox FILE` call as a file
# manager would. After each, the window must still be alive and must have said something about
# that file: an error message (toast) or, for inputs that became readable after a fix, the image.
. "$(dirname "$0")/common.sh"
CRASHERS=$(cd "$(dirname "$0")/../crashers" && pwd)
# Plain names: the log is matched by regular expressions.
i=0
for f in "$CRASHERS"/*; do
  [ -f "$f" ] || continue
  i=$((i + 1))
  cp "$f" "$WORK/crasher$i.dcm"
  echo "crasher$i.dcm = $(basename "$f")" >> "$WORK/names.txt"
done
[ "$i" -gt 0 ] || { echo "SKIP: no crashers"; exit 77; }

actions="$WORK/actions.txt"
: > "$actions"
n=1
while [ $n -le $i ]; do
  cat >> "$actions" <<ACT
sh "$APP" "$WORK/crasher$n.dcm" &
wait-log "(toast: .*crasher$n\\.dcm|opened .*crasher$n\\.dcm)" $WAIT
sh xdotool search --onlyvisible --name Lightbox >/dev/null
ACT
  n=$((n + 1))
done

"$T/gui-run" -W -o "$WORK/last.png" -a "$actions" -- "$APP" "$WORK/phantom/CT05.dcm" \
  > "$WORK/log.txt" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  tail -n 30 "$WORK/log.txt"
  cat "$WORK/names.txt"
  fail "gui-run exit $rc: the viewer died or stopped answering (see the last crasher above)"
fi
grep -E "AddressSanitizer|runtime error:|LeakSanitizer" "$WORK/log.txt" && fail "sanitizer report"
toasts=$(grep -c "toast:" "$WORK/log.txt" || true)
echo "$i crashers opened in one viewer; $toasts error messages shown; the window stayed up"
[ "$toasts" -gt 0 ] || fail "no error message was shown for any crasher"
echo "PASS"
