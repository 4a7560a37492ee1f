# shellcheck shell=bash
# The Registries panel (6): login to the rig's htpasswd registry (a wrong password saves nothing,
# the right one is saved where docker keeps it and docker uses it), the check, a pull of a private
# image with budu's saved login, budu using what `docker login` saved, logout; the password never
# on screen nor in the process list.
source "$top_srcdir/tests/ui/lib-images.sh"

D=$RIG_DOCKER
A=${RIG_AUTH_REGISTRY:-}
U=${RIG_AUTH_USER:-}
P=${RIG_AUTH_PASSWORD:-}
if [[ -z $A || -z $U || -z $P ]]; then
	t_fail "the rig started its registry with auth (RIG_AUTH_REGISTRY)" "no RIG_AUTH_REGISTRY"
	return 0
fi

# A config dir of budu's own (the file store: no helper on this PATH's config), and a private
# image in the auth registry, pushed with docker's own login elsewhere.
# The file has a login already (docker, like budu, picks the pass helper for a blank file).
cfg=$T_TMP/cfg
mkdir -p "$cfg"
printf '{"someKey":"kept","auths":{"old.example:5000":{"auth":"b2xkOnB3"}}}\n' >"$cfg/config.json"
chmod 600 "$cfg/config.json"
pushcfg=$T_TMP/pushcfg
mkdir -p "$pushcfg"
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$A" "$(printf '%s:%s' "$U" "$P" | base64 -w0)" >"$pushcfg/config.json"
"$D" tag bb:1.0 "$A/private/bb:1" >/dev/null
DOCKER_CONFIG=$pushcfg "$D" push "$A/private/bb:1" >/dev/null 2>&1
"$D" rmi "$A/private/bb:1" >/dev/null 2>&1
t_ok "the private image is in the auth registry" \
	bash -c "curl -sf -u '$U:$P' http://$A/v2/private/bb/tags/list | grep -q '\"1\"'"

UI_ENV=(DOCKER_CONFIG="$cfg")
UI_COLS=160 UI_ROWS=30
ui_start
ui_wait_for 'images · ' 15 >/dev/null
ui_keys 6
t_ok "6 opens the Registries panel" ui_wait_for '^REGISTRY +USER +STORED IN +CHECK'
t_ok "the engine's insecure registries are listed" ui_wait_for '127\.0\.0\.0/8 \(insecure\)'
t_ok "and the logins config.json holds" ui_wait_for 'old\.example:5000 +old +config\.json'

# A wrong password: the registry's message, nothing saved.
ui_keys l C-u
ui_type "$A"
ui_keys Enter
t_ok "l asks for the user name" ui_wait_for "^User name for $A:"
ui_type "$U"
ui_keys Enter
t_ok "then the password, drawn as nothing" ui_wait_for '^Password or token'
ui_type "wrong-$P"
ui_keys Enter
t_ok "a wrong password says what the registry said" ui_wait_for 'unauthorized|authentication required|401' 15
t_ok "and saves nothing" bash -c "! grep -q '$A' '$cfg/config.json'"

# The right one, this time from a file (as cat FILE | docker login --password-stdin).
printf '%s\n' "$P" >"$T_TMP/token"
ui_keys l C-u
ui_type "$A"
ui_keys Enter
ui_wait_for "^User name for $A:" >/dev/null
ui_type "$U"
ui_keys Enter
ui_wait_for '^Password or token' >/dev/null
ui_type "<$T_TMP/token"
ui_keys Enter
t_ok "the right one logs in" ui_wait_for "Logged in to $A as $U" 15
t_ok "it is saved in config.json's auths, as docker writes it" \
	bash -c "grep -q '\"$A\"' '$cfg/config.json' && grep -q '\"auth\"' '$cfg/config.json'"
t_ok "config.json keeps the keys budu does not know" grep -q '"someKey"' "$cfg/config.json"
t_eq "and its mode" 600 "$(stat -c %a "$cfg/config.json")"
t_ok "the row shows the user and the store" ui_wait_for "$A +$U +config.json"
ui_keys Enter
t_ok "Enter checks the login against /v2/" ui_wait_for 'ok: the login works' 15

