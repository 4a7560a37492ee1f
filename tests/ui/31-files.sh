# shellcheck shell=bash
# f in an image's details: the Files tab reads the image's archive and shows its layers and, for
# the selected one, its files with A/M/R marks; v, m, o, / and L change what the tree shows;
# Enter opens a file in the pager, X extracts, w lists the wasted space (as dive counts it);
# names with escapes are drawn escaped; a second look comes from the session's cache.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

# Layers: 1 adds /data/a.txt and a 100 KB /data/big, 2 rewrites a.txt, 3 removes big (a
# whiteout), 4 adds a name with a space, a Korean one and one with an escape sequence.
ctx=$T_TMP/ctx
mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<'EOF'
FROM bb:1.0
RUN mkdir /data && printf hello > /data/a.txt && dd if=/dev/zero of=/data/big bs=1024 count=100 2>/dev/null
RUN printf 'hello, modified\n' > /data/a.txt
RUN rm /data/big
RUN printf 'spaced\n' > '/data/with space.txt' && printf 'annyeong\n' > /data/안녕.txt && printf 'evil\n' > "/data/evil$(printf '\033')[2Jname"
EOF
DOCKER_BUILDKIT=0 "$D" build -q -t demo/files:1 "$ctx" >/dev/null 2>&1
t_ok "the test image builds" "$D" image inspect demo/files:1
id=$("$D" image inspect --format '{{.Id}}' demo/files:1)
short=${id#sha256:}
short=${short:0:12}

open_image() {
	ui_keys /
	ui_type "$1"
	ui_keys Enter
	ui_wait_for "^${1//./\\.} " 5 >/dev/null || return 1
	local line
	line=$(ui_screen | grep -n -m1 -E "^${1//./\\.} " | cut -d: -f1)
	for ((i = 3; i < line; i++)); do ui_keys j; done
	ui_keys Enter
	ui_wait_for ' Inspect .* History \([0-9]+\) .* Containers \([0-9]+\) +Files' 10
}

# The two sides of the tab, split at the bar; the tree's rows without the bar's padding.
left() { ui_screen | awk -F'│' 'NF > 1 { print $1 }' | sed 's/ *$//'; }
right() { ui_screen | awk -F'│' 'NF > 1 { print $2 }' | sed 's/^ //; s/ *$//' | sed '/^$/d'; }
# The names of the tree's rows, in order.
names() {
	right | sed -E 's/^. [-a-zA-Z]{10} [0-9]+:[0-9]+ +([0-9.]+[kMGT]?B)? +//; s/^(▸|▾) //' | paste -sd' '
}

UI_COLS=160 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null
t_ok "Enter opens the details, with a Files tab" open_image demo/files
ui_keys f
t_ok "f reads the image: the summary names its size and layers" ui_wait_for 'Image [0-9.]+[kM]?B in 5 layers' 30

# The layers, oldest first, with the steps that made them.
t_match "layer 1 is the first RUN" '^1 +102kB +RUN mkdir /data' "$(left)"
t_match "layer 2 rewrites a.txt" "^2 +16B +RUN printf 'hello, modified" "$(left)"
t_match "layer 3 removes big" '^3 +0B +RUN rm /data/big' "$(left)"
t_match "layer 4 adds the odd names" "^4 +21B +RUN printf 'spaced" "$(left)"
t_match "the base layer's files are all added" '^A drwxr-xr-x 0:0 +[0-9.]+[kM]B ▸ bin/$' "$(right)"

# Wasted space as dive counts it: big (100 KB, then its whiteout) and both versions of a.txt.
wasted=$((100 * 1024 + 5 + 16))
want=$(awk -v b=$wasted 'BEGIN { printf "%.3gkB", b / 1000 }')
t_match "the summary shows the wasted space ($want) and the efficiency" \
	"wasted $want \([0-9]+%\) · efficiency [0-9]+%" "$(ui_screen | sed -n 3p)"

# ] and the marks: A in layer 1, M in layer 2, R in layer 3.
ui_keys ']' E
t_ok "] goes to layer 1: a.txt and big are added" ui_wait_for '│ A -rw-r--r-- 0:0 +102kB +big$' 5
t_match "a.txt too" '^A -rw-r--r-- 0:0 +5B +a\.txt$' "$(right)"
ui_keys ']' E
t_ok "layer 2 modifies a.txt" ui_wait_for '│ M -rw-r--r-- 0:0 +16B +a\.txt' 5
ui_keys ']' E
t_ok "layer 3 removes big: R" ui_wait_for '│ R -rw-r--r-- 0:0 +102kB +big' 5
t_eq "its changes are the folder and the removed file" 2 "$(right | wc -l)"

# v: the file system after layer 3 (busybox's bin/ is there); the removal still marked.
ui_keys v g
t_ok "v shows the files after the layer" ui_wait_for '│ +drwxr-xr-x 0:0 +[0-9.]+MB ▾ bin/' 5
t_match "the status line says which view" 'after layer 3' "$(ui_screen | tail -n 1)"
ui_keys m
t_ok "m shows only what changed" ui_wait_gone 'bin/' 5
t_match "the removed file stays" '^R -rw-r--r-- 0:0 +102kB +big$' "$(right)"
ui_keys m

# o: by size, largest first (etc/ is 40B, data/ 37B), then by name again.
ui_keys ']' C g
ui_wait_for 'after layer 4' 5 >/dev/null
t_eq "by name, data/ comes before etc/" "bin/ data/ etc/ srv/ tmp/" "$(names)"

# Space and the arrows fold and unfold one folder in place (files_fold_cursor): its rows go in
# below it, before etc/, and out again.
ui_keys j Space
t_ok "Space unfolds data/" ui_wait_for '▾ data/$' 5
t_match "its files come between data/ and etc/" '^bin/ data/ a\.txt .* 안녕\.txt etc/ srv/ tmp/$' "$(names)"
ui_keys j Left
t_ok "Left on a file goes up to its folder" ui_wait_for '^ /data( · .*)?$' 5
ui_keys Left
t_ok "Left on an unfolded folder folds it" ui_wait_for '▸ data/$' 5
t_eq "the folded tree again" "bin/ data/ etc/ srv/ tmp/" "$(names)"
ui_keys Right
t_ok "Right unfolds it" ui_wait_for '▾ data/$' 5
t_match "with the same rows" '^bin/ data/ a\.txt .* 안녕\.txt etc/ srv/ tmp/$' "$(names)"
ui_keys Space
t_ok "Space folds it again" ui_wait_for '▸ data/$' 5
t_eq "as it was" "bin/ data/ etc/ srv/ tmp/" "$(names)"
ui_keys o
t_ok "o sorts by size" ui_wait_for 'by size' 5
t_eq "by size, etc/ (40B) comes before data/ (37B)" "bin/ etc/ data/ srv/ tmp/" "$(names)"
ui_keys o

# / filters by a glob; Esc clears it.
ui_keys /
ui_type '*.txt'
ui_keys Enter
t_ok "a glob keeps the matching files, unfolded" ui_wait_for '│ A -rw-r--r-- 0:0 +9B +안녕\.txt' 5
t_match "the name with a space is there" 'A -rw-r--r-- 0:0 +7B +with space\.txt' "$(right)"
t_eq "and nothing else" "data/ a.txt with space.txt 안녕.txt" "$(names)"
ui_keys Escape
t_ok "Esc clears the filter" ui_wait_for '▸ bin/' 5

# A name with an escape sequence is drawn escaped, and the screen is not cleared by it.
title_before=$(ui__tmux display-message -p '#{pane_title}')
ui_keys /
ui_type 'evil'
ui_keys Enter
t_ok "a name with ESC shows as \\e" ui_wait_for 'A -rw-r--r-- 0:0 +5B +evil\\e\[2Jname' 5
t_match "the screen was not cleared" 'budu @ [^ ]+  Images' "$(ui_screen | head -n 1)"
t_eq "the terminal title is untouched" "$title_before" "$(ui__tmux display-message -p '#{pane_title}')"
ui_keys Escape

# L: the largest file, its folders unfolded.
ui_keys L
t_ok "L goes to the largest file" ui_wait_for '^ /bin/busybox · [0-9]+ bytes · from layer 0' 5

# Enter on a file: the pager, with the content of the layer shown (the last: the rewrite).
ui_keys /
ui_type 'a.txt'
ui_keys Enter G
ui_wait_for '^ /data/a\.txt · 16 bytes' 5 >/dev/null
ui_keys Enter
t_ok "Enter opens the pager on the file's content" ui_wait_for '^ ?hello, modified' 15
t_match "the title bar shows the equivalent command" "docker run --rm $short cat /data/a\\.txt" "$(ui_screen | head -n 1)"
ui_keys Escape
t_ok "Esc closes the pager" ui_wait_for '│ +-rw-r--r-- 0:0 +16B +a\.txt' 5

# X: the file into a directory; a second time asks first, with docker cp's words.
mkdir -p "$T_TMP/out"
ui_keys X
t_ok "X asks where to" ui_wait_for 'Extract /data/a\.txt into: /' 5
ui_keys C-u
ui_type "$T_TMP/out"
ui_keys Enter
t_ok "X extracts the file" ui_wait_for "Extracted /data/a\\.txt into $T_TMP/out/a\\.txt: files 1" 15
t_eq "its content is the image's" "$("$D" run --rm --network none demo/files:1 cat /data/a.txt)" "$(cat "$T_TMP/out/a.txt")"
echo stale >"$T_TMP/out/a.txt"
ui_keys X C-u
ui_type "$T_TMP/out"
ui_keys Enter
t_ok "an existing file asks first" ui_wait_for "$T_TMP/out/a\\.txt exists" 5
t_ok "showing the equivalent command" ui_wait_for "docker cp \\\$\\(docker create $short\\):/data/a\\.txt $T_TMP/out" 5
ui_keys y
t_ok "y replaces it" ui_wait_for "Extracted /data/a\\.txt" 15
t_eq "with the image's content" "hello, modified" "$(cat "$T_TMP/out/a.txt")"
# A folder: every name, the odd ones too.
ui_keys Escape g
ui_wait_for '▸ bin/' 5 >/dev/null
ui_keys /
ui_type 'data'
ui_keys Enter g
ui_wait_for '^ /data( · .*)?$' 5 >/dev/null
mkdir -p "$T_TMP/out2"
ui_keys X C-u
ui_type "$T_TMP/out2"
ui_keys Enter
t_ok "X extracts a folder" ui_wait_for "Extracted /data into $T_TMP/out2/data: files 4" 15
t_eq "names with a space, in Korean and with ESC come out as they are" \
	"$(printf '%s\n' a.txt "evil"$'\e'"[2Jname" 'with space.txt' 안녕.txt | LC_ALL=C sort)" \
	"$(ls "$T_TMP/out2/data" | LC_ALL=C sort)"
t_eq "a file's content" "annyeong" "$(cat "$T_TMP/out2/data/안녕.txt")"
ui_keys Escape

# w: the wasted space, path by path; Enter shows the path in the tab.
ui_keys w
t_ok "w lists the wasted space" ui_wait_for '^102kB +2 +/data/big +1, 3$' 5
t_match "both versions of a.txt count" '^21B +2 +/data/a\.txt +1, 2$' "$(ui_screen)"
t_match "the status line has the totals" "2 paths · wasted $want" "$(ui_screen | tail -n 1)"
ui_keys Enter
t_ok "Enter goes back to the Files tab, on the path where it was removed" ui_wait_for '^ /data/big · 102400 bytes · removed' 5
t_match "(layer 3's changes)" 'layer 3: its changes' "$(ui_screen | tail -n 1)"

# A second look is instant: the tree is the session's.
ui_keys Escape
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_keys Enter
ui_wait_for ' Files' 10 >/dev/null
ui_keys f
seen=
for _ in 1 2 3 4 5 6 7 8 9 10; do
	s=$(ui_screen | sed -n 3p)
	[[ $s == *Reading* ]] && seen=reading
	[[ $s == *"in 5 layers"* ]] && break
	sleep 0.05
done
t_eq "reopening shows the summary at once, never reading" "" "$seen"
t_match "(the summary)" 'Image [0-9.]+[kM]?B in 5 layers' "$(ui_screen | sed -n 3p)"
ui_keys q
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_stop
