# shellcheck shell=bash
# tests/engine/76-token-registry.sh: the Bearer token flow with credentials (issue 10), against
# the rig's registry with token auth (rig_token_registry_start: Debian's docker-registry with
# `auth: token:`, and tests/rig/token-server.c issuing RS256 tokens and refresh tokens, as Docker
# Hub's auth.docker.io does). /usr/bin/docker is the reference: its login asks for a refresh
# token and saves it as "identitytoken". budu (tests/engine/creds_probe) must do the same, use
# what docker saved, and what it saves must serve docker. No password in any file written.

probe=$top_builddir/tests/engine/creds_probe
D=$RIG_DOCKER
if ! rig_token_registry_start 2>"$T_TMP/treg.err"; then
	t_fail "rig_token_registry_start" "$(cat "$T_TMP/treg.err")"
	return 0
fi
t_pass "rig_token_registry_start"
T=$RIG_TOKEN_REGISTRY
S=$RIG_TOKEN_SERVER
U=$RIG_TOKEN_USER
P=$RIG_TOKEN_PASSWORD
t_ok "a second call only exports" rig_token_registry_start
t_eq "(the same registry)" "$T" "$RIG_TOKEN_REGISTRY"

reg_code() { curl -sS --noproxy '*' --max-time 10 -o /dev/null -w '%{http_code}' "$@"; }
tokens() { grep -c "$1" "$RIG_TOKEN_LOG"; }

# ---- the registry and its token server ---------------------------------------------------------
t_eq "anonymous /v2/ is refused: 401" 401 "$(reg_code "http://$T/v2/")"
t_eq "with a Bearer challenge naming the token server" \
	"Bearer realm=\"http://$S/token\",service=\"budu-rig-registry\"" \
	"$(curl -sS --noproxy '*' --max-time 10 -D - -o /dev/null "http://$T/v2/" | tr -d '\r' |
		sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p')"
t_eq "the token server refuses a wrong password with Hub's words" \
	'{"details":"incorrect username or password"}' \
	"$(curl -sS --noproxy '*' -u "$U:wrong-$P" "http://$S/token?service=budu-rig-registry")"
tok=$(curl -sS --noproxy '*' -u "$U:$P" \
	"http://$S/token?service=budu-rig-registry&scope=repository:priv/app:pull" | jq -r .token)
