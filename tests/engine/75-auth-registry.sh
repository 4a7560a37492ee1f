# shellcheck shell=bash
# tests/engine/75-auth-registry.sh: the rig's registry with htpasswd (bcrypt) Basic auth, and the
# `pass` credential helper (rig_pass_setup), with /usr/bin/docker as the reference client: what
# budu's login, push and helper code must interoperate with (sourced by tests/suite.sh).

D=$RIG_DOCKER
A=${RIG_AUTH_REGISTRY:-}
U=${RIG_AUTH_USER:-}
P=${RIG_AUTH_PASSWORD:-}

if [[ -z $A || -z $U || -z $P ]]; then
	t_fail "the rig started its registry with auth (RIG_AUTH_REGISTRY)" \
		"rig_start set no RIG_AUTH_REGISTRY: is htpasswd (apache2-utils) installed?"
	return 0
fi
t_match "RIG_AUTH_REGISTRY is on loopback" '^127\.0\.0\.1:[0-9]+$' "$A"
t_match "the htpasswd file holds a bcrypt hash" "^$U:\\\$2y\\\$" "$(cat "$RIG_AUTH_HTPASSWD")"

reg_code() { curl -sS --noproxy '*' --max-time 10 -o /dev/null -w '%{http_code}' "$@"; }
api() { curl -sS --noproxy '*' --max-time 60 --unix-socket "$RIG_SOCK" "$@"; }

# ---- the registry itself ---------------------------------------------------------------------

t_eq "anonymous /v2/ is refused: 401" 401 "$(reg_code "http://$A/v2/")"
t_eq "it asks for Basic auth in its realm" 'Basic realm="budu-rig"' \
	"$(curl -sS --noproxy '*' --max-time 10 -D - -o /dev/null "http://$A/v2/" | tr -d '\r' |
		sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p')"
t_eq "the right password: 200" 200 "$(reg_code -u "$U:$P" "http://$A/v2/")"
t_eq "a wrong password: 401" 401 "$(reg_code -u "$U:wrong-$P" "http://$A/v2/")"
t_eq "an anonymous manifest read: 401" 401 "$(reg_code "http://$A/v2/demo/app/manifests/1")"
t_eq "the plain registry still wants no auth" 200 "$(reg_code "http://$RIG_REGISTRY/v2/")"

# ---- docker login with the file store (config.json auths) ------------------------------------
# An empty config.json makes docker's CLI pick the `pass` store by itself when pass and
# docker-credential-pass are on PATH (see below); a PATH without them keeps it on the file.
nopath=$T_TMP/nobin
mkdir -p "$nopath"
cfg=$T_TMP/file
mkdir -p "$cfg"
echo '{}' >"$cfg/config.json"
dk() { env PATH="$nopath" DOCKER_CONFIG="$cfg" "$D" "$@"; }

out=$(printf '%s' "wrong-$P" | dk login -u "$U" --password-stdin "$A" 2>&1)
rc=$?
t_ok "docker login with a wrong password fails" test "$rc" -ne 0
t_match "and says the registry refused it" 'unauthorized|401' "$out"
t_eq "and saves nothing" '{}' "$(jq -c . "$cfg/config.json")"

out=$(printf '%s' "$P" | dk login -u "$U" --password-stdin "$A" 2>&1)
t_match "docker login with the right password succeeds" 'Login Succeeded' "$out"
t_eq "config.json auths holds base64(user:password) under host:port" \
	"$(printf '%s:%s' "$U" "$P" | base64 -w0)" "$(jq -r --arg a "$A" '.auths[$a].auth' "$cfg/config.json")"

push_ref=$A/demo/app:1
"$D" tag demo/app:1 "$push_ref"
out=$(dk push "$push_ref" 2>&1)
t_match "docker push after login succeeds" "^1: digest: sha256:[0-9a-f]{64} size: [0-9]+\$" "$out"
t_match "it pushed the layers (or found them)" ': (Pushed|Layer already exists)$' "$out"
pushed=$(sed -n 's/^1: digest: \(sha256:[0-9a-f]*\) size: .*/\1/p' <<<"$out")
t_eq "the registry serves the pushed digest" "$pushed" \
	"$(curl -sSI --noproxy '*' -u "$U:$P" -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
		"http://$A/v2/demo/app/manifests/1" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')"
