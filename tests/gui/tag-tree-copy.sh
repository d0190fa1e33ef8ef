#!/bin/sh
# Copying from the tag tree as a person does: a right-click on a row opens the menu for that
# row (it used to copy whatever row was selected before, or nothing), Copy Value, then the
# value is pasted into the search box and read back through AT-SPI. A right-click on a column
# header opens the header menu (the optional columns) instead.
. "$(dirname "$0")/common.sh"
CT=$(sample dicompyler-core/ct.0.dcm) || exit 1
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-metadata-view"  # "copied ..."
A="/usr/bin/python3 $(cd "$(dirname "$0")" && pwd)/tree-a11y.py"

cat > "$WORK/actions" <<ACTIONS
$(ready ct.0.dcm)
sh xy=\$($A arrow 0020) && xdotool mousemove --window \$WID \$xy click 1
sh $A wait 0020 expanded
sh xy=\$($A cell 'Image Position (Patient)') && xdotool mousemove --window \$WID \$xy click 3
sh $A press 'Copy Value' 'menu item'
wait-log 'copied' $WAIT
sh $A wait-gone 'Copy Value' 'menu item'
key ctrl+f
sh $A wait-state 'Search tags' focused
key ctrl+v
sh $A wait-text 'Search tags' > $WORK/pasted.txt
key ctrl+a BackSpace
sh xy=\$($A cell Value) && xdotool mousemove --window \$WID \$xy click 3
sh $T/gui-a11y find Offset --role 'menu item' --timeout $WAIT > $WORK/header-menu.txt 2>&1
ACTIONS
"$T/gui-run" -W -s 1280x800 -a "$WORK/actions" -- "$APP" "$CT" > "$WORK/log.txt" 2>&1 \
  || cat "$WORK/log.txt"
grep "gui-run: action" "$WORK/log.txt"
printf "pasted: %s\n" "$(cat "$WORK/pasted.txt" 2>/dev/null)"
cat "$WORK/header-menu.txt" 2>/dev/null
grep -qx -- '-275\\-524\\168.5593' "$WORK/pasted.txt" || fail "Copy Value did not copy the right-clicked row's value"
grep -q "menu item. 'Offset'" "$WORK/header-menu.txt" || fail "no header menu with the Offset column"
echo "PASS"
