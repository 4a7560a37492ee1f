# shellcheck shell=bash
# The Search panel: results and filters equal docker search on the same engine (through the
# stand-in index), the limit, full descriptions, hostile descriptions shown escaped; then a
# local-registry repository's tags, its image index with both platforms, a platform's layers,
# and pulling one platform by digest through the Jobs panel.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER

if [[ -z ${RIG_INDEX:-} ]]; then
	t_fail "the rig runs a stand-in index (RIG_INDEX is set)"
	return 0 2>/dev/null || exit 0
fi

# The result rows on screen, cut at the header's column starts: name, stars, official.
# (OFFICIAL and AUTOMATED are shown only when a row has [OK] there.)
# Columns are display columns: a Hangul character takes two.
name_stars_official() {
	ui_screen | perl -CS -ne '
		sub cols { my $s = shift; $s =~ s/[\p{Ea=W}\p{Ea=F}]/\x{0}\x{0}/g; return $s }
		if (/^NAME +DESCRIPTION +STARS/) { ($s, $o, $a) = (index($_, "STARS"), index($_, "OFFICIAL"), index($_, "AUTOMATED")); $on = 1; next }
		next unless $on; last if /^\s*$/;
		my $c = cols($_); my ($n) = /^(\S+)/;
		# OFFICIAL and AUTOMATED are left out while empty on every row
		my $st = $o >= 0 ? substr($c, $s, $o - $s) : substr($c, $s); $st =~ s/\s//g;
		my $of = $o < 0 ? "" : $a >= 0 ? substr($c, $o, $a - $o) : substr($c, $o); $of =~ s/\s//g;
		print "$n\t$st\t$of\n";'
}
docker_search() {
	"$D" search "$@" --format '{{.Name}}\t{{.StarCount}}\t{{if .IsOfficial}}[OK]{{end}}'
}

UI_COLS=200 UI_ROWS=70
ui_start
ui_wait_for 'images · ' 15 >/dev/null

ui_keys S
t_ok "S opens the Search panel with the query prompt" ui_wait_for '^Search:'

# f before the first search: the filters wait for the term; after one, f runs the same term
# with the filters as edited (all of them: one deleted from the prompt goes).
ui_keys Escape
ui_wait_gone '^Search:' 5 >/dev/null
ui_keys f
t_ok "f opens the filters prompt" ui_wait_for '^Filters \('
ui_keys C-u
ui_type "--filter stars=100 --limit 10"
ui_keys Enter
t_ok "f before any search: the filters are taken for the next one" ui_wait_for 'Filters set: the next search'
t_ok "the header shows them" ui_wait_for '^ docker search --filter stars=100 --limit 10 '
ui_keys /
ui_keys C-u
ui_type "$RIG_INDEX/nginx"
ui_keys Enter
t_ok "the next search uses them" ui_wait_for "^ docker search --filter stars=100 --limit 10 $RIG_INDEX/nginx "
ui_wait_for '^NAME +DESCRIPTION +STARS' 10 >/dev/null
t_eq "its results equal docker search's with those filters" \
	"$(docker_search --filter stars=100 --limit 10 "$RIG_INDEX/nginx" | sort -t$'\t' -k2,2nr -k1,1)" \
	"$(name_stars_official)"
ui_keys f C-u
ui_type "--filter is-official=true"
ui_keys Enter
t_ok "f runs the same term with the edited filters" \
	ui_wait_for "^ docker search --filter is-official=true $RIG_INDEX/nginx "
ui_wait_for '^NAME +DESCRIPTION +STARS' 10 >/dev/null
t_eq "its results equal docker search's with them" \
	"$(docker_search --filter is-official=true "$RIG_INDEX/nginx" | sort -t$'\t' -k2,2nr -k1,1)" \
	"$(name_stars_official)"
ui_keys f C-u Enter
t_ok "f with nothing clears the filters" ui_wait_for "^ docker search $RIG_INDEX/nginx "
t_ok "results appear with docker search's columns" ui_wait_for '^NAME +DESCRIPTION +STARS( ▼)? +OFFICIAL +AUTOMATED'
t_eq "results equal docker search (name, stars, official), sorted by stars" \
	"$(docker_search "$RIG_INDEX/nginx" | sort -t$'\t' -k2,2nr -k1,1)" \
	"$(name_stars_official)"

ui_keys /
ui_keys C-u
ui_type "docker search --filter stars=100 --filter is-official=true --limit 10 $RIG_INDEX/nginx"
ui_keys Enter
t_ok "the header shows the filters" ui_wait_for 'docker search .*--filter stars=100'
t_eq "the star and official filters equal docker search's" \
	"$(docker_search --filter stars=100 --filter is-official=true --limit 10 "$RIG_INDEX/nginx" | sort -t$'\t' -k2,2nr -k1,1)" \
	"$(name_stars_official)"