t_eq "and lists the tag to the account" '{"name":"demo/app","tags":["1"]}' \
	"$(curl -sS --noproxy '*' -u "$U:$P" "http://$A/v2/demo/app/tags/list" | jq -c .)"

"$D" rmi "$push_ref" >/dev/null
out=$(dk pull "$push_ref" 2>&1)
t_match "docker pull after login succeeds" "Status: .* for $push_ref" "$out"
t_match "the pulled image has the pushed digest" "^$A/demo/app@$pushed\$" \
	"$("$D" image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$push_ref")"
"$D" rmi "$push_ref" >/dev/null

out=$(dk logout "$A" 2>&1)
t_match "docker logout" "Removing login credentials for $A" "$out"
t_eq "leaves no auths entry" null "$(jq -c --arg a "$A" '.auths[$a]' "$cfg/config.json")"
out=$(dk pull "$push_ref" 2>&1)
rc=$?
t_ok "an anonymous docker pull fails" test "$rc" -ne 0
t_match "for want of credentials" 'no basic auth credentials|unauthorized' "$out"

# What budu meets without credentials: the engine's own words, X-Registry-Auth {} (e30=).
out=$(api -X POST -H 'X-Registry-Auth: e30=' "http://rig/v1.41/images/create?fromImage=$A/demo/app&tag=1")
t_match "the engine refuses an anonymous pull (API, e30=): $(head -c 120 <<<"$out")" \
	'no basic auth credentials|unauthorized' "$out"
"$D" tag demo/app:1 "$A/demo/app:anon"
out=$(api -X POST -H 'X-Registry-Auth: e30=' "http://rig/v1.41/images/$A/demo/app/push?tag=anon")
t_match "and an anonymous push (API, e30=): $(tail -n1 <<<"$out" | head -c 120)" \
	'"errorDetail":\{"message":"(no basic auth credentials|unauthorized)' "$out"
xra=$(printf '{"username":"%s","password":"%s","serveraddress":"%s"}' "$U" "$P" "$A" | base64 -w0 | tr '+/' '-_')
out=$(api -X POST -H "X-Registry-Auth: $xra" "http://rig/v1.41/images/$A/demo/app/push?tag=anon")
t_match "with X-Registry-Auth (base64url JSON) the push succeeds" '"aux":\{"Tag":"anon","Digest":"sha256:' "$out"
"$D" rmi "$A/demo/app:anon" >/dev/null

# ---- the pass credential helper --------------------------------------------------------------

if ! rig_pass_setup 2>"$T_TMP/pass.err"; then
	t_fail "rig_pass_setup" "$(cat "$T_TMP/pass.err")"
	return 0
fi
t_pass "rig_pass_setup"
t_eq "GNUPGHOME and PASSWORD_STORE_DIR are the rig's" "$RIG_DIR/gnupg $RIG_DIR/pass" \
	"$GNUPGHOME $PASSWORD_STORE_DIR"
t_eq "the store is initialised for the rig's key" "$RIG_PASS_KEY" "$(cat "$PASSWORD_STORE_DIR/.gpg-id")"
t_ok "a second call is quick and changes nothing" rig_pass_setup
t_eq "(the same key)" "$RIG_PASS_KEY" "$(GNUPGHOME=$RIG_GNUPGHOME gpg --batch --with-colons --list-secret-keys |
	awk -F: '$1 == "fpr" { print $10; exit }')"

