# shellcheck shell=bash
# LANG=ko_KR.UTF-8 shows the Korean interface, with columns aligned by display width,
# and Korean typed into the filter prompt stays aligned.
source "$top_srcdir/tests/ui/lib-images.sh"

if ! locale -a 2>/dev/null | grep -qi '^ko_KR\.utf-\?8$'; then
	t_fail "the ko_KR.UTF-8 locale is installed (scripts/deps.sh builds it)"
	return 0 2>/dev/null || exit 0
fi

# The catalog of the build tree, laid out as gettext looks for it.
mkdir -p "$RIG_DIR/locale/ko/LC_MESSAGES"
gmo=$top_builddir/po/ko.gmo
[[ -f $gmo ]] || gmo=$top_srcdir/po/ko.gmo
cp "$gmo" "$RIG_DIR/locale/ko/LC_MESSAGES/budu.mo"
UI_ENV=(LANG=ko_KR.UTF-8 "BUDU_LOCALEDIR=$RIG_DIR/locale")
UI_COLS=120 UI_ROWS=30
ui_start
t_ok "Korean column headers" ui_wait_for '^저장소 +태그 +이미지 ID +생성( ▼)? +크기'
t_ok "Korean status line" ui_wait_for '이미지 [0-9]+개'
# Column starts line up by display width: the ID column starts at the same column on the header
# and on every row (the headers are double-width Hangul).
cols=$(ui_screen | sed -n '2,8p' | while IFS= read -r line; do
	prefix=${line%%[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f] *}
	[[ $prefix == "$line" ]] && prefix=${line%%이미지 ID*}
	printf '%s' "$prefix" | LC_ALL=ko_KR.UTF-8 wc -L
done | sort -u | wc -l)
t_eq "the IMAGE ID column starts at one display column on every row" 1 "$cols"
ui_keys '?'
t_ok "Korean help, with its footer in Korean" ui_wait_for '아래에 더 있습니다'
# j scrolls a line at a time: down until the general keys (q: 종료) come into view
# (each j waits until the screen has moved, at most a second)
for _ in $(seq 80); do
	before=$(ui_screen)
	grep -q '종료' <<<"$before" && break
	ui_keys j
	for _ in $(seq 20); do [[ $(ui_screen) != "$before" ]] && break; sleep 0.05; done
done
t_ok "Korean help, scrolled to the general keys" ui_wait_for '종료'
ui_keys Escape
ui_keys /
ui_type "한국"
t_ok "Korean typed into the filter" ui_wait_for '^필터: 한국'
t_ok "no row matches Hangul: said in Korean" ui_wait_for '필터와 일치하는 이미지가 없습니다'
ui_keys Escape
ui_stop
UI_ENV=()

# What the README's first command does after building: make install. The catalog and the man
# page land where the installed budu and man look (checked under a DESTDIR).
inst=$T_TMP/inst
t_ok "make install (DESTDIR)" make -s -C "$top_builddir" install DESTDIR="$inst"
prefix=$(sed -n 's/^prefix = //p' "$top_builddir/Makefile")
localedir=$(sed -n 's/^localedir = //p' "$top_builddir/Makefile" | sed "s|\${datarootdir}|$prefix/share|; s|\$(datarootdir)|$prefix/share|")
t_ok "the Korean catalog is installed in the localedir budu was built with ($localedir)" \
	test -f "$inst$localedir/ko/LC_MESSAGES/budu.mo"
t_ok "the man page is installed" test -f "$inst$prefix/share/man/man1/budu.1"
UI_ENV=(LANG=ko_KR.UTF-8 "BUDU_LOCALEDIR=$inst$localedir")
BUDU=$inst$prefix/bin/budu ui_start
t_ok "the installed budu speaks Korean with the installed catalog" ui_wait_for '^저장소 +태그 +이미지 ID +생성( ▼)? +크기'
ui_stop
UI_ENV=()
