# shellcheck shell=bash
# Cancel a push mid-way (issue 10): the registry sits behind the slow proxy
# (tests/rig/slowproxy.c -u), which lets the engine send only 1 MiB/s, so a layer of 16 MiB of
# random bytes takes 16 s to go up. u, y on the image's row starts the push; x in the
# Jobs panel cancels it once bytes are going up. The job reads cancelled, the engine stops
# sending (the proxy sees the upload's connection closed before the layer was through, and
# nothing more goes up), and the registry has no such tag. Pushing again without cancelling
# then completes, and what the registry serves is the image: the engine was left sane.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER
R=$RIG_REGISTRY
# bytes/s from the engine to the registry: the 16 MiB layer takes 16 s. What the engine's kernel
# buffers (up to 4 MiB) still goes through after a cancel, before the proxy sees the close.
UP_RATE=1048576
layer_size=16777216
repo=cx/big$RANDOM
failed_before=$(t_failed)

# ---- the slow proxy in front of the registry: uploads limited ---------------------------
plog=$RIG_DIR/push-proxy.log
# the rig kills it at teardown on every exit path (also when this file is killed)
if ! port=$(rig_forwarder_start push-proxy "${R##*:}" -u "$UP_RATE"); then
	t_fail "the slow proxy listens" "$(cat "$plog" 2>/dev/null)"
	exit 0
fi
proxy_pid=$(rig__pidfile "$RIG_DIR/push-proxy.pid")
proxy_stop() { rig_forwarder_stop push-proxy; }
P=127.0.0.1:$port
t_match "it limits uploads to $UP_RATE bytes/s" "^listen [0-9]+ target ${R##*:} rate 0 up $UP_RATE\$" "$(head -n1 "$plog")"
# the rig's dockerd takes 127.0.0.0/8 registries as insecure (plain HTTP): it pushes through this
t_ok "the proxy forwards to the registry" \
	curl -fsS --noproxy '*' --max-time 5 -o /dev/null "http://$P/v2/"

