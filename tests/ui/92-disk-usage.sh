# shellcheck shell=bash
# The Disk usage panel (8): the summary equals `docker system df`, v's tables equal
# `docker system df -v` on the same engine; P on the build cache previews exactly what
# `docker builder prune` frees, P on the containers runs the Containers panel's prune, and the
# panel reads again after each; a read held back by the engine shows its time and x cancels it.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER

# What was there before, to leave the engine as it was found.
had_exited=$("$D" container inspect -f '{{.Name}}' rig-exited 2>/dev/null)
cleanup_df() {
	"$D" rm -f df-run df-stopped >/dev/null 2>&1
	"$D" volume rm df-vol df-idle >/dev/null 2>&1
	"$D" image rm demo/dfa:1 demo/dfb:1 demo/dfbk:1 >/dev/null 2>&1
	if [[ -n $had_exited ]] && ! "$D" container inspect rig-exited >/dev/null 2>&1; then
		"$D" run --name rig-exited --network none demo/used:1 >/dev/null 2>&1
	fi
}
cleanup_df

# Two images sharing bb:1.0's layer, a running container with a volume, a stopped one that
# wrote a file (with an anonymous volume), a volume nothing uses, and BuildKit's build cache.
for n in a b; do
	mkdir -p "$T_TMP/df$n"
	printf 'FROM bb:1.0\nRUN dd if=/dev/zero of=/srv/%s bs=1024 count=%d 2>/dev/null\n' "$n" \
		"$([[ $n == a ]] && echo 300 || echo 40)" >"$T_TMP/df$n/Dockerfile"
	DOCKER_BUILDKIT=0 "$D" build -q --network none -t "demo/df$n:1" "$T_TMP/df$n" >/dev/null
done
"$D" volume create df-vol >/dev/null
"$D" volume create df-idle >/dev/null
"$D" run --rm --network none -v df-idle:/d bb:1.0 sh -c 'dd if=/dev/zero of=/d/f bs=1024 count=20 2>/dev/null'
"$D" run -d --name df-run --network none -v df-vol:/d demo/dfa:1 sleep 600 >/dev/null
"$D" run --name df-stopped --network none -v /anon demo/dfb:1 \
	sh -c 'dd if=/dev/zero of=/srv/w bs=1024 count=12 2>/dev/null'
anon=$("$D" container inspect -f '{{range .Mounts}}{{.Name}}{{end}}' df-stopped)
mkdir -p "$T_TMP/bk"
printf 'cache me\n' >"$T_TMP/bk/f.txt"
printf 'FROM scratch\nCOPY f.txt /f.txt\n' >"$T_TMP/bk/Dockerfile"
DOCKER_BUILDKIT=1 "$D" build -q -t demo/dfbk:1 "$T_TMP/bk" >/dev/null 2>&1
t_ok "the rig made build cache with BuildKit" bash -c "[ \"\$('$D' system df --format '{{.TotalCount}}' | tail -n1)\" -gt 0 ]"

# The screen's lines from the first that matches $1 to the first after it that matches $2,
# without the padding after the last cell.
screen_between() { ui_screen | sed -n "/$1/,/$2/p" | sed -E 's/ +$//'; }
# Ages and uptimes differ between two reads a second apart: words them AGE, and cells are
# compared, not padding (widths follow the ages).
# The engine lists volumes, and images created in the same second, in no fixed order: each
# table's rows are sorted.
sort_rows() {
	awk 'function flush(c) { if (n) { c = "sort"; for (i = 1; i <= n; i++) print rows[i] | c; close(c) } n = 0 }
		t && NF { rows[++n] = $0; next }
		{ flush(); t = 0; print }
		/^(REPOSITORY|CONTAINER ID|VOLUME NAME|CACHE ID)/ { t = 1 }
		END { flush() }'
}
unage() {
	sed -E 's/(Less than a second|About an? [a-z]+|[0-9]+ [a-z]+) ago/AGE ago/g; s/Up (Less than a second|About an? [a-z]+|[0-9]+ [a-z]+)/Up AGE/g; s/  +/\t/g; s/ +$//'
}

UI_COLS=200 UI_ROWS=70
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys 8
t_ok "8 opens the Disk usage panel and reads it" ui_wait_for '^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE' 20
t_ok "its title shows the equivalent command" ui_wait_for 'docker system df *$'
t_ok "the status line says when it was read and how long it took" ui_wait_for 'read .* ago in [0-9]+\.[0-9]s'
t_eq "the summary equals docker system df" "$("$D" system df)" "$(screen_between '^TYPE ' '^Build Cache ')"

ui_keys v
t_ok "v shows the tables of docker system df -v" ui_wait_for '^Build cache usage: '
t_ok "its title says -v" ui_wait_for 'docker system df -v *$'
want=$("$D" system df -v | unage | sort_rows)
# from the first caption on, without the status line, as many lines as docker printed
got=$(ui_screen | sed -n '/^Images space usage:/,$p' | sed '$d' | sed -E 's/ +$//' |
	head -n "$(wc -l <<<"$want")" | unage | sort_rows)