h() { docker-credential-pass "$@"; }
# "Not found" from a helper is exit != 0 with "credentials not found in native keychain" on
# stdout (the protocol, helpers >= 0.7) -- but Debian 12's docker-credential-pass 0.6.4 exits 0
# with an empty Username and Secret instead. Both mean "no credentials"; budu must take both.
h_absent() { # h_absent DESC SERVER
	local out rc
	out=$(printf '%s' "$2" | h get 2>&1)
	rc=$?
	if ((rc != 0)) && [[ $out == "credentials not found in native keychain" ]]; then
		t_pass "$1 (exit $rc, not found)"
	elif ((rc == 0)) && [[ $(jq -r '"\(.Username)\(.Secret)"' <<<"$out" 2>/dev/null) == "" ]] &&
		jq -e --arg s "$2" '.ServerURL == $s' <<<"$out" >/dev/null 2>&1; then
		t_pass "$1 (exit 0, empty Username and Secret: helpers before 0.7)"
	else
		t_fail "$1" "exit $rc: $out"
	fi
}
srv=https://creds.example.invalid
h_absent "get of an unknown server: not found" "$srv"
t_ok "store" bash -c "printf '%s' '{\"ServerURL\":\"$srv\",\"Username\":\"alice\",\"Secret\":\"s3cr3t\"}' | docker-credential-pass store"
t_eq "get gives it back" "{\"ServerURL\":\"$srv\",\"Username\":\"alice\",\"Secret\":\"s3cr3t\"}" \
	"$(printf '%s' "$srv" | h get | jq -c .)"
t_eq "list names it" alice "$(h list </dev/null | jq -r --arg s "$srv" '.[$s]')"
t_ok "the secret is encrypted in the store (no plain text under PASSWORD_STORE_DIR)" \
	bash -c "! grep -rq s3cr3t '$PASSWORD_STORE_DIR'"
t_ok "erase" bash -c "printf '%s' '$srv' | docker-credential-pass erase"
h_absent "and get finds nothing again" "$srv"

# docker login through the helper, configured (credsStore) ...
cfg=$T_TMP/pass
mkdir -p "$cfg"
echo '{"credsStore":"pass"}' >"$cfg/config.json"
dp() { env DOCKER_CONFIG="$cfg" "$D" "$@"; }
out=$(printf '%s' "wrong-$P" | dp login -u "$U" --password-stdin "$A" 2>&1)
t_ok "a wrong password through the helper fails" test $? -ne 0
t_eq "and stores nothing" null "$(h list </dev/null | jq -c --arg a "$A" '.[$a]')"
out=$(printf '%s' "$P" | dp login -u "$U" --password-stdin "$A" 2>&1)
t_match "docker login with credsStore pass succeeds" 'Login Succeeded' "$out"
t_eq "the helper holds user and password under host:port" "$U $P" \
	"$(printf '%s' "$A" | h get | jq -r '"\(.Username) \(.Secret)"')"
t_eq "config.json keeps credsStore and has no auth field for it" '{"credsStore":"pass","auths":{}}' \
	"$(jq -c '{credsStore, auths: ((.auths // {}) | map_values(select(has("auth"))))}' "$cfg/config.json")"
t_ok "the password is not in config.json" bash -c "! grep -qF -- '$P' '$cfg/config.json'"
"$D" tag demo/app:1 "$A/demo/app:pass"
t_ok "docker push with the helper's credentials" dp push "$A/demo/app:pass"
"$D" rmi "$A/demo/app:pass" >/dev/null
t_ok "docker pull with them" dp pull "$A/demo/app:pass"
"$D" rmi "$A/demo/app:pass" >/dev/null 2>&1
dp logout "$A" >/dev/null 2>&1
h_absent "docker logout erases them from the helper" "$A"

# ... and picked by the CLI itself for a config.json without auths, credsStore, credHelpers
cfg=$T_TMP/auto
mkdir -p "$cfg"
echo '{}' >"$cfg/config.json"
out=$(printf '%s' "$P" | env DOCKER_CONFIG="$cfg" "$D" login -u "$U" --password-stdin "$A" 2>&1)
t_match "docker login with an empty config.json" 'Login Succeeded' "$out"
t_eq "went to pass (docker's default store on Linux when pass is installed)" "$U" \
	"$(printf '%s' "$A" | h get | jq -r .Username)"
t_eq "and config.json names the store" pass "$(jq -r .credsStore "$cfg/config.json")"
env DOCKER_CONFIG="$cfg" "$D" logout "$A" >/dev/null 2>&1
h_absent "logout erased it" "$A"
t_eq "list is empty at the end" '{}' "$(h list </dev/null | jq -c .)"
