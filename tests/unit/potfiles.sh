#!/bin/sh
# Every source file with translatable strings is in po/POTFILES.in, and po/ko.po translates
# every message of the sources (else Korean users meet English).
top=${top_srcdir:-.}
echo "1..2"
missing=
for f in "$top"/src/*.[ch] "$top"/ui/*.[ch]; do
	rel=${f#"$top"/}
	grep -qE '(^|[^A-Za-z0-9_])N?_\("' "$f" || continue
	grep -qxF "$rel" "$top/po/POTFILES.in" || missing="$missing $rel"
done
if [ -z "$missing" ]; then
	echo "ok 1 - po/POTFILES.in names every file with translatable strings"
else
	echo "not ok 1 - po/POTFILES.in lacks:$missing"
fi
if ! command -v xgettext >/dev/null || ! command -v msgcmp >/dev/null; then
	echo "not ok 2 - xgettext and msgcmp (gettext) are needed to compare po/ko.po with the sources"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
(cd "$top" && grep -v '^#' po/POTFILES.in | xargs xgettext --from-code=UTF-8 -k_ -kN_ -kngettext:1,2 \
	-c'TRANSLATORS:' -o "$tmp/budu.pot" 2>"$tmp/err")
if msgcmp --use-untranslated "$top/po/ko.po" "$tmp/budu.pot" >"$tmp/out" 2>&1 &&
	[ "$(msgattrib --only-fuzzy "$top/po/ko.po" 2>/dev/null | grep -c '^msgid')" = 0 ]; then
	echo "ok 2 - po/ko.po translates every message of the sources (none fuzzy)"
else
	echo "not ok 2 - po/ko.po is not complete:"
	sed 's/^/# /' "$tmp/out" | head -n 20
fi