# docker uses what budu saved.
t_ok "docker pull with budu's login works" bash -c "DOCKER_CONFIG='$cfg' '$D' pull '$A/private/bb:1' >/dev/null 2>&1"
"$D" rmi "$A/private/bb:1" >/dev/null 2>&1

# budu's pulls carry the login too (X-Registry-Auth).
ui_keys 1 p C-u
ui_type "$A/private/bb:1"
ui_keys Enter
t_ok "budu pulls the private image with the saved login" \
	bash -c "for i in \$(seq 50); do '$D' image inspect '$A/private/bb:1' >/dev/null 2>&1 && exit 0; sleep 0.2; done; exit 1"
"$D" rmi "$A/private/bb:1" >/dev/null 2>&1

# Search browses the private repository with the saved login.
ui_keys 2
ui_wait_for '^ budu @ [^ ]+  Search' >/dev/null
ui_keys Escape	# the query prompt of a first visit
ui_keys r
ui_type "$A/private/bb"
ui_keys Enter
t_ok "a private repository's tags list with the saved login" ui_wait_for '^ *1 *$' 15

# Push: u on an image row, with the command and the registry said first; per-layer rows.
"$D" tag bb:1.0 "$A/pushed/bb:2" >/dev/null
ui_keys 1 / C-u
ui_type pushed
ui_keys Enter
ui_wait_for "^$A/pushed/bb +2 " >/dev/null
ui_keys u
t_ok "u asks first, with docker image push" ui_wait_for "docker image push $A/pushed/bb:2"
t_ok "and names the registry" ui_wait_for "to $A, with the login saved for it"
ui_keys y
t_ok "the push ends with the digest" ui_wait_for "Pushed $A/x: sha256:[0-9a-f]{64}|Pushed .*sha256:" 30
digest=$(curl -sS -u "$U:$P" -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' -D - -o /dev/null \
	"http://$A/v2/pushed/bb/manifests/2" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')
t_match "the registry serves what was pushed" 'sha256:[0-9a-f]{64}' "$digest"
ui_keys 3
t_ok "the Jobs panel shows the push's layer rows" ui_wait_for '^ *[0-9a-f]{12}: (Pushed|Layer already exists|Mounted from)' 10
t_ok "and its digest line" ui_wait_for "2: digest: $digest size: [0-9]+" 10
ui_keys 1 Escape
"$D" rmi "$A/pushed/bb:2" >/dev/null 2>&1

# Push -a: every tag of the repository, with the dialog's a switch.
"$D" tag bb:1.0 "$A/every/bb:1" >/dev/null
"$D" tag demo/used:1 "$A/every/bb:2" >/dev/null
ui_keys / C-u
ui_type every
ui_keys Enter
ui_wait_for "^$A/every/bb +2 " >/dev/null
ui_keys u
ui_wait_for "docker image push $A/every/bb:" >/dev/null
ui_keys a
t_ok "a switches the command to docker image push -a REPOSITORY" ui_wait_for "docker image push -a $A/every/bb *│? *$"
ui_keys y
t_ok "push -a sends every tag" bash -c "for i in \$(seq 60); do t=\$(curl -s -u '$U:$P' http://$A/v2/every/bb/tags/list); case \$t in *'\"1\"'*'\"2\"'*|*'\"2\"'*'\"1\"'*) exit 0;; esac; sleep 0.5; done; exit 1"
ui_keys Escape
"$D" rmi "$A/every/bb:1" "$A/every/bb:2" >/dev/null 2>&1

