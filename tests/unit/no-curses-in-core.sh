#!/bin/sh
# The core (src/) must not depend on curses: views live in ui/.
echo "1..1"
found=$(grep -lE '#include *[<"](n?curses|ncursesw/|term\.h)' "${top_srcdir:-.}"/src/*.[ch] 2>/dev/null)
if [ -z "$found" ]; then
	echo "ok 1 - src/ includes no curses header"
else
	echo "not ok 1 - src/ includes curses: $found"
fi