ui_keys /
ui_keys C-u
ui_type "--limit 3 $RIG_INDEX/a"
ui_keys Enter
ui_wait_for 'docker search .*--limit 3' 10 >/dev/null
t_eq "the limit" "$(docker_search --limit 3 "$RIG_INDEX/a" | wc -l)" "$(name_stars_official | wc -l)"

ui_keys /
ui_keys C-u
ui_type "docker search $RIG_INDEX/evil"
ui_keys Enter
ui_wait_for '^NAME +DESCRIPTION' 10 >/dev/null
t_match "escape sequences in descriptions are shown escaped" '\\e|\\x1b|\\u009b' "$(ui_screen)"
title=$(ui__tmux display-message -p '#{pane_title}')
t_match "the terminal title is untouched" '^[^p]*$|^$' "$title"
ui_keys T
t_ok "T shows descriptions in full (--no-trunc)" ui_wait_for 'docker search .*--no-trunc'
ui_keys T

# A repository of the local registry, by name: tags, the index, a platform's layers.
ui_keys r
ui_type "$RIG_REGISTRY/multi/app"
ui_keys Enter
t_ok "r opens a repository's tags from the registry" ui_wait_for '^1$|^1 '
ui_keys g
ui_keys Enter
t_ok "Enter on the tag shows the image index" ui_wait_for 'image index'
t_match "the index lists linux/amd64" '^linux/amd64 +sha256:[0-9a-f]{64}' "$(ui_screen)"
t_match "the index lists linux/arm64" '^linux/arm64 +sha256:[0-9a-f]{64}' "$(ui_screen)"
arm=$(ui_screen | grep -oE '^linux/arm64 +sha256:[0-9a-f]{64}' | grep -oE 'sha256:[0-9a-f]{64}')
t_eq "the arm64 digest is the one docker manifest inspect shows" \
	"$(DOCKER_CLI_EXPERIMENTAL=enabled "$D" manifest inspect --insecure "$RIG_REGISTRY/multi/app:1" |
		jq -r '.manifests[] | select(.platform.architecture == "arm64") | .digest')" "$arm"
amd=$(ui_screen | grep -oE '^linux/amd64 +sha256:[0-9a-f]{64}' | grep -oE 'sha256:[0-9a-f]{64}')
line=$(ui_screen | grep -n -m1 '^linux/amd64' | cut -d: -f1)
first=$(ui_screen | grep -n -m1 '^linux/' | cut -d: -f1)
for ((i = first; i < line; i++)); do ui_keys j; done
ui_keys Enter
t_ok "Enter on a platform shows its manifest's layers" ui_wait_for '^LAYER +SIZE +MEDIA TYPE'
t_match "layers with their sizes and media types" '^sha256:[0-9a-f]{64} +[0-9.]+[kM]?B +application/vnd' "$(ui_screen)"

# Pull exactly that platform by digest.
ui_keys p J
t_ok "p pulls the platform by digest; the job finishes" ui_wait_for "pull +.*multi/app@sha2[^ ]* +done" 30
t_eq "the engine has the image by that digest" "$RIG_REGISTRY/multi/app@$amd" \
	"$("$D" image inspect --format '{{index .RepoDigests 0}}' "$RIG_REGISTRY/multi/app@$amd")"

# Errors: a missing repository, an unreachable registry.
ui_keys 2 r
ui_type "$RIG_REGISTRY/no/such"
ui_keys Enter
t_ok "a missing repository gets the registry's message" ui_wait_for 'NAME_UNKNOWN|not found|unknown' 10
ui_keys Escape r
ui_type "127.0.0.1:1/nothing/here"
ui_keys Enter
t_ok "an unreachable registry is said clearly" ui_wait_for 'connection refused|cannot reach|Cannot' 10

# A registry whose tag pages never end (tests/rig/fake-registry.c, endless/app: 20,000 a page):
# the first 100,000 are shown, and the title says so (issue 15).
if "${CC:-cc}" -O2 -std=c11 -D_GNU_SOURCE -o "$T_TMP/fake-registry" "$top_srcdir/tests/rig/fake-registry.c" \
	2>"$T_TMP/fake-cc.log"; then
	setsid "$T_TMP/fake-registry" 0 >"$T_TMP/fake-registry.port" 2>/dev/null </dev/null &
	rig_track_pid $!
	for _ in $(seq 50); do [[ -s $T_TMP/fake-registry.port ]] && break; sleep 0.1; done
	ui_keys Escape r
	ui_type "127.0.0.1:$(head -n1 "$T_TMP/fake-registry.port")/endless/app"
	ui_keys Enter
	t_ok "endless tag pages: the title says the first 100,000 are shown" \
		ui_wait_for 'endless/app +\(first 100,000 tags shown\)' 60
	t_match "… and the list starts with the first page's" '^p0t00000' "$(ui_screen)"
else
	t_fail "compile tests/rig/fake-registry.c" "$(cat "$T_TMP/fake-cc.log")"
fi
ui_keys Escape Escape 1
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_stop
