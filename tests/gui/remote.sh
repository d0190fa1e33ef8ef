#!/bin/sh
# The Remote place (issue 14 §2, §3): against a real Orthanc on loopback holding the phantom
# (tests/orthanc.py, authentication on), a person picks the Remote place of the sidebar, types a
# patient name with a wildcard, clicks Search, then clicks the phantom's series row where it is
# drawn: the series is retrieved into the cache and its first image is shown (the 'shown:' line),
# then the whole series is listed. The server is configured the way the viewer stores it
# (GSettings key remote-servers, here in a keyfile backend); the password comes through
# LIGHTBOX_REMOTE_PASSWORD, the test path, so no keyring is needed.
# LB_REMOTE_SHOT=FILE keeps the screenshot of the retrieved series (screenshots/remote.png);
# `remote.sh ko` (or LB_REMOTE_LANG=ko) runs it in Korean.
LB_REMOTE_LANG=${LB_REMOTE_LANG:-${1:-}}
. "$(dirname "$0")/common.sh"
PY=/usr/bin/python3
why=$("$PY" -c "import sys; sys.path.insert(0, '$G/..'); import orthanc; print(orthanc.missing() or '')")
[ -z "$why" ] || { echo "SKIP: $why"; exit 77; }
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-remote"
export LANGUAGE="${LB_REMOTE_LANG:-C}" LANG=C.UTF-8   # English unless asked: the checks read words

"$PY" "$G/remote-server.py" "$WORK/phantom" "$WORK/url" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; [ -n "${LB_GUI_KEEP:-}" ] || rm -rf "$WORK"' EXIT
i=0
while [ ! -s "$WORK/url" ]; do   # bounded poll for the server's answer, not a fixed wait
  kill -0 $SERVER 2>/dev/null || { cat "$WORK/server.log"; fail "Orthanc did not start"; }
  i=$((i + 1)); [ $i -le $((WAIT * 10)) ] || fail "Orthanc did not load the phantom"
  sleep 0.1
done
URL=$(cat "$WORK/url")
cat "$WORK/server.log"

export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
# LB_REMOTE_SIDEBAR=PX widens the sidebar for the README's screenshot (the checks hold either way).
printf "[io/github/lightboxviewer/Lightbox]\nremote-servers=[('Class Orthanc', '%s', 'teacher')]\nsidebar-width=%s\n" \
  "$URL" "${LB_REMOTE_SIDEBAR:-200}" > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
export LIGHTBOX_REMOTE_PASSWORD=class-secret-2026

SERIES="Head, chest, abdomen (synthetic)"
# What AT-SPI and the toast say, in English or (LB_REMOTE_LANG=ko) Korean.
PLACE=Remote NAME="Patient name" PASSWORD=Password
WRONG="The server did not accept the user name or password"
UPLOAD="Upload to Class Orthanc" WHOLE="Whole _Series Whole Series"
UPLOADED="24 files uploaded to Class Orthanc"
if [ "${LANGUAGE:-}" = ko ]; then
  PLACE=원격 NAME="환자 이름" PASSWORD=암호
  WRONG="서버가 사용자 이름이나 암호를 받아들이지 않았습니다"
  UPLOAD="Class Orthanc에 올릴까요" WHOLE="시리즈 전체(_S) 시리즈 전체(S)"
  UPLOADED="파일 24개를 Class Orthanc에 올렸습니다"
