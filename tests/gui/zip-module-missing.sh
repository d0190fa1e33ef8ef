#!/bin/sh
# The viewer's module lightbox-zip (src/app/lb-zip-module.h) broken: a zip given on the command
# line gives the status page "Could not open the zip" naming the module's path and the loader's
# reason, never a crash.
. "$(dirname "$0")/common.sh"
mkdir "$WORK/bin" "$WORK/case"
cp "$APP" "$WORK/bin/lightbox"
printf 'not a shared object\n' > "$WORK/bin/lightbox-zip.so"
cp "$WORK/phantom/CT12.dcm" "$WORK/case/"
(cd "$WORK" && /usr/bin/python3 -c 'import zipfile; zipfile.ZipFile("case.zip", "w").write("case/CT12.dcm")') \
  || fail "could not make the zip"
{ echo "wait-log \"zip not opened: .*$WORK/bin/lightbox-zip.so\" $WAIT"
  echo "wait-log \"start-up finished\" $WAIT"
  echo "settle"
  echo "shot $WORK/status.png"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$WORK/bin/lightbox" \
  "$WORK/case.zip" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -E "lightbox-zip.so" "$WORK/log.txt"
if [ -n "${LB_GUI_KEEP:-}" ]; then cp "$WORK/status.png" "${TMPDIR:-/tmp}/zip-module-missing.png"; fi
echo "PASS"