# ---- an image of one layer: 16 MiB of random bytes (gzip cannot make it smaller) ---------
ref=$P/$repo:1
ref_re=${ref//./\\.}
mkdir -p "$T_TMP/root"
head -c "$layer_size" /dev/urandom >"$T_TMP/root/big"
tar -C "$T_TMP/root" -c big | "$D" import - "$ref" >/dev/null
image_id=$("$D" image inspect -f '{{.Id}}' "$ref" 2>/dev/null)
setup_ok() { [[ $image_id == sha256:* ]]; }
t_ok "setup: $ref is in the engine" setup_ok || {
	proxy_stop
	exit 0
}

# Bytes the proxy has sent on to the registry so far (its last "flow" line).
flow_up() { sed -n 's/^flow down=[0-9]* up=\([0-9]*\) .*/\1/p' "$plog" | tail -n1 | grep . || echo 0; }
up_over() { (($(flow_up) > $1)); }
# "ID UP" of the connections the client (the engine) closed, one a line.
client_closes() { sed -n 's/^close \([0-9]*\) down=[0-9]* up=\([0-9]*\) by=client$/\1 \2/p' "$plog"; }
# An upload connection (manifests and the config are a few kB) closed by the engine before the
# layer was through.
upload_cut() { client_closes | awk -v s="$layer_size" '$2 >= 131072 && $2 < s { f = 1 } END { exit !f }'; }
# Some connection carried the whole layer up.
whole_layer_sent() {
	sed -n 's/^close [0-9]* down=[0-9]* up=\([0-9]*\) .*/\1/p' "$plog" |
		awk -v s="$layer_size" '$1 >= s { f = 1 } END { exit !f }'
}
# The registry's tags of the repository ("" when it has none; 404 NAME_UNKNOWN then).
registry_tags() {
	curl -sS --noproxy '*' --max-time 5 "http://$R/v2/$repo/tags/list" 2>/dev/null |
		jq -r '(.tags // [])[]' 2>/dev/null
}
registry_code() {
	curl -sS --noproxy '*' --max-time 5 -o /dev/null -w '%{http_code}' "http://$R/v2/$repo/tags/list"
}

# start_push: u on the row of $ref, y; then the Jobs panel.
start_push() {
	ui_keys 1 / C-u
	ui_type "$repo"
	ui_keys Enter
	ui_wait_for "^${P//./\\.}/$repo +1 " 5 || return 1
	ui_keys u
	ui_wait_for "docker image push $ref_re" 5 || return 1
	ui_keys y 3
}
running_id() { ui_screen | sed -nE "s|^([0-9]+) +push +$ref_re +running.*|\1|p" | head -n1; }

UI_COLS=150 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null

# ---- 1. cancel with x ----------------------------------------------------------------------
t_ok "u asks, y starts the push" start_push
if ! t_ok "the push through the slow proxy runs" ui_wait_for "^[0-9]+ +push +$ref_re +running" 15; then
	# nothing below can work: stop rather than time out on every step
	ui_stop
	proxy_stop
	"$D" rmi "$ref" >/dev/null 2>&1
	exit 0
fi
id1=$(running_id)
t_ok "its layer shows Pushing with bytes" \
	ui_wait_for '^ [0-9a-f]{12}: Pushing +[0-9.]+ ?[kMG]?B/[0-9.]+ ?[kMG]?B' 30
# a good part of a MB gone through, so the cancel is really mid-way
t_ok "bytes go up through the proxy" until_ok 15 up_over 393216
t_ok "the registry has no tag yet" test -z "$(registry_tags)"
ui_keys x
t_ok "x: the job reads cancelled" ui_wait_for "^$id1 +push +$ref_re +cancelled" 10
t_ok "budu keeps running after the cancel" ui_alive
t_ok "the engine closed the upload's connection to the proxy before the layer was through" \
	until_ok 15 upload_cut
sleep 1.5 # the proxy logs the last bytes within a second
f1=$(flow_up)
sleep 3
f2=$(flow_up)
t_eq "no byte went up through the proxy in the 3 s after the cancel" "$f1" "$f2"
t_ok "the upload did not complete: $f2 bytes forwarded < layer size $layer_size" \
	test "$f2" -lt "$layer_size"
t_ok "no connection carried the whole layer" eval '! whole_layer_sent'
code=$(registry_code)
tags=$(registry_tags)
no_tag() { [[ $code == 404 || ($code == 200 && -z $tags) ]]; }
t_ok "the registry has no such tag (tags/list: HTTP $code, tags '${tags//$'\n'/ }')" no_tag
t_match "the cancelled job keeps its layer row" '^ [0-9a-f]{12}: ' "$(ui_screen)"
t_eq "the image is still in the engine" "$image_id" "$("$D" image inspect -f '{{.Id}}' "$ref" 2>&1)"

# ---- 2. the same push, not cancelled, completes ------------------------------------------------
before=$(flow_up)
kill -USR1 "$proxy_pid"
limit_lifted() { grep -qx 'up 0' "$plog"; }
t_ok "the proxy lifts its limit" until_ok 5 limit_lifted
t_ok "u, y pushes again" start_push
t_ok "pushing again without cancelling completes" ui_wait_for "^[0-9]+ +push +$ref_re +done" 60
t_match "its layer row says Pushed" '^ [0-9a-f]{12}: Pushed' "$(ui_screen)"
t_ok "the whole layer went up through the proxy this time" until_ok 5 up_over $((before + layer_size - 1))
t_eq "the registry has the tag" 1 "$(registry_tags)"
digest=$(curl -sS --noproxy '*' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
	-D - -o /dev/null "http://$R/v2/$repo/manifests/1" | tr -d '\r' |
	sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')
t_match "the registry serves a manifest for it" '^sha256:[0-9a-f]{64}$' "$digest"
t_ok "the job shows that digest" ui_wait_for "1: digest: $digest size: [0-9]+" 10
t_eq "the engine recorded the push: RepoDigests names it" "$P/$repo@$digest" \
	"$("$D" image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$ref" | grep -F "$P/$repo@")"
# pulled back from the registry itself (not through the proxy): the same image, byte for byte
"$D" pull -q "$R/$repo:1" >/dev/null 2>&1
t_eq "pulled back straight from the registry, it is the same image" "$image_id" \
	"$("$D" image inspect -f '{{.Id}}' "$R/$repo:1" 2>&1)"
t_ok "the cancelled job still reads cancelled" ui_wait_for "^$id1 +push +$ref_re +cancelled" 5

ui_keys 1 Escape
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_stop
proxy_stop
if (($(t_failed) > failed_before)); then
	t_diag "--- slow proxy log (last 40 lines) ---"
	t_diag "$(tail -n 40 "$plog")"
fi
"$D" rmi "$ref" "$R/$repo:1" >/dev/null 2>&1 || true
