# shellcheck shell=bash
# The pass credential helper through budu's UI (issue 10): with a config.json that says
# "credsStore":"pass" and the rig's throwaway gpg key and password store (rig_pass_setup), a login
# from the Registries panel (6, l, server, user, password) goes to docker-credential-pass, not to
# config.json; docker-credential-pass list names the server; /usr/bin/docker pulls a private image
# with it; the row says the login is stored in pass; d erases it from pass. All along, a sampler
# looks at the process list and the screen: the password must show in neither.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
A=${RIG_AUTH_REGISTRY:-}
U=${RIG_AUTH_USER:-}
P=${RIG_AUTH_PASSWORD:-}
if [[ -z $A || -z $U || -z $P ]]; then
	t_fail "the rig started its registry with auth (RIG_AUTH_REGISTRY)" "no RIG_AUTH_REGISTRY"
	return 0
fi
if ! rig_pass_setup 2>"$T_TMP/pass.err"; then
	t_fail "rig_pass_setup" "$(cat "$T_TMP/pass.err")"
	return 0
fi
A_re=${A//./\\.}
img=$A/passpriv/bb:1

# The helper's logins for $A: "user" lines (nothing when none).
pass_user() { docker-credential-pass list </dev/null | jq -r --arg a "$A" '.[$a] // empty'; }
# Another test may have left a login for $A in the shared password store: start without one.
[[ -n $(pass_user) ]] && printf '%s' "$A" | docker-credential-pass erase >/dev/null 2>&1
t_eq "setup: the password store has no login for $A" "" "$(pass_user)"

# budu's config: the pass helper for every registry, as `docker login` writes it.
cfg=$T_TMP/cfg
mkdir -p "$cfg"
echo '{"credsStore":"pass","psFormat":"table {{.Names}}"}' >"$cfg/config.json"
chmod 600 "$cfg/config.json"
dp() { DOCKER_CONFIG=$cfg "$D" "$@"; }

# A private image in the auth registry, pushed with a login of docker's own elsewhere.
pushcfg=$T_TMP/pushcfg
mkdir -p "$pushcfg"
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$A" "$(printf '%s:%s' "$U" "$P" | base64 -w0)" >"$pushcfg/config.json"
"$D" tag bb:1.0 "$img" >/dev/null
DOCKER_CONFIG=$pushcfg "$D" push "$img" >/dev/null 2>&1
"$D" rmi "$img" >/dev/null 2>&1
t_ok "setup: the private image is in the auth registry" \
	bash -c "curl -sf -u '$U:$P' http://$A/v2/passpriv/bb/tags/list | grep -q '\"1\"'"
t_ok "setup: docker cannot pull it without a login" bash -c "! DOCKER_CONFIG='$cfg' '$D' pull '$img' >/dev/null 2>&1"

# The sampler: every 50 ms, the process list and the screen; a line with the password in either
# is kept (compared inside bash: no command line of its own holds the password).
leaks=$T_TMP/leaks
samples=$T_TMP/samples
: >"$leaks"
: >"$samples"
# sample_once FILE: one look, what holds the password appended to FILE.
sample_once() {
	local line screen
	while IFS= read -r line; do
		[[ $line == *"$P"* ]] && printf 'ps: %s\n' "$line" >>"$1"
	done < <(ps -eww -o pid=,args=)
	if screen=$(ui_screen 2>/dev/null); then
		[[ $screen == *"$P"* ]] && printf 'screen: %s\n' "$screen" >>"$1"
	fi
	return 0
}
sampler() {
	while [[ ! -e $T_TMP/sampler.stop ]]; do
		sample_once "$leaks"
		echo . >>"$samples"
		sleep 0.05
	done
}
# paste_secret: the password into budu's prompt through a tmux buffer (send-keys would put it
# on tmux's command line, where the sampler would rightly find it).
paste_secret() {
	printf '%s' "$P" | ui__tmux load-buffer -b secret - &&
		ui__tmux paste-buffer -d -b secret -t budu
}
# Checks that compare in bash, so that no command line holds the password.
no_secret_in() { [[ $1 != *"$P"* ]]; }
no_secret_in_file() { [[ $(cat "$1") != *"$P"* ]]; }
no_secret_under() {
	local f
	while IFS= read -r -d '' f; do no_secret_in_file "$f" || return 1; done < <(find "$1" -type f -print0)
}
helper_secret_is_it() { [[ $(printf '%s' "$A" | docker-credential-pass get | jq -r .Secret) == "$P" ]]; }
# select_reg TEXT: the cursor (from the top) onto the row holding TEXT.
select_reg() {
	ui_keys g
	for _ in $(seq 20); do
		ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | grep -qF "$1 " && return 0
		ui_keys j
		sleep 0.1
	done
	return 1
}

UI_ENV=(DOCKER_CONFIG="$cfg" GNUPGHOME="$RIG_GNUPGHOME" PASSWORD_STORE_DIR="$RIG_PASSWORD_STORE_DIR")
UI_COLS=160 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
sampler &
sampler_pid=$!
rig_track_pid "$sampler_pid"

ui_keys 6
t_ok "6 opens the Registries panel" ui_wait_for '^REGISTRY +USER +STORED IN +CHECK'
ui_keys l C-u
ui_type "$A"
ui_keys Enter
t_ok "l asks for the user name" ui_wait_for "^User name for $A_re:"
ui_type "$U"
ui_keys Enter
t_ok "then the password" ui_wait_for '^Password or token'
paste_secret
# (nothing on screen changes as budu reads it: the sampler looks on while it does)
t_ok "the password typed is not drawn" no_secret_in "$(ui_screen)"
t_ok "the prompt stays" ui_wait_for '^Password or token'
ui_keys Enter
t_ok "the login is checked and saved" ui_wait_for "Logged in to $A_re as $U" 20

t_ok "the password is not in config.json" no_secret_in_file "$cfg/config.json"
t_ok "nor in any file of the config dir" no_secret_under "$cfg"
t_eq "config.json keeps credsStore pass and its other keys, {} for the server, as docker writes it" \
	"{\"credsStore\":\"pass\",\"psFormat\":\"table {{.Names}}\",\"auths\":{\"$A\":{}}}" \
	"$(jq -c '{credsStore, psFormat, auths}' "$cfg/config.json")"
t_eq "docker-credential-pass list names the server, with the user" "$U" "$(pass_user)"
t_ok "the helper holds the password that was typed" helper_secret_is_it
t_ok "the row says it is stored in pass" ui_wait_for "^ *$A_re +$U +pass( |$)" 10
select_reg "$A"
ui_keys Enter
t_ok "Enter checks the login from pass against /v2/" ui_wait_for 'ok: the login works' 15

t_ok "/usr/bin/docker pulls the private image with that DOCKER_CONFIG" dp pull -q "$img"
"$D" rmi "$img" >/dev/null 2>&1

select_reg "$A"
ui_keys d
t_ok "d asks first, with docker logout" ui_wait_for "docker logout $A_re"
t_ok "and says the login goes from pass" ui_wait_for "Removes the login of $U from pass\."
ui_keys y
t_ok "y logs out" ui_wait_for "Removed login credentials for $A_re" 15
t_eq "docker-credential-pass list no longer names the server" "" "$(pass_user)"
t_eq "the password store keeps no entry for it" "" \
	"$(find "$RIG_PASSWORD_STORE_DIR" -name '*.gpg' -path '*docker-credential-helpers*' 2>/dev/null)"
t_ok "docker can no longer pull" bash -c "! DOCKER_CONFIG='$cfg' '$D' pull '$img' >/dev/null 2>&1"
t_ok "the row no longer shows the user" ui_wait_gone "^ *$A_re +$U +pass" 10

touch "$T_TMP/sampler.stop"
wait "$sampler_pid" 2>/dev/null
n=$(wc -l <"$samples")
t_ok "the sampler looked $n times while budu ran" test "$n" -ge 5
# the sampler can see: a process with the password on its command line is found
(exec -a "decoy-$P" sleep 5) &
decoy=$!
decoy_up() { [[ $(ps -o args= -p "$decoy") == decoy-* ]]; }
for _ in $(seq 50); do decoy_up && break; sleep 0.1; done
: >"$T_TMP/decoy.leaks"
sample_once "$T_TMP/decoy.leaks"
kill "$decoy" 2>/dev/null
wait "$decoy" 2>/dev/null
t_ok "the sampler finds a decoy command line with the password" grep -q "^ps: *$decoy " "$T_TMP/decoy.leaks"
leaked=$(cat "$leaks")
t_eq "the password was never in the process list nor on screen" "" "${leaked//"$P"/<password>}"
t_ok "nor on budu's stderr" no_secret_in "$(ui_stderr)"
ui_stop
"$D" rmi "$img" >/dev/null 2>&1
true