t_match "and gives a JWT for the right one" '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' "$tok"
claims=$(cut -d. -f2 <<<"$tok" | tr '_-' '/+' | { read -r c; while ((${#c} % 4)); do c+='='; done; base64 -d <<<"$c"; })
t_eq "granting the scope asked for" '[{"type":"repository","name":"priv/app","actions":["pull"]}]' \
	"$(jq -c .access <<<"$claims")"
t_eq "the registry takes it (signature, issuer, audience checked)" 200 \
	"$(reg_code -H "Authorization: Bearer $tok" "http://$T/v2/")"
anon=$(curl -sS --noproxy '*' "http://$S/token?service=budu-rig-registry&scope=repository:priv/app:pull" | jq -r .token)
t_eq "an anonymous token grants nothing: a manifest read is 401" 401 \
	"$(reg_code -H "Authorization: Bearer $anon" "http://$T/v2/priv/app/manifests/1")"

# ---- docker login: a refresh token, saved as identitytoken ------------------------------------
nopath=$T_TMP/nobin
mkdir -p "$nopath"
dcfg=$T_TMP/docker
mkdir -p "$dcfg"
echo '{}' >"$dcfg/config.json"
dk() { env PATH="$nopath" DOCKER_CONFIG="$dcfg" "$D" "$@"; }
out=$(printf '%s' "wrong-$P" | dk login -u "$U" --password-stdin "$T" 2>&1)
t_match "docker login with a wrong password: the token server's words" 'incorrect username or password' "$out"
out=$(printf '%s' "$P" | dk login -u "$U" --password-stdin "$T" 2>&1)
t_match "docker login with the right one" 'Login Succeeded' "$out"
t_match "docker saves the refresh token as identitytoken" '^[0-9a-f]{64}$' \
	"$(jq -r --arg t "$T" '.auths[$t].identitytoken' "$dcfg/config.json")"
t_eq "and no password" "$(printf '%s:' "$U" | base64 -w0)" \
	"$(jq -r --arg t "$T" '.auths[$t].auth' "$dcfg/config.json")"
"$D" tag bb:1.0 "$T/priv/bb:1" >/dev/null
out=$(dk push "$T/priv/bb:1" 2>&1)
t_match "docker push through the token flow" '^1: digest: sha256:[0-9a-f]{64} size: [0-9]+$' "$out"
t_ok "with the OAuth2 refresh-token grant" grep -q '^POST /token refresh_token user=budu scope=repository:priv/bb:push,pull 200' "$RIG_TOKEN_LOG"
"$D" rmi "$T/priv/bb:1" >/dev/null
out=$("$D" pull "$T/priv/bb:1" 2>&1)
t_match "an anonymous docker pull is denied" 'denied|unauthorized' "$out"

# ---- budu's login --------------------------------------------------------------------------------
cfg=$T_TMP/budu
mkdir -p "$cfg"
echo '{"someKey":1}' >"$cfg/config.json"
chmod 600 "$cfg/config.json"
pb() { env PATH="$nopath" DOCKER_CONFIG="$cfg" "$probe" "$@"; }
out=$(printf '%s' "wrong-$P" | pb login "$T" "$U")
t_eq "budu: a wrong password gets the token server's words" \
	"$(printf 'http=401\nerror: unauthorized: incorrect username or password')" "$out"
t_eq "and saves nothing" '{"someKey":1}' "$(jq -c . "$cfg/config.json")"
n=$(tokens 'GET /token basic user=budu scope= refresh 200')
t_eq "the right one: login, with the refresh token the server gave" "ok identitytoken" \
	"$(printf '%s' "$P" | pb login "$T" "$U")"
t_eq "asked for as docker asks (offline_token=true)" $((n + 1)) "$(tokens 'GET /token basic user=budu scope= refresh 200')"
t_match "saved as docker saves it: identitytoken" '^[0-9a-f]{64}$' \
	"$(jq -r --arg t "$T" '.auths[$t].identitytoken' "$cfg/config.json")"
t_eq "beside the user name, with no password" "$(printf '%s:' "$U" | base64 -w0)" \
	"$(jq -r --arg t "$T" '.auths[$t].auth' "$cfg/config.json")"
t_eq "the other keys kept, mode 0600" '1 600' "$(jq -r .someKey "$cfg/config.json") $(stat -c %a "$cfg/config.json")"
t_ok "the password is in no file budu wrote" bash -c '! grep -rqF -- "$1" "$2"' _ "$P" "$cfg"
t_eq "lookup: the identity token" "found user=$U token=1 secret=different" "$(printf x | pb lookup "$T")"

# budu's saved identity token serves docker (the engine's OAuth2 grant) ...
out=$(env PATH="$nopath" DOCKER_CONFIG="$cfg" "$D" pull "$T/priv/bb:1" 2>&1)
t_match "docker pull with budu's saved login" "Status: .* for $T/priv/bb:1" "$out"
"$D" rmi "$T/priv/bb:1" >/dev/null 2>&1
# ... and budu's own registry calls (Search's tags: the refresh-token grant, POST)
n=$(tokens '^POST /token refresh_token user=budu scope=repository:priv/bb:pull 200')
t_eq "budu lists a private repository's tags with it" 1 "$(pb tags "$T/priv/bb")"
t_eq "through the refresh-token grant" $((n + 1)) "$(tokens '^POST /token refresh_token user=budu scope=repository:priv/bb:pull 200')"
t_eq "budu lists them with docker's saved login too" 1 \
	"$(env PATH="$nopath" DOCKER_CONFIG="$dcfg" "$probe" tags "$T/priv/bb")"

# A password login without a refresh token stays a password (the htpasswd registry has no token
# server: tests/engine/80 checks that budu saves base64(user:password) there).
t_eq "logout" erased "$(pb logout "$T")"
t_eq "leaves no entry" null "$(jq -c --arg t "$T" '.auths[$t]' "$cfg/config.json")"
t_ok "the token server's log holds no secret" bash -c '! grep -qF -- "$1" "$2"' _ "$P" "$RIG_TOKEN_LOG"