fi
START=$(cd "$G/.." && pwd)/samples/pydicom-data/693_J2KR.dcm
{ ready 693_J2KR.dcm
  echo "shot $WORK/before.png"
  echo "sh $G/click-a11y '$PLACE' 'page tab'"
  # A wrong password typed in the form (it wins over the keyring and the variable): the 401
  # message, as a toast.
  echo "sh $G/click-a11y '$PASSWORD' 'password text'"
  echo "type not-the-password"
  echo "sh $G/click-a11y '$NAME' 'text'"
  echo "type Phantom*"
  echo "key Return"
  echo "wait-log \"toast: $WRONG\" $WAIT"
  echo "sh $G/click-a11y '$PASSWORD' 'password text'"
  echo "key ctrl+a BackSpace"
  echo "sh $G/click-a11y '$NAME' 'text'"
  echo "key Return"
  echo "wait-log \"remote search: 1 studies of 1 patients\" $WAIT"
  echo "wait-log \"remote search complete\" $WAIT"
  echo "settle"
  echo "shot $WORK/results.png"
  echo "sh $G/click-a11y '$SERIES' 'label'"
  echo "wait-log \"remote: first instance arrived\" $WAIT"
  echo "wait-log \"shown: [0-9.]+\\.dcm frame\" $WAIT"
  echo "wait-log \"remote: retrieved [0-9]+ instances\" $WAIT"
  # The Files place lists the whole series once it is in (also when it was all in before the
  # first image had loaded).
  echo "wait-log \"scanned 24 DICOM files\" $WAIT"
  echo "settle"
  echo "shot $WORK/retrieved.png"
  # Upload to Server… (Ctrl+U) of the whole series, to a server emptied meanwhile: it holds the
  # 24 instances again.
  echo "sh $PY $G/remote-server.py --clear $URL"
  echo "sh [ \$($PY $G/remote-server.py --count $URL) = 0 ]"
  echo "key ctrl+u"
  echo "wait-log \"upload dialog shown\" $WAIT"
  echo "sh \"$G/wait-window\" \"$UPLOAD\" $WAIT"
  echo "shot $WORK/upload-dialog.png"
  echo "sh WID=\$(xdotool search --onlyvisible --name '$UPLOAD' | head -1) $G/click-a11y '$WHOLE' 'push button'"
  echo "wait-log \"remote: uploaded 24 files\" $WAIT"
  echo "wait-log \"toast: $UPLOADED\" $WAIT"
  echo "sh $PY $G/remote-server.py --count $URL > $WORK/count.txt"
} > "$WORK/actions.txt"
"$T/gui-run" -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$START" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
[ -n "${LB_REMOTE_SHOT:-}" ] && cp "$WORK/retrieved.png" "$LB_REMOTE_SHOT"
grep -E "remote|shown: [0-9.]+\.dcm frame" "$WORK/log.txt" | head -20
# (gui-run echoes its own actions, the typing too: only the app's lines count)
grep -v "^gui-run:" "$WORK/log.txt" | grep -q "class-secret-2026\|not-the-password" && fail "a password is in the log"
n=$(grep -o "remote: retrieved [0-9]* instances" "$WORK/log.txt" | grep -o "[0-9]*")
[ "$n" = 24 ] || fail "retrieved $n instances, not the phantom's 24"
set -- "$XDG_CACHE_HOME"/lightbox/remote/*/*/*.dcm
[ $# -eq 24 ] || fail "$# files in the cache, not 24"
# The first image shown is the first retrieved file, opened from the progress callback.
first=$(grep -o "first instance arrived: .*" "$WORK/log.txt" | sed 's/.*: //')
[ -f "$first" ] || fail "the first instance $first is not in the cache"
grep -q "opened $first" "$WORK/log.txt" || fail "the first instance was not opened"
[ "$(cat "$WORK/count.txt")" = 24 ] || fail "the server holds $(cat "$WORK/count.txt") instances after the upload, not 24"
[ "$(grep -c "remote error" "$WORK/log.txt")" = 1 ] || fail "an error besides the wrong password"
# The pixels of the retrieved files are the phantom's (pydicom reads both).
"$PY" - "$WORK/phantom" "$XDG_CACHE_HOME/lightbox/remote" <<'PYEOF' || fail "retrieved pixels differ"
import glob, sys
import pydicom
src = {pydicom.dcmread(p).SOPInstanceUID: pydicom.dcmread(p).PixelData
       for p in glob.glob(sys.argv[1] + "/*.dcm")}
got = glob.glob(sys.argv[2] + "/*/*/*.dcm")
for p in got:
    ds = pydicom.dcmread(p)
    assert ds.PixelData == src[ds.SOPInstanceUID], p
print(len(got), "retrieved files equal the phantom in pixels")
PYEOF
# The canvas shows the phantom now, not the image the viewer was opened on.
d=$(diffpx "$WORK/before.png" "$WORK/retrieved.png" "$CANVAS")
echo "$d canvas pixels changed"
[ "$d" -gt 10000 ] || fail "the retrieved image is not on the canvas"
# The slice count follows the series as it is completed.
grep -q "title: .* — .*1.*24" "$WORK/log.txt" || fail "the title does not count the 24 slices"
echo "PASS"
