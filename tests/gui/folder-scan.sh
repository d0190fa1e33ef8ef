#!/bin/sh
# Opening one file lists its folder only; opening a folder reads its subfolders too (issue 10
# §5; the progress and the Stop button are tested in test-gui-viewer.c). A file in ~/Downloads
# used to crawl everything below its folder.
. "$(dirname "$0")/common.sh"

# A tree: 2 slices at the top, 3 in each of three nested subfolders.
TREE="$WORK/tree"
mkdir -p "$TREE/a/b/c"
cp "$WORK/phantom/CT01.dcm" "$WORK/phantom/CT02.dcm" "$TREE/"
cp "$WORK/phantom/CT03.dcm" "$WORK/phantom/CT04.dcm" "$WORK/phantom/CT05.dcm" "$TREE/a/"
cp "$WORK/phantom/CT06.dcm" "$WORK/phantom/CT07.dcm" "$WORK/phantom/CT08.dcm" "$TREE/a/b/"
cp "$WORK/phantom/CT09.dcm" "$WORK/phantom/CT10.dcm" "$WORK/phantom/CT11.dcm" "$TREE/a/b/c/"
# In the deepest folder, a link to a slice (read: the 12th file) and a link to a pipe (never
# opened: that waits for a writer forever, and the scan never ended).
mkfifo "$WORK/pipe"
ln -s "$WORK/phantom/CT12.dcm" "$TREE/a/b/c/link.dcm"
ln -s "$WORK/pipe" "$TREE/a/b/c/pipe.dcm"

# 1. One file: its folder's 2 files, no subfolder read.
"$T/gui-run" -W -o "$WORK/file.png" -x "wait-log \"scanned [0-9]+ DICOM files\" $WAIT" \
  -- "$APP" "$TREE/CT01.dcm" > "$WORK/log1.txt" 2>&1 || { cat "$WORK/log1.txt"; fail "gui-run"; }
grep "scann" "$WORK/log1.txt"
grep -q "scanned 2 DICOM files" "$WORK/log1.txt" || fail "opening one file read its subfolders"

# 2. The folder: all 12, in every subfolder.
"$T/gui-run" -W -o "$WORK/folder.png" -x "wait-log \"scanned [0-9]+ DICOM files\" $WAIT" \
  -x "wait-log opened $WAIT" -- "$APP" "$TREE" > "$WORK/log2.txt" 2>&1 \
  || { cat "$WORK/log2.txt"; fail "gui-run"; }
grep "scanned" "$WORK/log2.txt"
grep -q "scanned 12 DICOM files" "$WORK/log2.txt" || fail "opening the folder missed subfolders"

echo "PASS"
