# shellcheck shell=bash
# tests/engine/80-credentials.sh: budu's registry credentials (src/registry_auth.h, through
# tests/engine/creds_probe) against the rig's htpasswd registry, with /usr/bin/docker as the
# other side: budu's login is used by docker pull, docker's login by budu; config.json keeps its
# unknown keys and mode; the `pass` helper (rig_pass_setup) for the helper path. Passwords go
# on stdin and must show up nowhere.

probe=${CREDS_PROBE:-$top_builddir/tests/engine/creds_probe}
D=$RIG_DOCKER
A=${RIG_AUTH_REGISTRY:-}
U=${RIG_AUTH_USER:-}
P=${RIG_AUTH_PASSWORD:-}
if [[ -z $A || -z $U || -z $P ]]; then
	t_fail "the rig started its registry with auth (RIG_AUTH_REGISTRY)" "no RIG_AUTH_REGISTRY"
	return 0
fi

# ---- config.json (a PATH without pass, so neither docker nor budu picks a helper) ------------
nopath=$T_TMP/nobin
mkdir -p "$nopath"
cfg=$T_TMP/file
mkdir -p "$cfg"
echo '{"psFormat":"table {{.Names}}","proxies":{"default":{"noProxy":"localhost"}}}' >"$cfg/config.json"
chmod 600 "$cfg/config.json"
pb() { env PATH="$nopath" DOCKER_CONFIG="$cfg" "$probe" "$@"; }
dk() { env PATH="$nopath" DOCKER_CONFIG="$cfg" "$D" "$@"; }
before=$(cat "$cfg/config.json")

out=$(printf '%s' "wrong-$P" | pb login "$A" "$U")
t_eq "a wrong password: the registry's 401 words" \
	"$(printf 'http=401\nerror: unauthorized: authentication required')" "$out"
t_eq "and nothing saved" "$before" "$(cat "$cfg/config.json")"

t_eq "the right password: login" ok "$(printf '%s' "$P" | pb login "$A" "$U")"
t_eq "saved as docker saves it: auths[host:port].auth = base64(user:password), nothing else" \
	"{\"auth\":\"$(printf '%s:%s' "$U" "$P" | base64 -w0)\"}" \
	"$(jq -c --arg a "$A" '.auths[$a]' "$cfg/config.json")"
t_eq "the keys budu does not know are kept" \
	"$(jq -c 'del(.auths)' <<<"$before")" "$(jq -c 'del(.auths)' "$cfg/config.json")"
t_eq "mode 0600" 600 "$(stat -c %a "$cfg/config.json")"
t_eq "no temporary file left" config.json "$(ls -A "$cfg")"

"$D" tag demo/app:1 "$A/demo/creds:1"
t_ok "docker push with budu's saved login" dk push "$A/demo/creds:1"
"$D" rmi "$A/demo/creds:1" >/dev/null
t_ok "docker pull with budu's saved login" dk pull "$A/demo/creds:1"
"$D" rmi "$A/demo/creds:1" >/dev/null 2>&1
t_eq "budu's registry client lists the private tags with it" 1 "$(pb tags "$A/demo/creds")"
t_eq "the list names the registry and user" "$A $U -" "$(pb list | grep -F "$A")"

# The 401 and its retry with the password share one connection (each new one to a registry is a
# TLS handshake, round trips away): counted by a forwarder in front of the registry, against the
# same list asked for without a login (the 401 alone).
if port=$(rig_forwarder_start authreg "${A##*:}"); then
	F=127.0.0.1:$port
	t_eq "through a forwarder: login" ok "$(printf '%s' "$P" | pb login "$F" "$U")"
	n0=$(grep -c '^open ' "$RIG_DIR/authreg.log")
	t_eq "the private tags through it" 1 "$(pb tags "$F/demo/creds")"
	n1=$(grep -c '^open ' "$RIG_DIR/authreg.log")
	pb logout "$F" >/dev/null
	t_eq "without the login: refused" "$(printf 'http=401\nerror: unauthorized: authentication required')" \
		"$(pb tags "$F/demo/creds")"
	n2=$(grep -c '^open ' "$RIG_DIR/authreg.log")
	t_eq "the 401 and the retry with the password: as many connections as the 401 alone" \
		$((n2 - n1)) $((n1 - n0))
	rig_forwarder_stop authreg
else
	t_fail "a forwarder in front of the registry"
fi

