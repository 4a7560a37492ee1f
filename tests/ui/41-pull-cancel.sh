# shellcheck shell=bash
# Cancel a pull mid-way: the registry sits behind a slow proxy (tests/rig/slowproxy.c) so a
# layer of several MB takes seconds; x in the Jobs panel cancels the pull and the engine must
# drop it (the image does not appear, the download stops, the proxy sees the connection
# closed before the layer was through). q with a pull running asks first. Pulling again
# without cancelling then completes: the engine was left in a sane state.
source "$top_srcdir/tests/ui/lib-images.sh"
D=$RIG_DOCKER
R=$RIG_REGISTRY
RATE=262144 # bytes/s from the registry to the engine: the 8 MiB layer takes 32 s
failed_before=$(t_failed)

# ---- an image with a big random layer, in the registry only ---------------------------
ctx=$T_TMP/big
mkdir -p "$ctx"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM bb:1.0
RUN dd if=/dev/urandom of=/big bs=1M count=8 2>/dev/null
DOCKERFILE
DOCKER_BUILDKIT=0 "$D" build -q --network none -t "$R/slow/big:1" "$ctx" >/dev/null
"$D" push "$R/slow/big:1" >/dev/null
pushed_digest=$("$D" image inspect --format '{{index .RepoDigests 0}}' "$R/slow/big:1")
pushed_digest=${pushed_digest#*@}
# the compressed size of the big layer (the last one), as the registry serves it
layer_size=$(curl -fsS --noproxy '*' \
	-H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
	"http://$R/v2/slow/big/manifests/1" | jq -r '.layers[-1].size')
"$D" rmi "$R/slow/big:1" >/dev/null
setup_ok() {
	[[ $layer_size =~ ^[0-9]+$ ]] && ((layer_size >= 8 * 1024 * 1024)) &&
		[[ $pushed_digest == sha256:* ]] && ! "$D" image inspect "$R/slow/big:1" >/dev/null 2>&1
}
# without the image nothing below can work: stop rather than time out on every step
t_ok "setup: the big layer is in the registry (${layer_size:-?} bytes), not in the engine" setup_ok ||
	exit 0

# ---- the slow proxy in front of the registry ------------------------------------------
plog=$RIG_DIR/pull-proxy.log
# the rig kills it at teardown on every exit path (also when this file is killed)
if ! port=$(rig_forwarder_start pull-proxy "${R##*:}" -r "$RATE"); then
	t_fail "the slow proxy listens" "$(cat "$plog" 2>/dev/null)"
	exit 0
fi
proxy_pid=$(rig__pidfile "$RIG_DIR/pull-proxy.pid")
proxy_stop() { rig_forwarder_stop pull-proxy; }
P=127.0.0.1:$port
# 127.0.0.0/8 registries are insecure (plain HTTP) by default: this pulls through the proxy
ref=$P/slow/big:1
ref_re=${ref//./\\.}
t_ok "the proxy forwards to the registry" \
	curl -fsS --noproxy '*' --max-time 5 -o /dev/null "http://$P/v2/"

# Bytes the proxy has sent to clients so far (its last "flow" line).
flow() { sed -n 's/^flow down=\([0-9]*\).*/\1/p' "$plog" | tail -n1 | grep . || echo 0; }
flow_over() { (($(flow) > $1)); }
# "ID DOWN" of the connections the client (the engine) closed, one a line.
client_closes() { sed -n 's/^close \([0-9]*\) down=\([0-9]*\) .* by=client$/\1 \2/p' "$plog"; }
# blob_conns_closed N: at least N connections that carried a good part of the layer
# (manifests and the config are a few kB) were closed by the engine.
blob_conns_closed() { (($(client_closes | awk '$2 >= 131072' | wc -l) >= $1)); }
# Some connection the engine closed carried the whole layer.
whole_layer_sent() { client_closes | awk -v s="$layer_size" '$2 >= s { f = 1 } END { exit !f }'; }
no_image() { ! "$D" image inspect "$ref" >/dev/null 2>&1; }
# Partial layer downloads the engine keeps while it pulls (dockerd 20.10 with a graph
# driver: data-root/tmp/GetImageBlob*).
partial_blobs() { find "$RIG_DIR/data/tmp" -maxdepth 1 -name 'GetImageBlob*' 2>/dev/null; }
has_partial() { [[ -n $(partial_blobs) ]]; }
no_partial() { [[ -z $(partial_blobs) ]]; }

start_pull() {
	ui_keys Escape p
	ui_wait_for '^Pull \(-a for all tags\):' 5 >/dev/null
	ui_keys C-u
	ui_type "$1"
	ui_keys Enter J
}
# The JOB id of the running pull of $ref.
running_id() { ui_screen | sed -nE "s|^([0-9]+) +pull +$ref_re +running.*|\1|p" | head -n1; }
is_new_job() { [[ -n $id2 && $id2 != "$id1" ]]; }
both_cancelled() {
	local screen
	screen=$(ui_screen)
	grep -qE "^$id1 +pull +$ref_re +cancelled" <<<"$screen" &&
		grep -qE "^$id2 +pull +$ref_re +cancelled" <<<"$screen"
}

UI_COLS=150 UI_ROWS=40
ui_start
ui_wait_for 'images · ' 15 >/dev/null

# ---- 1. cancel with x -----------------------------------------------------------------
start_pull "$ref"
t_ok "the pull through the slow proxy runs" ui_wait_for "^[0-9]+ +pull +$ref_re +running" 15
id1=$(running_id)
t_ok "its big layer shows Downloading" ui_wait_for '^ [0-9a-f]{12}: Downloading' 30
# a good part of a MB through, so the cancel is really mid-way
t_ok "bytes flow through the proxy" until_ok 15 flow_over 393216
saw_partial=0
has_partial && saw_partial=1
ui_keys x
t_ok "x: the job reads cancelled" ui_wait_for "^$id1 +pull +$ref_re +cancelled" 10
t_ok "budu keeps running after the cancel" ui_alive
t_ok "the engine closed the layer's connection to the proxy" until_ok 10 blob_conns_closed 1
sleep 1.5 # the proxy logs the last bytes within a second
f1=$(flow)
sleep 3
f2=$(flow)
t_eq "no byte went through the proxy in the 3 s after the cancel" "$f1" "$f2"
t_ok "the download did not complete: $f2 bytes forwarded < layer size $layer_size" \
	test "$f2" -lt "$layer_size"
t_ok "no connection carried the whole layer" eval '! whole_layer_sent'
t_ok "the image is not in the engine" no_image
if ((saw_partial)); then
	t_ok "the engine removed its partial download" until_ok 5 no_partial
else
	t_skip "the engine removed its partial download" \
		"no data-root/tmp/GetImageBlob* seen while it pulled (another engine version?)"
fi
t_match "the cancelled job keeps its layer rows" '^ [0-9a-f]{12}: ' "$(ui_screen)"

# ---- 2. q with a pull running asks first; n keeps it running; x cancels it -------------
before=$f2
start_pull "$ref"
t_ok "a second slow pull runs" ui_wait_for "^[0-9]+ +pull +$ref_re +running" 15
id2=$(running_id)
t_ok "it is a new job" is_new_job
t_ok "its layer shows Downloading" ui_wait_for '^ [0-9a-f]{12}: Downloading' 30
ui_keys q
t_ok "q with a running pull asks: Quit budu?" ui_wait_for 'Quit budu\?' 5
t_match "and says the pull would be cancelled" '1 job is still running; quitting cancels it' "$(ui_screen)"
ui_keys n
t_ok "n closes the question" ui_wait_gone 'Quit budu\?' 5
t_ok "budu keeps running after n" ui_alive
t_match "the pull still runs" "^$id2 +pull +$ref_re +running" "$(ui_screen)"
# a good part of a MB since this pull started, so the cancel is mid-way again
t_ok "and still downloads through the proxy" until_ok 15 flow_over $((before + 393216))
ui_keys x
t_ok "x cancels the second pull too" ui_wait_for "^$id2 +pull +$ref_re +cancelled" 10
t_ok "the engine closed that connection too" until_ok 10 blob_conns_closed 2
sleep 1.5
f1=$(flow)
sleep 3
f2=$(flow)
t_eq "the download stopped again" "$f1" "$f2"
t_ok "the download did not complete: $((f2 - before)) bytes forwarded < layer size $layer_size" \
	test $((f2 - before)) -lt "$layer_size"
t_ok "still no connection carried the whole layer" eval '! whole_layer_sent'
t_ok "the image is still not in the engine" no_image

# ---- 3. the same pull, not cancelled, completes ---------------------------------------
before=$(flow)
kill -USR1 "$proxy_pid"
rate_lifted() { grep -qx 'rate 0' "$plog"; }
t_ok "the proxy lifts its limit" until_ok 5 rate_lifted
start_pull "$ref"
t_ok "pulling again without cancelling completes" ui_wait_for "^[0-9]+ +pull +$ref_re +done" 60
t_match "per-layer rows: Pull complete" '^ [0-9a-f]{12}: Pull complete' "$(ui_screen)"
t_match "the status says it downloaded the image" "Status: Downloaded newer image for $ref_re" "$(ui_screen)"
t_ok "the whole layer went through the proxy this time" until_ok 5 flow_over $((before + layer_size - 1))
t_eq "the engine has the image, with the digest that was pushed" "$P/slow/big@$pushed_digest" \
	"$("$D" image inspect --format '{{index .RepoDigests 0}}' "$ref" 2>&1)"
t_eq "the image's files are whole: a container reads the 8 MiB file" "8388608 /big" \
	"$("$D" run --rm --network none "$ref" wc -c /big 2>&1)"
t_ok "no partial download is left" no_partial
t_ok "the earlier jobs still read cancelled" both_cancelled

ui_keys 1
ui_wait_for '^REPOSITORY' 5 >/dev/null
ui_stop
proxy_stop
if (($(t_failed) > failed_before)); then
	t_diag "--- slow proxy log (last 40 lines) ---"
	t_diag "$(tail -n 40 "$plog")"
fi
"$D" rmi "$ref" >/dev/null 2>&1 || true