# Upstream changed: the registry's tag moved since the local one was pushed or pulled.
dk() { DOCKER_CONFIG=$pushcfg "$D" "$@" >/dev/null 2>&1; }
dk tag bb:1.0 "$A/up/bb:1" && dk push "$A/up/bb:1"
dk tag demo/used:1 "$A/up/bb:1" && dk push "$A/up/bb:1"
dk tag bb:1.0 "$A/up/bb:1"	# the local tag back on the image first pushed
dk tag bb:1.0 "$A/same/bb:1" && dk push "$A/same/bb:1"
ui_keys 1 / C-u
ui_type '/bb'
ui_keys Enter
ui_wait_for "^$A/up/bb +1 " >/dev/null
ui_wait_for "^$A/same/bb +1 " >/dev/null
# select_row REGEX: the cursor (from the top) onto the row matching REGEX.
select_row() {
	ui_keys g
	for _ in $(seq 10); do
		ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | sed 's/\x1b\[[0-9;]*m//g' | grep -qE "$1" && return 0
		ui_keys j
		sleep 0.1
	done
	return 1
}
select_row "^$A/up/bb +1 "
ui_keys Space
select_row "^$A/same/bb +1 "
ui_keys Space V
t_ok "V adds the UPSTREAM column" ui_wait_for 'UPSTREAM *$' 20
t_ok "a tag that moved on the registry is marked" ui_wait_for "^$A/up/bb +1 .*upstream changed *$" 20
t_ok "one that did not is the same" ui_wait_for "^$A/same/bb +1 .* same *$" 20
ui_keys Escape
"$D" rmi "$A/up/bb:1" "$A/same/bb:1" >/dev/null 2>&1

# The password appears nowhere: not on screen, not in the process list.
screen_all=$(ui_screen)
t_ok "the password is not on screen" bash -c '! grep -qF -- "$1" <<<"$2"' _ "$P" "$screen_all"
t_ok "nor in the process list" bash -c '! ps -eo args | grep -v grep | grep -qF -- "$1"' _ "$P"

# Logout: erased where it was; docker sees it gone too.
# select_reg TEXT: moves the cursor (from the top) to the row holding TEXT.
select_reg() {
	ui_keys g
	for _ in $(seq 20); do
		ui_screen_esc | grep -E $'\e\\[([0-9]*;)*46m' | grep -qF "$1 " && return 0
		ui_keys j
		sleep 0.1
	done
	return 1
}
ui_keys 6
ui_wait_for '^REGISTRY' >/dev/null
select_reg "$A"
ui_keys d
t_ok "d asks first, with docker logout" ui_wait_for "docker logout $A"
ui_keys y
t_ok "logout removes the login" ui_wait_for "Removed login credentials for $A" 15
t_ok "from config.json" bash -c "! grep -q '\"$A\"' '$cfg/config.json'"
t_ok "and docker can no longer pull" bash -c "! DOCKER_CONFIG='$cfg' '$D' pull '$A/private/bb:1' >/dev/null 2>&1"

# Without a login a push is refused, and budu says where to log in.
"$D" tag bb:1.0 "$A/pushed/bb:3" >/dev/null
ui_keys 1 / C-u
ui_type pushed
ui_keys Enter
ui_wait_for "^$A/pushed/bb +3 " >/dev/null
ui_keys u
ui_wait_for "docker image push $A/pushed/bb:3" >/dev/null
ui_keys y
t_ok "a push without a login offers one, naming the registry" ui_wait_for "Log in to $A\\?" 30
t_match "... with the registry's words" 'no basic auth credentials|unauthorized|authentication required' "$(ui_screen)"
ui_keys n
t_ok "n: no login, the Images panel as it was" ui_wait_for "^$A/pushed/bb +3 " 5
"$D" rmi "$A/pushed/bb:3" >/dev/null 2>&1

# A pull without a login offers it too; y starts the login form for that registry.
ui_keys p C-u
ui_type "$A/private/bb:1"
ui_keys Enter
t_ok "a pull without a login offers one" ui_wait_for "Log in to $A\\?" 30
ui_keys y
t_ok "y: the Registries panel, the form started for that registry" \
	ui_wait_for "Log in to \\(empty: Docker Hub\\): $A" 10
t_match "... on the Registries panel" '^ budu @ [^ ]+  Registries' "$(ui_screen | head -n1)"
ui_keys Enter
t_ok "... then the user name" ui_wait_for "User name for $A:" 5
ui_keys Escape
ui_wait_for '^REGISTRY' >/dev/null

# What docker login saves, budu uses.
printf '%s' "$P" | DOCKER_CONFIG=$cfg "$D" login -u "$U" --password-stdin "$A" >/dev/null 2>&1
ui_keys R
t_ok "a login saved by docker shows" ui_wait_for "$A +$U +config.json" 10
select_reg "$A"
ui_keys Enter
t_ok "and checks out" ui_wait_for 'ok: the login works' 15
ui_stop
"$D" rmi "$A/private/bb:1" >/dev/null 2>&1
true