t_eq "budu's logout" erased "$(pb logout "$A")"
t_eq "leaves no auths entry" null "$(jq -c --arg a "$A" '.auths[$a]' "$cfg/config.json")"
t_eq "a second logout: not logged in" "not logged in" "$(pb logout "$A")"
t_eq "without a login the tags are refused with the registry's words" \
	"$(printf 'http=401\nerror: unauthorized: authentication required')" "$(pb tags "$A/demo/creds")"

printf '%s' "$P" | dk login -u "$U" --password-stdin "$A" >/dev/null 2>&1
t_eq "docker's login is budu's" "found user=$U token=0 secret=same" \
	"$(printf '%s' "$P" | pb lookup "$A")"
t_eq "budu's logout removes docker's login" erased "$(pb logout "$A")"
out=$(dk pull "$A/demo/creds:1" 2>&1)
t_match "and docker pull fails again" 'no basic auth credentials|unauthorized' "$out"

t_ok "the password is in no file budu wrote" bash -c "! grep -rqF -- '$P' '$cfg'"

# ---- the pass helper ---------------------------------------------------------------------------
if ! rig_pass_setup 2>"$T_TMP/pass.err"; then
	t_fail "rig_pass_setup" "$(cat "$T_TMP/pass.err")"
	return 0
fi
cfg=$T_TMP/pass
mkdir -p "$cfg"
echo '{"credsStore":"pass","currentContext":"default"}' >"$cfg/config.json"
ph() { env DOCKER_CONFIG="$cfg" "$probe" "$@"; }
dp() { env DOCKER_CONFIG="$cfg" "$D" "$@"; }

t_eq "a wrong password through the helper" \
	"$(printf 'http=401\nerror: unauthorized: authentication required')" \
	"$(printf '%s' "wrong-$P" | ph login "$A" "$U")"
t_eq "stores nothing in it" null "$(docker-credential-pass list </dev/null | jq -c --arg a "$A" '.[$a]')"
t_eq "login through credsStore pass" ok "$(printf '%s' "$P" | ph login "$A" "$U")"
t_eq "the helper holds user and password under host:port" "$U $P" \
	"$(printf '%s' "$A" | docker-credential-pass get | jq -r '"\(.Username) \(.Secret)"')"
t_eq "config.json: credsStore and the other keys kept, {} for the server, no auth" \
	"{\"credsStore\":\"pass\",\"currentContext\":\"default\",\"auths\":{\"$A\":{}}}" \
	"$(jq -c '{credsStore, currentContext, auths}' "$cfg/config.json")"
t_ok "the password is not in config.json" bash -c "! grep -qF -- '$P' '$cfg/config.json'"
"$D" tag demo/app:1 "$A/demo/creds:pass"
t_ok "docker push with the helper's login that budu saved" dp push "$A/demo/creds:pass"
"$D" rmi "$A/demo/creds:pass" >/dev/null
t_eq "budu reads it back from the helper" "found user=$U token=0 secret=same" \
	"$(printf '%s' "$P" | ph lookup "$A")"
t_eq "the list has the user from the helper's list" "$A $U pass" "$(ph list | grep -F "$A")"
t_eq "logout through the helper" erased "$(ph logout "$A")"
t_eq "the helper no longer has it" "" \
	"$(printf '%s' "$A" | docker-credential-pass get 2>/dev/null | jq -r '.Secret // empty' 2>/dev/null)"
t_eq "and budu finds no login" none "$(ph lookup "$A" </dev/null)"

# the platform default: config.json without any login, pass on PATH
cfg=$T_TMP/auto
mkdir -p "$cfg"
echo '{}' >"$cfg/config.json"
t_eq "login with an empty config.json" ok "$(printf '%s' "$P" | env DOCKER_CONFIG="$cfg" "$probe" login "$A" "$U")"
t_eq "goes to pass and names it credsStore, as docker does" "pass $U" \
	"$(jq -r .credsStore "$cfg/config.json") $(printf '%s' "$A" | docker-credential-pass get | jq -r .Username)"
t_ok "docker pull uses it" env DOCKER_CONFIG="$cfg" "$D" pull "$A/demo/creds:pass"
"$D" rmi "$A/demo/creds:pass" >/dev/null 2>&1
env DOCKER_CONFIG="$cfg" "$probe" logout "$A" >/dev/null
t_eq "the helper's list is empty at the end" '{}' "$(docker-credential-pass list </dev/null | jq -c .)"