t_eq "the tables equal docker system df -v (ages aside)" "$want" "$got"
# Tab, Shift-Tab: the cursor goes from table to table (the selected row has the cyan background).
sel() { ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | head -n1 | sed -E 's/\x1b\[[0-9;]*m//g' | awk '{ print $1, $2, $3 }'; }
first=$(sel)
t_match "the cursor starts on the first image" '^demo/|^<none>|^[0-9.:]+/' "$first"
ui_keys Tab
sleep 0.3
t_match "Tab: the cursor is on a container row" '^[0-9a-f]{12} ' "$(sel)"
ui_keys BTab
sleep 0.3
t_eq "Shift-Tab: back on the first image" "$first" "$(sel)"

# P on the build cache: the preview of docker builder prune, exact.
ui_keys v
ui_wait_for '^Build Cache ' >/dev/null
ui_keys G
ui_keys P
t_ok "P on Build Cache previews docker builder prune" ui_wait_for 'docker builder prune -f'
preview=$(ui_screen | grep -oE '[0-9]+ records? go(es)?, freeing [^:]+' | sed -E 's/.*freeing //')
ids=$(ui_screen | grep -oE '^ *│? +[a-z0-9]{12} +[a-z.]+ ' | awk '{ print $(NF - 1) }' | sort)
t_ok "the preview names what goes" test -n "$ids"
want_ids=$("$D" system df -v --format '{{range .BuildCache}}{{if eq .InUse "false"}}{{if eq .Shared "false"}}{{.ID}} {{end}}{{end}}{{end}}' |
	tr ' ' '\n' | sed '/^$/d' | cut -c1-12 | sort)
[[ -n $want_ids ]] && t_eq "the preview lists the cache records not in use nor shared" "$want_ids" "$ids"
ui_keys y
ui_keys 3
t_ok "the Jobs panel reports the space reclaimed" ui_wait_for "Total reclaimed space: " 20
t_match "it is the space the preview said" "Total reclaimed space: $preview\$" "$(ui_screen | grep -oE 'Total reclaimed space: [^ ]+')"
ui_keys 8
t_ok "the panel read again after the prune" ui_wait_for '^Build Cache +[0-9]+ +[0-9]+ +[^ ]+ +0B' 20
t_eq "and equals docker system df again" "$("$D" system df)" "$(screen_between '^TYPE ' '^Build Cache ')"

# P on Containers: the Containers panel's prune, then the panel reads again.
ui_keys g j P
t_ok "P on Containers previews docker container prune" ui_wait_for 'docker container prune -f'
t_match "the stopped container is in the preview" 'df-stopped' "$(ui_screen)"
ui_keys y
t_ok "the container prune runs" until_ok 20 bash -c "! '$D' container inspect df-stopped >/dev/null 2>&1"
t_ok "the panel reads again: nothing left to reclaim in containers" \
	ui_wait_for '^Containers +[0-9]+ +[0-9]+ +[^ ]+ +0B' 20
ui_stop

# A read the engine holds back: the time ticks, x cancels it (the connection closes).
plog=$RIG_DIR/df-proxy.log
if ! port=$(rig_forwarder_start df-proxy "$RIG_SOCK" -s /system/df); then
	t_fail "a proxy that holds /system/df back" "$(cat "$plog" 2>/dev/null)"
else
	UI_ENV=("DOCKER_HOST=tcp://127.0.0.1:$port")
	UI_COLS=120 UI_ROWS=30
	ui_start
	ui_wait_for 'images · ' 15 >/dev/null
	ui_keys 8
	t_ok "the engine holds the answer: the panel says it is reading" \
		ui_wait_for 'reading disk usage from the engine… [0-9]+\.[0-9]s' 10
	t1=$(ui_screen | grep -oE 'engine… [0-9]+\.[0-9]s')
	sleep 1.2
	t2=$(ui_screen | grep -oE 'engine… [0-9]+\.[0-9]s')
	t_ok "the time spent ticks" test "$t1" != "$t2"
	ui_keys x
	t_ok "x cancels the read" ui_wait_for 'Cancelled: R reads the disk usage' 5
	t_ok "and closes its connection to the engine" until_ok 5 grep -q 'by=client' "$plog"
	t_ok "no time ticks any more" ui_wait_for 'Disk usage not read' 5
	ui_stop
	UI_ENV=()
	rig_forwarder_stop df-proxy
fi

cleanup_df
[[ -n $anon ]] && "$D" volume rm "$anon" >/dev/null 2>&1
"$D" builder prune -a -f >/dev/null 2>&1
t_eq "the engine is left as found: no df- container" "" "$("$D" ps -a -q --filter name=df-)"
