#!/bin/sh
# The viewer's module lightbox-remote (src/app/lb-remote-module.h) broken: the viewer starts and
# shows its image as always; the Remote place, when picked, says that remote servers are
# unavailable and why (the module's path, the loader's reason), and Upload to Server… (Ctrl+U)
# says so in a toast; the app stays up and answers. Run with `ko` for the Korean words.
. "$(dirname "$0")/common.sh"
if [ "${1:-}" = ko ]; then export LANGUAGE=ko LANG=C.UTF-8; fi
PLACE=Remote UNAVAILABLE="Remote Servers Unavailable"
if [ "${LANGUAGE:-}" = ko ]; then PLACE=원격 UNAVAILABLE="원격 서버를 사용할 수 없음"; fi
# A copy of the viewer with a module beside it that is not a library (the copy finds its modules
# in its own folder first).
mkdir "$WORK/bin"
cp "$APP" "$WORK/bin/lightbox"
printf 'not a shared object\n' > "$WORK/bin/lightbox-remote.so"
{ ready CT12.dcm
  echo "sh $G/click-a11y '$PLACE' 'page tab'"
  echo "wait-log \"$WORK/bin/lightbox-remote.so\" $WAIT"
  echo "settle"
  echo "shot $WORK/remote-page.png"
  echo "key ctrl+u"
  echo "wait-log \"toast: $UNAVAILABLE\" $WAIT"
  echo "key Escape"
  echo "key 6"
  echo "wait-log \"window preset\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$WORK/bin/lightbox" \
  "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -E "lightbox-remote.so|toast:" "$WORK/log.txt"
if [ -n "${LB_GUI_KEEP:-}" ]; then cp "$WORK/remote-page.png" "${TMPDIR:-/tmp}/"; fi
echo "PASS"
