# shellcheck shell=bash
# tests/rig/rig.sh: a private, throw-away Docker engine and registry for tests.
#
# Source this file, then:
#   rig_start          temp dir + private dockerd (+ its own containerd) + registry
#   rig_seed           seed images/containers without the internet (see seeded.txt)
#   rig_seeded ROLE    print the seeded value(s) of a role (see rig_seed)
#   rig_seed_index     an image index of two platforms in the registry (rig_seed runs it)
#   rig_engine_stop    stop only dockerd (and its containerd)  -> "engine lost"
#   rig_engine_start   start dockerd again on the same socket   -> "engine back"
#   rig_wait_ping [S]  wait until /_ping answers (default 60 s)
#   rig_stop           stop everything and remove the temp dir (idempotent)
#   rig_fake_index_start  the stand-in search index (rig_start runs it)
#   rig_token_registry_start  a registry with token auth and its token server (lazy; see there)
#   rig_pass_setup     a gpg key and password store for the `pass` credential helper (lazy:
#                      tests that need it call it; see there)
#   rig_sshd_start     an sshd on 127.0.0.1 whose `docker` reaches this engine, and ssh client
#                      configs for it (lazy: tests/engine/90-ssh.sh calls it; see there)
#   rig_podman_start   Debian's podman serving its Docker-compatible API on a socket of the rig,
#                      with its own storage, seeded from the rig's registry (lazy; see there)
#
# Exported by rig_start: RIG_DIR RIG_SOCK DOCKER_HOST RIG_REGISTRY RIG_DOCKER
# DOCKER_CONFIG (an empty client config dir inside RIG_DIR), and, unless
# RIG_TLS=0 or openssl is missing, RIG_TLS_HOST (tcp://127.0.0.1:PORT, the same
# engine with --tlsverify) and RIG_CERTS (see certs.sh: client/ and other/);
# RIG_INDEX (127.0.0.1:PORT, a v1 search index: `docker search $RIG_INDEX/nginx`)
# unless it could not start (then rig_start says so and goes on);
# RIG_AUTH_REGISTRY (127.0.0.1:PORT, a second registry that wants htpasswd/bcrypt
# Basic auth), RIG_AUTH_USER and RIG_AUTH_PASSWORD (its one account; the password
# is new for every rig) and RIG_AUTH_HTPASSWD (the file), unless htpasswd
# (apache2-utils) is missing or it could not start (rig_start says so, goes on).
#
# Cleanup runs from EXIT/INT/TERM/HUP traps of the shell that called rig_start,
# and from a detached reaper that notices when that shell dies without running
# its traps (SIGKILL). Extra cleanup commands can be added to the array
# RIG_CLEANUP_HOOKS; they run before the engine is torn down.
#
# Needs root (dockerd does). Nothing here talks to the internet.

RIG_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
# rig_make_certs (a CA, server and client certificates for the TLS listener)
# shellcheck source=tests/rig/certs.sh
[[ -f ${RIG_LIB%/*}/certs.sh ]] && source "${RIG_LIB%/*}/certs.sh"
RIG_DOCKER=${RIG_DOCKER:-/usr/bin/docker}
RIG_DOCKERD=${RIG_DOCKERD:-/usr/sbin/dockerd}
RIG_REGISTRY_BIN=${RIG_REGISTRY_BIN:-/usr/bin/docker-registry}
RIG_BUSYBOX=${RIG_BUSYBOX:-/bin/busybox}
RIG_HTPASSWD=${RIG_HTPASSWD:-htpasswd}
RIG_PING_TIMEOUT=${RIG_PING_TIMEOUT:-60}
declare -ga RIG_CLEANUP_HOOKS=("${RIG_CLEANUP_HOOKS[@]}")

rig__log() { printf 'rig: %s\n' "$*" >&2; }

# True if PID names a live (non-zombie) process. Killed daemons are orphans,
# and PID 1 may reap them late: `kill -0` alone would call a zombie alive.
rig__alive() {
	local pid=$1 stat
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[[ ${stat%% *} != Z && ${stat%% *} != X ]]
}

# rig__await_port PID FILE: the port a loopback server of the rig (fake-index, token-server)
# prints as its first line into FILE, once it has; empty if it dies or is silent for 5 s.
rig__await_port() {
	local n
	for ((n = 0; n < 50; n++)); do
		[[ $(wc -l <"$2") -ge 1 ]] && break
		rig__alive "$1" || break
		sleep 0.1
	done
	head -n1 "$2" | tr -dc 0-9
}

# Field 22 of /proc/PID/stat: start time in clock ticks (guards pid reuse).
rig__starttime() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	# after "comm)" the fields start at #3, so starttime is word 20
	# shellcheck disable=SC2086 # split on purpose
	set -- $stat
	printf '%s\n' "${20}"
}

# rig__wait_dead PID TIMEOUT_TENTHS: 0 once dead, 1 on timeout.
rig__wait_dead() {
	local pid=$1 n=${2:-100}
	while rig__alive "$pid"; do
		((n-- > 0)) || return 1
		sleep 0.1
	done
	return 0
}

# rig__kill PID [TIMEOUT_TENTHS]: TERM, wait, then KILL.
rig__kill() {
	local pid=$1 t=${2:-100}
	rig__alive "$pid" || return 0
	kill -TERM "$pid" 2>/dev/null || true
	rig__wait_dead "$pid" "$t" && return 0
	kill -KILL "$pid" 2>/dev/null || true
	rig__wait_dead "$pid" 30 || true
}

rig__pidfile() { [[ -s $1 ]] && tr -dc 0-9 <"$1"; }

rig__ping() {
	curl -fsS --noproxy '*' --max-time 2 --unix-socket "$1" http://rig/_ping >/dev/null 2>&1
}

rig__tail_log() {
	local f=$1 n=${2:-25}
	[[ -f $f ]] || return 0
	printf -- '--- last %s lines of %s ---\n' "$n" "$f" >&2
	tail -n "$n" "$f" | sed 's/^/  | /' >&2
}

# shellcheck disable=SC2120 # the timeout argument is for callers
rig_wait_ping() {
	local timeout=${1:-$RIG_PING_TIMEOUT} n pid
	n=$((timeout * 10))
	while ! rig__ping "$RIG_SOCK"; do
		pid=$(rig__pidfile "$RIG_DIR/dockerd.pid" || true)
		if ((n % 10 == 0)) && [[ -n ${RIG__DOCKERD_PID:-} ]] && ! rig__alive "$RIG__DOCKERD_PID" &&
			{ [[ -z $pid ]] || ! rig__alive "$pid"; }; then
			rig__log "dockerd exited before answering /_ping"
			rig__tail_log "$RIG_DIR/dockerd.log"
			return 1
		fi
		if ((n-- <= 0)); then
			rig__log "dockerd did not answer /_ping on $RIG_SOCK within ${timeout}s"
			rig__tail_log "$RIG_DIR/dockerd.log"
			return 1
		fi
		sleep 0.1
	done
}

# Ports that something listens on (TCP, v4 and v6), decimal, one a line.
rig__listening_ports() {
	local f
	for f in /proc/net/tcp /proc/net/tcp6; do
		[[ -r $f ]] || continue
		while read -r _ addr _ st _; do
			[[ $st == 0A ]] && echo $((16#${addr##*:}))
		done < <(tail -n +2 "$f")
	done
}

# A port below the ephemeral range that nothing listens on right now. The
# caller still has to cope with losing a race (rig__start_registry retries).
rig__free_port() {
	local lo used p i
	read -r lo _ </proc/sys/net/ipv4/ip_local_port_range || lo=32768
	((lo > 21000)) || lo=61000
	used=$(rig__listening_ports | sort -u)
	for ((i = 0; i < 200; i++)); do
		p=$((20000 + (RANDOM % (lo - 20000))))
		grep -qx "$p" <<<"$used" || {
			printf '%s\n' "$p"
			return 0
		}
	done
	return 1
}

rig__dockerd_args() {
	RIG__DOCKERD_ARGS=(
		--config-file="$RIG_DIR/daemon.json"
		--storage-driver=vfs
		--iptables=false --ip-forward=false --ip-masq=false --bridge=none
		--userland-proxy=false --shutdown-timeout=2
		--exec-opt native.cgroupdriver=cgroupfs
		--cgroup-parent="/$RIG__CGROUP"
		--data-root="$RIG_DIR/data"
		--exec-root="$RIG_DIR/exec"
		--pidfile="$RIG_DIR/dockerd.pid"
		-H "unix://$RIG_SOCK"
	)
	if [[ -n ${RIG__TLS_PORT:-} ]]; then
		RIG__DOCKERD_ARGS+=(
			-H "tcp://127.0.0.1:$RIG__TLS_PORT" --tlsverify
			--tlscacert="$RIG_CERTS/ca.pem"
			--tlscert="$RIG_CERTS/server-cert.pem"
			--tlskey="$RIG_CERTS/server-key.pem"
		)
	fi
}

rig_engine_start() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || {
		rig__log "rig_engine_start: no rig (run rig_start first)"
		return 1
	}
	local old
	old=$(rig__pidfile "$RIG_DIR/dockerd.pid" || true)
	if [[ -n $old ]] && rig__alive "$old"; then
		rig__log "rig_engine_start: dockerd already running (pid $old)"
		return 0
	fi
	rm -f "$RIG_DIR/dockerd.pid"
	rig__dockerd_args
	printf '\n=== dockerd start %s ===\n' "$(date -u +%FT%TZ)" >>"$RIG_DIR/dockerd.log"
	# setsid: a terminal's ^C reaches us, not the daemon; we stop it in order.
	setsid "$RIG_DOCKERD" "${RIG__DOCKERD_ARGS[@]}" </dev/null >>"$RIG_DIR/dockerd.log" 2>&1 &
	RIG__DOCKERD_PID=$!
	rig_wait_ping || return 1
	RIG__DOCKERD_PID=$(rig__pidfile "$RIG_DIR/dockerd.pid" || echo "$RIG__DOCKERD_PID")
}

# Stop dockerd (and the containerd it started) but keep data, registry and
# socket path; running containers are stopped by dockerd as usual.
rig_engine_stop() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || return 0
	local pid cpid
	pid=$(rig__pidfile "$RIG_DIR/dockerd.pid" || true)
	cpid=$(rig__pidfile "$RIG_DIR/exec/containerd/containerd.pid" || true)
	[[ -n $pid ]] || pid=${RIG__DOCKERD_PID:-}
	[[ -n $pid ]] && rig__kill "$pid" 250
	[[ -n $cpid ]] && rig__kill "$cpid" 100
	# (a graceful stop also unmounts the data-root, which dockerd bind-mounts on
	# itself; after a hard kill the mount stays until rig_stop)
	rig__wait_gone_sock
}

rig__wait_gone_sock() {
	local n=50
	while [[ -S $RIG_SOCK ]] && rig__ping "$RIG_SOCK" && ((n-- > 0)); do sleep 0.1; done
}

# rig__write_registry_config PORT [DIR [HTPASSWD]]: DIR defaults to $RIG_DIR/reg; with
# HTPASSWD (a file), the registry wants Basic auth against it; when HTPASSWD's name ends in .yml,
# it is the config's whole auth: section instead (the token registry's).
rig__write_registry_config() {
	local port=$1 dir=${2:-$RIG_DIR/reg} htpasswd=${3:-}
	mkdir -p "$dir/data"
	cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: info
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$port
  secret: budu-rig-not-secret
health:
  storagedriver:
    enabled: false
EOF
	if [[ $htpasswd == *.yml ]]; then
		cat "$htpasswd" >>"$dir/config.yml"
	elif [[ -n $htpasswd ]]; then
		cat >>"$dir/config.yml" <<EOF
auth:
  htpasswd:
    realm: budu-rig
    path: $htpasswd
EOF
	fi
}

# rig__start_registry [DIR [HTPASSWD [VAR]]]: a registry serving from DIR (default
# $RIG_DIR/reg; pid, log and config.yml there), exported as VAR=127.0.0.1:PORT (default
# RIG_REGISTRY). With HTPASSWD it wants Basic auth, and its /v2/ answers 401.
rig__start_registry() {
	local dir=${1:-$RIG_DIR/reg} htpasswd=${2:-} var=${3:-RIG_REGISTRY}
	local try port pid n code
	for ((try = 0; try < 10; try++)); do
		port=$(rig__free_port) || break
		rig__write_registry_config "$port" "$dir" "$htpasswd"
		printf '\n=== registry start on %s ===\n' "$port" >>"$dir/log"
		# REGISTRY_* variables would override the config file: drop them
		# shellcheck disable=SC2046 # one "-u NAME" pair per variable
		setsid env $(env | sed -n 's/^\(REGISTRY_[A-Za-z0-9_]*\)=.*/-u \1/p') \
			"$RIG_REGISTRY_BIN" serve "$dir/config.yml" \
			</dev/null >>"$dir/log" 2>&1 &
		pid=$!
		echo "$pid" >"$dir/pid"
		for ((n = 0; n < 100; n++)); do
			rig__alive "$pid" || break
			code=$(curl -sS --noproxy '*' --max-time 2 -o /dev/null -w '%{http_code}' \
				"http://127.0.0.1:$port/v2/" 2>/dev/null)
			if [[ $code == 200 || ($code == 401 && -n $htpasswd) ]]; then
				# the answer must come from ours, not from a racer on that port
				if rig__alive "$pid"; then
					printf -v "$var" '%s' "127.0.0.1:$port"
					export "${var?}"
					return 0
				fi
			fi
			sleep 0.1
		done
		rig__kill "$pid" 20
	done
	rig__log "could not start the registry in $dir"
	rig__tail_log "$dir/log"
	return 1
}

# rig__start_auth_registry (rig_start runs it): the second registry, in $RIG_DIR/areg, with
# one account in an htpasswd file (bcrypt: distribution takes nothing else). Exports
# RIG_AUTH_REGISTRY RIG_AUTH_USER RIG_AUTH_PASSWORD RIG_AUTH_HTPASSWD.
rig__start_auth_registry() {
	local dir=$RIG_DIR/areg user=budu pw
	command -v "$RIG_HTPASSWD" >/dev/null 2>&1 || {
		rig__log "missing $RIG_HTPASSWD (Debian package: apache2-utils)"
		return 1
	}
	mkdir -p "$dir"
	# a new password for every rig, so that a test can look for it where it must not be
	pw=rig-$(od -An -N9 -tx1 /dev/urandom | tr -dc 0-9a-f)
	# -i: the password from stdin, not in the process list
	printf '%s\n' "$pw" | "$RIG_HTPASSWD" -B -i -c "$dir/htpasswd" "$user" >>"$dir/log" 2>&1 || {
		rig__log "$RIG_HTPASSWD -B could not write $dir/htpasswd"
		rig__tail_log "$dir/log" 5
		return 1
	}
	rig__start_registry "$dir" "$dir/htpasswd" RIG_AUTH_REGISTRY || return 1
	RIG_AUTH_USER=$user
	RIG_AUTH_PASSWORD=$pw
	RIG_AUTH_HTPASSWD=$dir/htpasswd
	export RIG_AUTH_USER RIG_AUTH_PASSWORD RIG_AUTH_HTPASSWD
}

# rig_token_registry_start: a third registry that wants token auth (distribution's `auth: token:`,
# the Bearer flow of Docker Hub), in $RIG_DIR/treg, with its token server
# (tests/rig/token-server.c, compiled there with ${CC:-cc} and libcrypto) on 127.0.0.1: the
# server checks one account's user and password (Basic, or the OAuth2 password grant), issues
# RS256 tokens signed by a key whose self-signed certificate is the registry's rootcertbundle,
# granting what the scope asks, and a refresh token when the login asks for one
# (offline_token=true: docker's CLI then saves an "identitytoken"). Anonymous callers get a
# token granting nothing. Exports RIG_TOKEN_REGISTRY (127.0.0.1:PORT), RIG_TOKEN_SERVER
# (127.0.0.1:PORT), RIG_TOKEN_USER, RIG_TOKEN_PASSWORD (new for every rig) and RIG_TOKEN_LOG (the
# token server's log: one line per request, never a secret). Lazy: tests that need it call it;
# running already, it just exports. Stopped with the rig (rig__teardown).
rig_token_registry_start() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || {
		rig__log "rig_token_registry_start: no rig (run rig_start first)"
		return 1
	}
	local dir=$RIG_DIR/treg pid rpid port n line issuer=budu-rig-token-issuer
	mkdir -p "$dir"
	pid=$(rig__pidfile "$dir/tokpid" || true)
	rpid=$(rig__pidfile "$dir/pid" || true)
	if [[ -n $pid && -n $rpid && -s $dir/env ]] && rig__alive "$pid" && rig__alive "$rpid"; then
		# shellcheck disable=SC1091 # written below
		source "$dir/env"
		return 0
	fi
	command -v openssl >/dev/null 2>&1 || {
		rig__log "rig_token_registry_start: missing openssl"
		return 1
	}
	if [[ ! -s $dir/cert.pem ]] &&
		! openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" \
			-days 2 -subj "/CN=$issuer" >>"$dir/log" 2>&1; then
		rig__log "rig_token_registry_start: openssl could not make the signing key"
		return 1
	fi
	if [[ ! -s $dir/users ]]; then
		# a file, so that the password is in no process list; new for every rig
		(umask 077 && printf 'budu:rig-%s\n' "$(od -An -N9 -tx1 /dev/urandom | tr -dc 0-9a-f)" >"$dir/users")
	fi
	if [[ ! -x $dir/token-server ]] &&
		! "${CC:-cc}" -O2 -std=c11 -D_GNU_SOURCE -o "$dir/token-server" "${RIG_LIB%/*}/token-server.c" \
			-lcrypto >>"$dir/log" 2>&1; then
		rig__log "could not compile tests/rig/token-server.c (needs libssl-dev)"
		rig__tail_log "$dir/log" 10
		return 1
	fi
	: >"$dir/port"
	setsid "$dir/token-server" 0 "$dir/key.pem" "$dir/cert.pem" "$issuer" "$dir/users" \
		</dev/null >"$dir/port" 2>>"$dir/tokens.log" &
	pid=$!
	echo "$pid" >"$dir/tokpid"
	port=$(rig__await_port "$pid" "$dir/port")
	if [[ -z $port ]] || ! rig__alive "$pid"; then
		rig__log "the token server did not start"
		rig__tail_log "$dir/tokens.log" 10
		rig__kill "$pid" 20
		return 1
	fi
	printf '%s\n' "auth:" "  token:" "    realm: http://127.0.0.1:$port/token" \
		"    service: budu-rig-registry" "    issuer: $issuer" \
		"    rootcertbundle: $dir/cert.pem" >"$dir/auth.yml"
	rig__start_registry "$dir" "$dir/auth.yml" RIG_TOKEN_REGISTRY || return 1
	line=$(head -n1 "$dir/users")
	{
		printf 'RIG_TOKEN_REGISTRY=%q RIG_TOKEN_SERVER=%q\n' "$RIG_TOKEN_REGISTRY" "127.0.0.1:$port"
		printf 'RIG_TOKEN_USER=%q RIG_TOKEN_PASSWORD=%q RIG_TOKEN_LOG=%q\n' "${line%%:*}" "${line#*:}" \
			"$dir/tokens.log"
		echo 'export RIG_TOKEN_REGISTRY RIG_TOKEN_SERVER RIG_TOKEN_USER RIG_TOKEN_PASSWORD RIG_TOKEN_LOG'
	} >"$dir/env"
	chmod 600 "$dir/env"
	# shellcheck disable=SC1091
	source "$dir/env"
}

# rig_pass_setup: the `pass` credential helper (docker-credential-pass, Debian's
# golang-docker-credential-helpers) ready to use: a throwaway gpg key without passphrase in
# $RIG_DIR/gnupg and a password store in $RIG_DIR/pass initialised for it. Made once per rig
# (later calls only export). Exports RIG_GNUPGHOME RIG_PASSWORD_STORE_DIR RIG_PASS_KEY (the
# key's fingerprint), and GNUPGHOME and PASSWORD_STORE_DIR set to them, which pass and the
# helper read; docker-credential-pass and pass are on PATH (/usr/bin). The gpg-agent it
# starts is stopped with the rig (rig__teardown). Note: docker's CLI picks the `pass` store by
# itself for a config.json without auths, credsStore and credHelpers when both pass and
# docker-credential-pass are on PATH.
rig_pass_setup() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || {
		rig__log "rig_pass_setup: no rig (run rig_start first)"
		return 1
	}
	local b g=$RIG_DIR/gnupg s=$RIG_DIR/pass key
	for b in gpg gpgconf pass docker-credential-pass; do
		command -v "$b" >/dev/null 2>&1 || {
			rig__log "missing $b (Debian packages: gnupg pass golang-docker-credential-helpers)"
			return 1
		}
	done
	if [[ ! -s $s/.gpg-id ]]; then
		mkdir -p "$g"
		chmod 700 "$g"
		if ! GNUPGHOME=$g gpg --batch --pinentry-mode loopback --passphrase '' \
			--quick-gen-key 'budu rig <rig@budu.invalid>' default default never \
			>>"$RIG_DIR/pass.log" 2>&1; then
			rig__log "rig_pass_setup: gpg could not make a key"
			rig__tail_log "$RIG_DIR/pass.log" 10
			return 1
		fi
		key=$(GNUPGHOME=$g gpg --batch --with-colons --list-secret-keys 2>>"$RIG_DIR/pass.log" |
			awk -F: '$1 == "fpr" { print $10; exit }')
		if [[ -z $key ]] || ! GNUPGHOME=$g PASSWORD_STORE_DIR=$s pass init "$key" >>"$RIG_DIR/pass.log" 2>&1; then
			rig__log "rig_pass_setup: pass init failed"
			rig__tail_log "$RIG_DIR/pass.log" 10
			return 1
		fi
	fi
	RIG_GNUPGHOME=$g
	RIG_PASSWORD_STORE_DIR=$s
	RIG_PASS_KEY=$(head -n1 "$s/.gpg-id")
	GNUPGHOME=$g
	PASSWORD_STORE_DIR=$s
	export RIG_GNUPGHOME RIG_PASSWORD_STORE_DIR RIG_PASS_KEY GNUPGHOME PASSWORD_STORE_DIR
}

# rig_fake_index_start: the stand-in for a registry's v1 search API
# (tests/rig/fake-index.c, compiled into $RIG_DIR/index/ with ${CC:-cc}) on
# 127.0.0.1:<free port>, serving RIG_INDEX_FIXTURE (default
# tests/fixtures/index-search.json); exports RIG_INDEX=127.0.0.1:PORT. Its log,
# one line per request, is $RIG_DIR/index/log. Running already: just exports.
# Stopped with the rig (rig__teardown).
rig_fake_index_start() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || {
		rig__log "rig_fake_index_start: no rig (run rig_start first)"
		return 1
	}
	local dir=$RIG_DIR/index pid port n
	local fixture=${RIG_INDEX_FIXTURE:-${RIG_LIB%/*}/../fixtures/index-search.json}
	mkdir -p "$dir"
	pid=$(rig__pidfile "$dir/pid" || true)
	port=$(head -n1 "$dir/port" 2>/dev/null | tr -dc 0-9)
	if [[ -n $pid && -n $port ]] && rig__alive "$pid"; then
		RIG_INDEX=127.0.0.1:$port
		export RIG_INDEX
		return 0
	fi
	if [[ ! -x $dir/fake-index ]] &&
		! "${CC:-cc}" -O2 -std=c11 -D_GNU_SOURCE -o "$dir/fake-index" "${RIG_LIB%/*}/fake-index.c" \
			>>"$dir/log" 2>&1; then
		rig__log "could not compile tests/rig/fake-index.c"
		rig__tail_log "$dir/log" 10
		return 1
	fi
	: >"$dir/port"
	# setsid: a terminal's ^C reaches us, not the index; teardown stops it
	setsid "$dir/fake-index" 0 "$fixture" </dev/null >"$dir/port" 2>>"$dir/log" &
	pid=$!
	echo "$pid" >"$dir/pid"
	port=$(rig__await_port "$pid" "$dir/port")
	if [[ -z $port ]] || ! rig__alive "$pid"; then
		rig__log "the stand-in search index did not start"
		rig__tail_log "$dir/log" 10
		rig__kill "$pid" 20
		return 1
	fi
	RIG_INDEX=127.0.0.1:$port
	export RIG_INDEX
}

# rig_faultproxy_start [TARGET [NAME]]: the fault-injecting proxy (tests/rig/faultproxy.c,
# compiled into $RIG_DIR/NAME/ with ${CC:-cc}; NAME defaults to fault) on the unix socket
# $RIG_DIR/NAME/sock in front of the engine socket TARGET (default: the rig's dockerd; e.g.
# $RIG_PODMAN_SOCK); exports RIG_FAULT_SOCK, RIG_FAULT_RULES (the rules file it rereads for every request:
# set it with rig_fault_rules) and RIG_FAULT_LOG (one line per request: "req ID METHOD PATH
# ACTION", see the proxy's header). Point a client at it with DOCKER_HOST=unix://$RIG_FAULT_SOCK.
# Running already: the rules are emptied (all passes) and it just exports. Stopped with the rig.
rig_faultproxy_start() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || {
		rig__log "rig_faultproxy_start: no rig (run rig_start first)"
		return 1
	}
	local target=${1:-$RIG_SOCK} dir=$RIG_DIR/${2:-fault} pid n
	mkdir -p "$dir"
	RIG_FAULT_SOCK=$dir/sock RIG_FAULT_RULES=$dir/rules RIG_FAULT_LOG=$dir/log
	export RIG_FAULT_SOCK RIG_FAULT_RULES RIG_FAULT_LOG
	: >"$RIG_FAULT_RULES"
	pid=$(rig__pidfile "$dir/pid" || true)
	if [[ -n $pid ]] && rig__alive "$pid" && [[ -S $RIG_FAULT_SOCK ]]; then
		return 0
	fi
	if [[ ! -x $dir/faultproxy ]] &&
		! "${CC:-cc}" -O2 -std=c11 -pthread -D_GNU_SOURCE -o "$dir/faultproxy" "${RIG_LIB%/*}/faultproxy.c" \
			>>"$dir/log" 2>&1; then
		rig__log "could not compile tests/rig/faultproxy.c"
		rig__tail_log "$dir/log" 10
		return 1
	fi
	: >"$dir/ready"
	setsid "$dir/faultproxy" "$RIG_FAULT_RULES" "$RIG_FAULT_SOCK" "$target" </dev/null >"$dir/ready" 2>>"$RIG_FAULT_LOG" &
	pid=$!
	echo "$pid" >"$dir/pid"
	for ((n = 0; n < 50; n++)); do
		[[ -s $dir/ready ]] && break
		rig__alive "$pid" || break
		sleep 0.1
	done
	if [[ ! -s $dir/ready ]] || ! rig__alive "$pid"; then
		rig__log "the fault proxy did not start"
		rig__tail_log "$RIG_FAULT_LOG" 10
		rig__kill "$pid" 20
		return 1
	fi
}

# rig_faultproxy_stop: the fault proxy goes away with its socket (an engine gone, for a client
# that reaches it only through the proxy); rig_faultproxy_start brings it back.
rig_faultproxy_stop() {
	local pid
	pid=$(rig__pidfile "${RIG_FAULT_SOCK%/sock}/pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 30
	rm -f "$RIG_FAULT_SOCK"
}

# rig_fault_rules [RULE...]: the fault proxy's rules from now on, one argument a line (none:
# everything passes), e.g. rig_fault_rules '/events status 403 authorization denied'. The file
# is replaced at once (a rename), so a request never reads half of it.
rig_fault_rules() {
	printf '%s\n' "$@" >"$RIG_FAULT_RULES.new" && mv -f "$RIG_FAULT_RULES.new" "$RIG_FAULT_RULES"
}

# rig_fault_count PREFIX [FROM]: how many requests whose path (without /vN.NN) starts with
# PREFIX reached the fault proxy, counting from line FROM of its log (default 1; `wc -l` of the
# log before an action gives the FROM for what follows it).
rig_fault_count() {
	tail -n +"${2:-1}" "$RIG_FAULT_LOG" |
		awk -v pre="$1" '$1 == "req" { p = $4; sub(/^\/v[0-9.]+\//, "/", p); if (index(p, pre) == 1) n++ } END { print n + 0 }'
}

# rig_forwarder_start NAME TARGET [OPTION...]: tests/rig/slowproxy.c (built once per rig) on a
# free port of 127.0.0.1, in front of TARGET (a port of 127.0.0.1, or a unix socket); no rate
# limit unless the OPTIONs (slowproxy's: -r, -u, -s) say otherwise. Its events ("open ID" for
# each connection, "close …", "hold …") go to $RIG_DIR/NAME.log, its pid to $RIG_DIR/NAME.pid;
# prints the port. Stopped with the rig, or by rig_forwarder_stop NAME (which waits for its end).
rig_forwarder_start() {
	local bin=$RIG_DIR/slowproxy out=$RIG_DIR/$1.port n pid
	[[ -x $bin ]] || cc -O2 -std=c11 -D_GNU_SOURCE -o "$bin" "${RIG_LIB%/*}/slowproxy.c" || return 1
	: >"$out"
	"$bin" -r 0 "${@:3}" 0 "$2" >"$out" 2>"$RIG_DIR/$1.log" &
	pid=$!
	echo "$pid" >"$RIG_DIR/$1.pid"
	rig_track_pid "$pid"
	for ((n = 0; n < 50; n++)); do
		[[ -s $out ]] && break
		sleep 0.1
	done
	[[ -s $out ]] || { rig__log "rig_forwarder_start $1: no port ($(tail -n 3 "$RIG_DIR/$1.log"))"; return 1; }
	head -n1 "$out"
}
rig_forwarder_stop() {
	local pid
	pid=$(rig__pidfile "$RIG_DIR/$1.pid") || return 0
	rig__kill "$pid" 50
	rm -f "$RIG_DIR/$1.pid"
}

# rig_sshd_start: Debian's sshd (openssh-server) on 127.0.0.1:<free port> in $RIG_DIR/sshd, with a
# host key, key files and a known_hosts made for the rig, for ssh://root@127.0.0.1:PORT. The
# far side's environment comes from the authorized key (PermitUserEnvironment), so each key
# stands for a kind of far side:
#   id_good      PATH has $RIG_DOCKER as `docker`, DOCKER_HOST is this engine's socket
#   id_nodocker  PATH has no docker at all
#   id_perm      `docker` says what docker says without access to the engine's socket
#   id_wrong     not authorized
# (HOME is a directory of the rig's there, so no profile of the machine's runs.) The client
# side: ssh reads its config from the user's home, not $HOME, so $RIG_SSH_BIN/ssh is a wrapper
# that runs /usr/bin/ssh -F "$RIG_SSH_CONFIG"; put RIG_SSH_BIN first on PATH. Configs:
# $RIG_SSH_DIR/config.{good,nodocker,perm,wrong} (known_hosts knows the host key) and
# config.unknown (an empty known_hosts). Exports RIG_SSH_HOST (ssh://root@127.0.0.1:PORT)
# RIG_SSH_PORT RIG_SSH_DIR RIG_SSH_BIN RIG_SSH_CONFIG (config.good) RIG_SSH_LOG (sshd's log,
# LogLevel VERBOSE: one "Accepted publickey" line per login). Running already: just exports.
# Stopped with the rig (rig__teardown), sessions included.
rig_sshd_start() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || {
		rig__log "rig_sshd_start: no rig (run rig_start first)"
		return 1
	}
	local d=$RIG_DIR/sshd sshd=${RIG_SSHD:-/usr/sbin/sshd} b k port pid try n
	for b in "$sshd" ssh ssh-keygen; do
		command -v "$b" >/dev/null 2>&1 || {
			rig__log "missing $b (Debian packages: openssh-server openssh-client)"
			return 1
		}
	done
	pid=$(rig__pidfile "$d/sshd.pid" || true)
	if [[ -n $pid ]] && rig__alive "$pid" && [[ -s $d/port ]]; then
		rig__sshd_export "$d" "$(cat "$d/port")"
		return 0
	fi
	mkdir -p "$d/home" "$d/bin" "$d/nodocker" "$d/perm" "$d/client" || return 1
	chmod 700 "$d"
	ln -sf "$RIG_DOCKER" "$d/bin/docker"
	# what docker 20.10 prints without access to the socket (what budu must recognise)
	printf '%s\n' '#!/bin/sh' \
		"echo 'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.24/_ping\": dial unix /var/run/docker.sock: connect: permission denied' >&2" \
		'exit 1' >"$d/perm/docker"
	chmod 755 "$d/perm/docker"
	if [[ ! -s $d/host_ed25519 ]]; then
		ssh-keygen -q -t ed25519 -N '' -C budu-rig-host -f "$d/host_ed25519" || return 1
		for k in good nodocker perm wrong; do
			ssh-keygen -q -t ed25519 -N '' -C "budu-rig-$k" -f "$d/id_$k" || return 1
		done
	fi
	{
		printf 'environment="PATH=%s:/usr/bin:/bin",environment="HOME=%s",environment="DOCKER_HOST=unix://%s" %s\n' \
			"$d/bin" "$d/home" "$RIG_SOCK" "$(cat "$d/id_good.pub")"
		printf 'environment="PATH=%s",environment="HOME=%s" %s\n' "$d/nodocker" "$d/home" "$(cat "$d/id_nodocker.pub")"
		printf 'environment="PATH=%s:/usr/bin:/bin",environment="HOME=%s" %s\n' "$d/perm" "$d/home" "$(cat "$d/id_perm.pub")"
	} >"$d/authorized_keys"
	chmod 600 "$d/authorized_keys"
	# sshd wants its privilege separation directory
	mkdir -p /run/sshd && chmod 755 /run/sshd
	for ((try = 0; try < 5; try++)); do
		port=$(rig__free_port) || break
		printf '%s\n' "Port $port" "ListenAddress 127.0.0.1" "HostKey $d/host_ed25519" \
			"PidFile $d/sshd.pid.daemon" "AuthorizedKeysFile $d/authorized_keys" \
			"PermitRootLogin prohibit-password" "PermitUserEnvironment yes" "StrictModes no" \
			"UsePAM no" "UseDNS no" "PasswordAuthentication no" "KbdInteractiveAuthentication no" \
			"PrintMotd no" "LogLevel VERBOSE" >"$d/sshd_config"
		printf '\n=== sshd start on %s ===\n' "$port" >>"$d/sshd.log"
		# -D -E: in the foreground (setsid: a terminal's ^C is ours to handle), logging to the file
		setsid "$sshd" -D -f "$d/sshd_config" -E "$d/sshd.log" </dev/null >/dev/null 2>&1 &
		pid=$!
		for ((n = 0; n < 50; n++)); do
			rig__alive "$pid" || break
			grep -q "Server listening on 127.0.0.1 port $port" "$d/sshd.log" && break
			sleep 0.1
		done
		# (not `| grep -q`: under pipefail an early exit of grep fails the pipe)
		if rig__alive "$pid" && grep -qx "$port" <<<"$(rig__listening_ports)"; then
			echo "$pid" >"$d/sshd.pid"
			echo "$port" >"$d/port"
			rig__sshd_export "$d" "$port"
			return 0
		fi
		rig__kill "$pid" 20
	done
	rig__log "could not start sshd"
	rig__tail_log "$d/sshd.log" 10
	return 1
}

# rig_podman_start: Debian's podman (4.3) serving its Docker-compatible API, rootful, as
# `podman system service --time=0 unix://$RIG_DIR/podman.sock`, with everything of its own under
# $RIG_DIR/podman: storage (--root root, --runroot run, --storage-driver vfs), --tmpdir tmp, and
# containers.conf, storage.conf, registries.conf and an auth file there (CONTAINERS_CONF,
# CONTAINERS_STORAGE_CONF, CONTAINERS_REGISTRIES_CONF, REGISTRY_AUTH_FILE), so nothing of the
# machine's (/var/lib/containers, /etc/cni, docker) is read for state or written: cgroupfs, the
# events in a file, no network (netns none, CNI configs in the rig). The rig's registries
# ($RIG_REGISTRY, and $RIG_INDEX for search) are insecure registries to it; the only search
# registry is $RIG_INDEX. Seeds, skipping what is there:
#   $RIG_REGISTRY/demo/app:1       pulled from the rig's registry (rig_seed pushed it)
#   localhost/demo/imported:1      the busybox rootfs, `podman import` (Podman names it localhost/)
#   localhost/demo/alias:1         a second tag of the same image
# Exports RIG_PODMAN_HOST (unix://…), RIG_PODMAN_SOCK, RIG_PODMAN_DIR and RIG_PODMAN (a wrapper
# script that runs podman on the same storage and configuration: `"$RIG_PODMAN" images`).
# Running already: just exports. Stopped with the rig (rig__teardown). Needs rig_seed first.
rig_podman_start() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR && -n ${RIG_REGISTRY:-} ]] || {
		rig__log "rig_podman_start: no rig (run rig_start first)"
		return 1
	}
	local d=$RIG_DIR/podman sock=$RIG_DIR/podman.sock bin=${RIG_PODMAN_BIN:-/usr/bin/podman} pid n r
	command -v "$bin" >/dev/null 2>&1 || {
		rig__log "missing $bin (Debian package: podman)"
		return 1
	}
	mkdir -p "$d/root" "$d/run" "$d/tmp" "$d/net" "$d/ns" || return 1
	pid=$(rig__pidfile "$d/pid" || true)
	if ! { [[ -n $pid ]] && rig__alive "$pid" && rig__ping "$sock"; }; then
		local reg="[[registry]]"$'\n'"location = \"$RIG_REGISTRY\""$'\n'"insecure = true"
		local search=
		if [[ -n ${RIG_INDEX:-} ]]; then
			reg+=$'\n\n'"[[registry]]"$'\n'"location = \"$RIG_INDEX\""$'\n'"insecure = true"
			search="\"$RIG_INDEX\""
		fi
		printf '%s\n' "unqualified-search-registries = [$search]" 'short-name-mode = "permissive"' "" "$reg" \
			>"$d/registries.conf"
		printf '%s\n' '[storage]' 'driver = "vfs"' "runroot = \"$d/run\"" "graphroot = \"$d/root\"" \
			>"$d/storage.conf"
		printf '%s\n' '[containers]' 'netns = "none"' '' '[engine]' 'cgroup_manager = "cgroupfs"' \
			'events_logger = "file"' "events_logfile_path = \"$d/events.log\"" "tmp_dir = \"$d/tmp\"" \
			"image_copy_tmp_dir = \"$d/tmp\"" \
			"static_dir = \"$d/root/libpod\"" "volume_path = \"$d/root/volumes\"" '' '[network]' \
			'network_backend = "cni"' "network_config_dir = \"$d/net\"" >"$d/containers.conf"
		echo '{}' >"$d/auth.json"
		# $d/in-ns UPPER ARGS: podman ARGS on the rig's storage and configuration, in a mount
		# namespace of its own where /var/lib is an overlay whose changes land in UPPER: podman
		# 4.3 run as root writes its blob-info cache to /var/lib/containers/cache whatever --root
		# says. $d/podman runs it with a fresh UPPER, removed afterwards; the service has its own.
		# (TMPDIR: big temporary files, as of a load, go to /var/tmp otherwise.)
		cat >"$d/in-ns" <<EOF
#!/bin/sh
export CONTAINERS_CONF='$d/containers.conf' CONTAINERS_STORAGE_CONF='$d/storage.conf'
export CONTAINERS_REGISTRIES_CONF='$d/registries.conf' REGISTRY_AUTH_FILE='$d/auth.json'
export TMPDIR='$d/tmp'
up=\$1
shift
mkdir -p "\$up/u" "\$up/w" || exit 1
exec unshare --mount --propagation private sh -c \\
	'mount -t overlay budu-rig -o "lowerdir=/var/lib,upperdir=\$0/u,workdir=\$0/w" /var/lib && exec "\$@"' \\
	"\$up" '$bin' --root '$d/root' --runroot '$d/run' --storage-driver vfs --tmpdir '$d/tmp' "\$@"
EOF
		# shellcheck disable=SC2016 # expanded by that script
		{
			echo '#!/bin/sh'
			echo "up=\$(mktemp -d '$d/ns/cli.XXXXXX') || exit 1"
			echo "'$d/in-ns' \"\$up\" \"\$@\""
			echo 'rc=$?'
			echo 'rm -rf "$up"'
			echo 'exit $rc'
		} >"$d/podman"
		chmod 755 "$d/in-ns" "$d/podman"
		rm -f "$sock"
		printf '\n=== podman system service start %s ===\n' "$(date -u +%FT%TZ)" >>"$d/log"
		# setsid: a terminal's ^C reaches us, not the service; teardown stops it
		setsid "$d/in-ns" "$d/ns/service" system service --time=0 "unix://$sock" </dev/null >>"$d/log" 2>&1 &
		pid=$!
		echo "$pid" >"$d/pid"
		for ((n = 0; n < 300; n++)); do
			rig__ping "$sock" && break
			rig__alive "$pid" || break
			sleep 0.1
		done
		if ! rig__alive "$pid" || ! rig__ping "$sock"; then
			rig__log "podman system service did not answer /_ping on $sock within 30s"
			rig__tail_log "$d/log"
			rig__kill "$pid" 30
			return 1
		fi
	fi
	RIG_PODMAN_DIR=$d
	RIG_PODMAN_SOCK=$sock
	RIG_PODMAN_HOST=unix://$sock
	RIG_PODMAN=$d/podman
	export RIG_PODMAN_DIR RIG_PODMAN_SOCK RIG_PODMAN_HOST RIG_PODMAN

	# the seed: one image from the rig's registry, one local import with a second tag
	r=$RIG_REGISTRY/demo/app:1
	if ! "$RIG_PODMAN" image exists "$r" 2>/dev/null &&
		! "$RIG_PODMAN" pull -q --tls-verify=false "$r" >>"$d/seed.log" 2>&1; then
		rig__log "podman pull $r failed (rig_seed pushes it: run rig_seed first)"
		rig__tail_log "$d/seed.log" 10
		return 1
	fi
	if ! "$RIG_PODMAN" image exists localhost/demo/imported:1 2>/dev/null; then
		[[ -x $RIG_DIR/seed/rootfs/bin/busybox ]] || {
			rig__log "rig_podman_start: no busybox rootfs in $RIG_DIR/seed (run rig_seed first)"
			return 1
		}
		if ! tar -C "$RIG_DIR/seed/rootfs" -c . |
			"$RIG_PODMAN" import --change 'CMD ["/bin/sh"]' --message 'budu rig: podman import' \
				- demo/imported:1 >>"$d/seed.log" 2>&1; then
			rig__log "podman import demo/imported:1 failed"
			rig__tail_log "$d/seed.log" 10
			return 1
		fi
	fi
	if ! "$RIG_PODMAN" image exists localhost/demo/alias:1 2>/dev/null &&
		! "$RIG_PODMAN" tag localhost/demo/imported:1 localhost/demo/alias:1 >>"$d/seed.log" 2>&1; then
		rig__log "podman tag localhost/demo/alias:1 failed"
		rig__tail_log "$d/seed.log" 10
		return 1
	fi
}

# rig__sshd_export DIR PORT: the client's files for that sshd, and the RIG_SSH_* variables.
rig__sshd_export() {
	local d=$1 port=$2 k
	printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1-2 "$d/host_ed25519.pub")" >"$d/known_hosts"
	: >"$d/known_hosts.empty"
	for k in good nodocker perm wrong unknown; do
		{
			echo "Host *"
			if [[ $k == unknown ]]; then
				echo "  IdentityFile $d/id_good"
				echo "  UserKnownHostsFile $d/known_hosts.empty"
			else
				echo "  IdentityFile $d/id_$k"
				echo "  UserKnownHostsFile $d/known_hosts"
			fi
			echo "  IdentitiesOnly yes"
			echo "  GlobalKnownHostsFile /dev/null"
			echo "  UpdateHostKeys no"
		} >"$d/config.$k"
	done
	printf '%s\n' '#!/bin/sh' 'exec /usr/bin/ssh -F "${RIG_SSH_CONFIG:?}" "$@"' >"$d/client/ssh"
	chmod 755 "$d/client/ssh"
	RIG_SSH_HOST=ssh://root@127.0.0.1:$port
	RIG_SSH_PORT=$port
	RIG_SSH_DIR=$d
	RIG_SSH_BIN=$d/client
	RIG_SSH_CONFIG=$d/config.good
	RIG_SSH_LOG=$d/sshd.log
	export RIG_SSH_HOST RIG_SSH_PORT RIG_SSH_DIR RIG_SSH_BIN RIG_SSH_CONFIG RIG_SSH_LOG
}

rig__install_traps() {
	trap 'rig__on_exit' EXIT
	trap 'rig__on_signal 1' HUP
	trap 'rig__on_signal 2' INT
	trap 'rig__on_signal 15' TERM
}

rig__on_exit() {
	local rc=$?
	rig_stop
	return "$rc"
}

rig__on_signal() {
	trap '' HUP INT TERM
	rig_stop
	trap - EXIT
	exit $((128 + $1))
}

# A detached watcher: if the owner shell dies without running its traps
# (SIGKILL), tear the rig down anyway.
rig__start_reaper() {
	local owner=$1 start
	start=$(rig__starttime "$owner") || return 0
	# shellcheck disable=SC2016 # expanded by the reaper's shell
	setsid bash -c '
		source "$1" || exit 1
		while [[ $(rig__starttime "$2" 2>/dev/null) == "$3" ]] && rig__alive "$2"; do
			sleep 1
		done
		[[ -d $4 ]] && rig__teardown "$4"
	' rig-reaper "$RIG_LIB" "$owner" "$start" "$RIG_DIR" </dev/null >/dev/null 2>&1 &
	echo $! >"$RIG_DIR/reaper.pid"
}

rig_start() {
	if [[ $EUID -ne 0 ]]; then
		rig__log "must run as root: the private dockerd needs root (you are uid $EUID)"
		return 1
	fi
	if [[ -n ${RIG_DIR:-} && -d ${RIG_DIR:-} && ${RIG__STARTED:-} == 1 ]]; then
		rig__log "rig_start: a rig is already running in $RIG_DIR"
		return 1
	fi
	local b
	for b in "$RIG_DOCKERD" "$RIG_DOCKER" "$RIG_REGISTRY_BIN" "$RIG_BUSYBOX" curl setsid tar; do
		command -v "$b" >/dev/null 2>&1 || {
			rig__log "missing $b (Debian packages: docker.io docker-registry busybox-static curl)"
			return 1
		}
	done
	# unix socket paths must stay < 108 bytes; the longest under RIG_DIR is
	# exec/containerd/containerd-debug.sock, so keep RIG_DIR short.
	local base=${TMPDIR:-/tmp}
	((${#base} <= 40)) && [[ -d $base && -w $base ]] || base=/tmp
	RIG_DIR=$(mktemp -d "$base/rig.XXXXXX") || {
		rig__log "mktemp failed in $base"
		return 1
	}
	chmod 755 "$RIG_DIR"
	export RIG_DIR
	RIG_SOCK=$RIG_DIR/sock
	DOCKER_HOST=unix://$RIG_SOCK
	DOCKER_CONFIG=$RIG_DIR/client
	export RIG_SOCK DOCKER_HOST DOCKER_CONFIG RIG_DOCKER
	unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH DOCKER_API_VERSION DOCKER_BUILDKIT
	unset RIG_AUTH_REGISTRY RIG_AUTH_USER RIG_AUTH_PASSWORD RIG_AUTH_HTPASSWD RIG_TOKEN_REGISTRY RIG_TOKEN_SERVER RIG_TOKEN_USER RIG_TOKEN_PASSWORD RIG_TOKEN_LOG
	unset RIG_GNUPGHOME RIG_PASSWORD_STORE_DIR RIG_PASS_KEY
	unset RIG_PODMAN_HOST RIG_PODMAN_SOCK RIG_PODMAN_DIR RIG_PODMAN
	RIG__CGROUP=budu-${RIG_DIR##*/}
	RIG__CGROUP=${RIG__CGROUP//./-}
	echo "$RIG__CGROUP" >"$RIG_DIR/cgroup"
	mkdir -p "$DOCKER_CONFIG"
	echo '{}' >"$DOCKER_CONFIG/config.json"
	echo '{}' >"$RIG_DIR/daemon.json"
	RIG__STOPPED=0
	RIG__STARTED=1
	RIG__OWNER=$BASHPID
	rig__install_traps
	rig__start_reaper "$RIG__OWNER"

	local t0=$SECONDS try
	# a TCP+TLS listener too (tests/engine/30-tls.sh), unless RIG_TLS=0
	RIG__TLS_PORT=
	if [[ ${RIG_TLS:-1} != 0 ]] && declare -F rig_make_certs >/dev/null && command -v openssl >/dev/null; then
		RIG_CERTS=$RIG_DIR/certs
		if rig_make_certs "$RIG_CERTS" 2>>"$RIG_DIR/dockerd.log"; then
			export RIG_CERTS
		else
			rig__log "could not make TLS certificates; the engine listens on the unix socket only"
			unset RIG_CERTS
		fi
	fi
	for try in 1 2 3 4 5; do
		if [[ -n ${RIG_CERTS:-} ]]; then
			RIG__TLS_PORT=$(rig__free_port) || RIG__TLS_PORT=
		fi
		rig_engine_start && break
		# a lost race for the TLS port is worth another try, anything else not
		if [[ -z $RIG__TLS_PORT ]] || ! grep -q 'address already in use' "$RIG_DIR/dockerd.log" || ((try == 5)); then
			rig__log "the private dockerd did not start"
			return 1
		fi
		rig__log "TLS port $RIG__TLS_PORT was taken; trying another"
	done
	if [[ -n $RIG__TLS_PORT ]]; then
		RIG_TLS_HOST=tcp://127.0.0.1:$RIG__TLS_PORT
		export RIG_TLS_HOST
	fi
	rig__start_registry || return 1
	rig__start_auth_registry || rig__log "no registry with auth: RIG_AUTH_REGISTRY is not set"
	rig_fake_index_start || rig__log "no stand-in search index: RIG_INDEX is not set"
	export RIG_START_SECONDS=$((SECONDS - t0))
	return 0
}

# Everything that needs only the directory, so the reaper can run it too.
rig__teardown() {
	local dir=$1 me=$BASHPID
	[[ -n $dir && -d $dir && $dir == */rig.* ]] || return 0
	local cg pid f p mp ancestors=" $me "
	cg=$(cat "$dir/cgroup" 2>/dev/null || true)

	p=$me
	while [[ $p -gt 1 ]]; do
		p=$(awk '{ s = $0; sub(/.*\) /, "", s); split(s, a, " "); print a[2] }' "/proc/$p/stat" 2>/dev/null) || break
		[[ -n $p ]] || break
		ancestors+="$p "
	done

	# 0. processes registered with rig_track_pid (test files, tmux servers), with
	#    their descendants; the start time guards against a reused pid
	local start
	if [[ -f $dir/tracked ]]; then
		while read -r p start; do
			[[ $(rig__starttime "$p" 2>/dev/null) == "$start" ]] || continue
			[[ $ancestors == *" $p "* ]] && continue
			rig__kill_tree "$p"
		done <"$dir/tracked"
	fi

	# 1. container processes, by their cgroup (busybox as pid 1 ignores
	#    SIGTERM, so a polite `docker stop` would cost 10 s each).
	rig__kill_cgroup "$cg"

	# 2. the engine
	pid=$(rig__pidfile "$dir/reaper.pid" || true)
	[[ -n $pid && $pid != "$me" && $ancestors != *" $pid "* ]] && kill -TERM "$pid" 2>/dev/null
	pid=$(rig__pidfile "$dir/dockerd.pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 150
	pid=$(rig__pidfile "$dir/exec/containerd/containerd.pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 50
	pid=$(rig__pidfile "$dir/reg/pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 50
	pid=$(rig__pidfile "$dir/areg/pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 50
	pid=$(rig__pidfile "$dir/treg/pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 50
	pid=$(rig__pidfile "$dir/treg/tokpid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 30
	# the gpg-agent of rig_pass_setup (and its socket dir, were it under /run/user)
	if [[ -d $dir/gnupg ]] && command -v gpgconf >/dev/null 2>&1; then
		GNUPGHOME=$dir/gnupg gpgconf --kill all >/dev/null 2>&1 || true
		GNUPGHOME=$dir/gnupg gpgconf --remove-socketdir >/dev/null 2>&1 || true
	fi
	pid=$(rig__pidfile "$dir/index/pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 30
	for f in "$dir"/fault*/pid; do
		pid=$(rig__pidfile "$f" || true)
		[[ -n $pid ]] && rig__kill "$pid" 30
	done
	# the sshd of rig_sshd_start with its sessions (children of the listener)
	pid=$(rig__pidfile "$dir/sshd/sshd.pid" || true)
	[[ -n $pid && $ancestors != *" $pid "* ]] && rig__alive "$pid" && rig__kill_tree "$pid"
	# the podman service of rig_podman_start
	pid=$(rig__pidfile "$dir/podman/pid" || true)
	[[ -n $pid ]] && rig__kill "$pid" 50

	# 3. stragglers: shims, a tmux server, anything whose command line names dir
	local -a strays=()
	for f in /proc/[0-9]*/cmdline; do
		p=${f#/proc/}
		p=${p%/cmdline}
		[[ $ancestors == *" $p "* ]] && continue
		if { tr '\0' ' ' <"$f"; } 2>/dev/null | grep -qF -- "$dir"; then
			rig__alive "$p" && strays+=("$p")
		fi
	done
	if ((${#strays[@]})); then
		kill -TERM "${strays[@]}" 2>/dev/null || true
		for p in "${strays[@]}"; do rig__wait_dead "$p" 30 || kill -KILL "$p" 2>/dev/null || true; done
	fi
	rig__kill_cgroup "$cg"
	rig__rmdir_cgroup "$cg"

	# 4. mounts under dir (dockerd bind-mounts its data-root on itself), deepest first
	for _ in 1 2 3; do
		local -a mps=()
		while read -r _ _ _ _ mp _; do
			mp=$(printf '%b' "${mp//\\/\\0}")
			[[ $mp == "$dir" || $mp == "$dir"/* ]] && mps+=("$mp")
		done </proc/self/mountinfo
		((${#mps[@]})) || break
		for mp in $(printf '%s\n' "${mps[@]}" | awk '{ print length, $0 }' | sort -rn | cut -d' ' -f2-); do
			umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || true
		done
	done

	# 5. the directory; never cross into something still mounted
	rm -rf --one-file-system -- "$dir" 2>/dev/null || {
		sleep 0.5
		rm -rf --one-file-system -- "$dir" || rig__log "could not remove $dir"
	}
}

# rig_track_pid PID: have teardown kill PID and its descendants (also when the
# shell that started the rig was killed and the reaper tears down).
rig_track_pid() {
	local start
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || return 0
	start=$(rig__starttime "$1") || return 0
	echo "$1 $start" >>"$RIG_DIR/tracked"
}

# Stop PID first so it makes no new children, then its descendants, then it.
rig__kill_tree() {
	local pid=$1 c
	kill -STOP "$pid" 2>/dev/null || return 0
	for c in $(ps -o pid= --ppid "$pid" 2>/dev/null); do rig__kill_tree "$c"; done
	kill -KILL "$pid" 2>/dev/null || true
}

# All processes in the rig's container cgroups (any hierarchy), SIGKILL.
rig__kill_cgroup() {
	local cg=$1 d f p n
	[[ -n $cg ]] || return 0
	for n in 1 2 3; do
		local any=0
		for d in /sys/fs/cgroup/*/"$cg" /sys/fs/cgroup/"$cg"; do
			[[ -d $d ]] || continue
			while IFS= read -r f; do
				while read -r p; do
					[[ -n $p ]] || continue
					kill -KILL "$p" 2>/dev/null && any=1
				done <"$f"
			done < <(find "$d" -name cgroup.procs 2>/dev/null)
		done
		((any)) || break
		sleep 0.2
	done
}

rig__rmdir_cgroup() {
	local cg=$1 d
	[[ -n $cg ]] || return 0
	for d in /sys/fs/cgroup/*/"$cg" /sys/fs/cgroup/"$cg"; do
		[[ -d $d ]] || continue
		find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
	done
}

rig_stop() {
	[[ ${RIG__STOPPED:-1} == 1 ]] && return 0
	RIG__STOPPED=1
	local h
	for h in "${RIG_CLEANUP_HOOKS[@]}"; do
		eval "$h" || true
	done
	rig__teardown "${RIG_DIR:-}"
	RIG__STARTED=0
	return 0
}

# ---- seeding ---------------------------------------------------------------

rig__d() { "$RIG_DOCKER" "$@"; }
rig__has_image() { rig__d image inspect "$1" >/dev/null 2>&1; }

# rig__build TAG DIR [docker build args...]: classic builder, no network.
rig__build() {
	local tag=$1 dir=$2
	shift 2
	DOCKER_BUILDKIT=0 rig__d build --network none -t "$tag" "$@" "$dir" \
		>>"$RIG_DIR/seed/build.log" 2>&1 || {
		rig__log "docker build of $tag failed"
		rig__tail_log "$RIG_DIR/seed/build.log"
		return 1
	}
}

# rig__import TAG [--change INSTR]...: the busybox rootfs as a one-layer image.
rig__import() {
	local tag=$1
	shift
	tar -C "$RIG_DIR/seed/rootfs" -c . | rig__d import "$@" - "$tag" >>"$RIG_DIR/seed/build.log" 2>&1 || {
		rig__log "docker import of $tag failed"
		rig__tail_log "$RIG_DIR/seed/build.log"
		return 1
	}
}

# The label values, byte-exact, for tests to compare with.
RIG_LABEL_HANGUL='한국어 설명'
RIG_LABEL_EVIL=$(printf '\033]0;pwned\007\033[2J')

# rig_seed: idempotent-ish; each step is skipped when its result exists.
# Roles written to $RIG_DIR/seeded.txt ("ROLE VALUE" lines, read with
# rig_seeded ROLE):
#   tag        every seeded tag (several lines)
#   base       bb:1.0             busybox-static rootfs, docker import
#   alias      bb:latest bb:stable demo/multi:1  (same image id as base)
#   built      demo/app:1         classic build: COPY RUN ENV LABEL EXPOSE CMD; intermediates under -a
#   pushed     $RIG_REGISTRY/demo/app:1  (same image as built, has a RepoDigest)
#   digest     $RIG_REGISTRY/demo/app@sha256:...
#   dangle     demo/dangle:1      tag rebuilt so that the older image dangles
#   dangling   sha256:...         the dangling (<none>:<none>) image id
#   used       demo/used:1        used only by the exited container
#   container  rig-exited         exited container of demo/used:1
#   hangul     demo/hangul:1      label desc="한국어 설명"
#   evil       demo/evil:1        label evil=ESC]0;pwned BEL ESC[2J
#   index, platform-amd64, platform-arm64   see rig_seed_index
# One line per step of rig_seed on stderr, "PREFIX[n/N] what", when RIG_SEED_PROGRESS holds the
# prefix (tests/rig/demo.sh sets it: seeding takes half a minute).
RIG__SEED_STEPS=7
rig__seed_step() {
	[[ -n ${RIG_SEED_PROGRESS:-} ]] || return 0
	printf '%s[%d/%d] %s\n' "$RIG_SEED_PROGRESS" "$1" "$RIG__SEED_STEPS" "$2" >&2
}

rig_seed() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR ]] || {
		rig__log "rig_seed: no rig (run rig_start first)"
		return 1
	}
	local t0=$SECONDS s="$RIG_DIR/seed" a
	mkdir -p "$s"

	# busybox-static rootfs
	if [[ ! -x $s/rootfs/bin/busybox ]]; then
		mkdir -p "$s/rootfs/bin" "$s/rootfs/tmp" "$s/rootfs/etc" "$s/rootfs/srv"
		cp "$RIG_BUSYBOX" "$s/rootfs/bin/busybox"
		for a in $("$RIG_BUSYBOX" --list); do
			[[ $a == busybox || -e $s/rootfs/bin/$a ]] || ln -s busybox "$s/rootfs/bin/$a"
		done
		printf 'root:x:0:0:root:/root:/bin/sh\n' >"$s/rootfs/etc/passwd"
		printf 'root:x:0:\n' >"$s/rootfs/etc/group"
		chmod 1777 "$s/rootfs/tmp"
	fi

	rig__seed_step 1 "bb:1.0: importing a busybox root file system, tagged bb:latest, bb:stable, demo/multi:1"
	rig__has_image bb:1.0 ||
		rig__import bb:1.0 --change 'CMD ["/bin/sh"]' --message 'budu rig: busybox-static rootfs' || return 1
	for a in bb:latest bb:stable demo/multi:1; do
		rig__has_image "$a" || rig__d tag bb:1.0 "$a" || return 1
	done

	# multi-layer classic build (intermediate images stay, visible with -a)
	rig__seed_step 2 "demo/app:1: building (7 steps, FROM bb:1.0)"
	if ! rig__has_image demo/app:1; then
		mkdir -p "$s/app"
		printf 'hello from the budu test rig\n' >"$s/app/hello.txt"
		cat >"$s/app/Dockerfile" <<'EOF'
FROM bb:1.0
COPY hello.txt /srv/hello.txt
RUN dd if=/dev/zero of=/srv/blob bs=1024 count=512 2>/dev/null && echo built >/srv/built.txt
ENV APP_MODE=demo
LABEL org.opencontainers.image.title="demo app" maintainer="budu rig"
EXPOSE 8080
CMD ["/bin/cat", "/srv/hello.txt"]
EOF
		rig__build demo/app:1 "$s/app" || return 1
	fi

	# the same image in the local registry, pushed, so it has a RepoDigest
	rig__seed_step 3 "demo/app:1: pushing to the private registry (for a digest)"
	local pushed=$RIG_REGISTRY/demo/app:1 digest
	digest=$(rig__d image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' demo/app:1 2>/dev/null |
		grep -F "$RIG_REGISTRY/demo/app@" | head -n1 || true)
	if [[ -z $digest ]]; then
		rig__d tag demo/app:1 "$pushed" || return 1
		rig__d push "$pushed" >>"$s/build.log" 2>&1 || {
			rig__log "docker push $pushed failed"
			rig__tail_log "$s/build.log"
			rig__tail_log "$RIG_DIR/reg/log" 10
			return 1
		}
		digest=$(rig__d image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' demo/app:1 |
			grep -F "$RIG_REGISTRY/demo/app@" | head -n1 || true)
	fi

	# a dangling image: build demo/dangle:1 twice with different content
	rig__seed_step 4 "demo/dangle:1: building twice (the first build is left dangling)"
	local dangling
	dangling=$(rig__d images -q --no-trunc -f dangling=true | head -n1)
	if [[ -z $dangling ]] || ! rig__has_image demo/dangle:1; then
		mkdir -p "$s/dangle1" "$s/dangle2"
		printf 'FROM bb:1.0\nLABEL generation="1"\n' >"$s/dangle1/Dockerfile"
		printf 'FROM bb:1.0\nLABEL generation="2"\n' >"$s/dangle2/Dockerfile"
		rig__build demo/dangle:1 "$s/dangle1" || return 1
		rig__build demo/dangle:1 "$s/dangle2" || return 1
		dangling=$(rig__d images -q --no-trunc -f dangling=true | head -n1)
	fi

	# an image used only by an exited container
	rig__seed_step 5 "demo/used:1: importing, and running the container rig-exited on it"
	rig__has_image demo/used:1 ||
		rig__import demo/used:1 --change 'LABEL role="used by a stopped container"' \
			--change 'CMD ["/bin/echo", "done"]' || return 1
	if ! rig__d container inspect rig-exited >/dev/null 2>&1; then
		rig__d run --name rig-exited --network none demo/used:1 >>"$s/build.log" 2>&1 || {
			rig__log "docker run demo/used:1 failed"
			rig__tail_log "$s/build.log"
			return 1
		}
	fi

	# labels: Korean text, and a real escape sequence (tags are ASCII only)
	rig__seed_step 6 "demo/hangul:1, demo/evil:1: importing (labels in Korean, and an escape sequence)"
	rig__has_image demo/hangul:1 ||
		rig__import demo/hangul:1 --change "LABEL desc=\"$RIG_LABEL_HANGUL\"" || return 1
	rig__has_image demo/evil:1 ||
		rig__import demo/evil:1 --change "LABEL evil=\"$RIG_LABEL_EVIL\"" || return 1

	{
		for a in bb:1.0 bb:latest bb:stable demo/multi:1 demo/app:1 "$pushed" \
			demo/dangle:1 demo/used:1 demo/hangul:1 demo/evil:1; do
			echo "tag $a"
		done
		echo "base bb:1.0"
		echo "alias bb:latest"
		echo "alias bb:stable"
		echo "alias demo/multi:1"
		echo "built demo/app:1"
		echo "pushed $pushed"
		echo "digest $digest"
		echo "dangle demo/dangle:1"
		echo "dangling $dangling"
		echo "used demo/used:1"
		echo "container rig-exited"
		echo "hangul demo/hangul:1"
		echo "evil demo/evil:1"
	} >"$RIG_DIR/seeded.txt"
	rig__seed_step 7 "multi/app:1: an image index of two platforms in the private registry"
	rig_seed_index || return 1
	export RIG_SEED_SECONDS=$((SECONDS - t0))
}

# The digest the local registry serves for REPO:REF under the media type ACCEPT; empty if none.
rig__registry_digest() {
	curl -fsS --noproxy '*' --max-time 10 -I -H "Accept: $3" \
		"http://$RIG_REGISTRY/v2/$1/manifests/$2" 2>/dev/null |
		tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p'
}

# rig_seed_index (rig_seed runs it): an image index with two platforms in the local registry,
# made with the docker CLI as a user makes one:
#   $RIG_REGISTRY/multi/app:amd64  bb:1.0 plus LABEL budu.platform="amd64", pushed
#   $RIG_REGISTRY/multi/app:arm64  the same with "arm64", pushed, and annotated linux/arm64 in
#                                  the index (its config still says amd64: dockerd 20.10
#                                  neither builds nor imports for another architecture)
#   $RIG_REGISTRY/multi/app:1      the index of both (a Docker manifest list), by
#                                  `docker manifest create/annotate/push --insecure`
# The two local tags are removed again, so the engine's image list stays as rig_seed made it.
# Skipped when the registry serves multi/app:1 already. Roles, replacing earlier ones in
# seeded.txt: index, platform-amd64, platform-arm64 (sha256:... as the registry serves them).
rig_seed_index() {
	[[ -n ${RIG_DIR:-} && -d $RIG_DIR && -n ${RIG_REGISTRY:-} ]] || {
		rig__log "rig_seed_index: no rig (run rig_start first)"
		return 1
	}
	local s=$RIG_DIR/seed r=$RIG_REGISTRY/multi/app a index amd arm
	local list=application/vnd.docker.distribution.manifest.list.v2+json
	local v2=application/vnd.docker.distribution.manifest.v2+json
	mkdir -p "$s"
	index=$(rig__registry_digest multi/app 1 "$list")
	if [[ -z $index ]]; then
		rig__has_image bb:1.0 || {
			rig__log "rig_seed_index: bb:1.0 is missing (run rig_seed)"
			return 1
		}
		for a in amd64 arm64; do
			mkdir -p "$s/multi-$a"
			printf 'FROM bb:1.0\nLABEL budu.platform="%s"\n' "$a" >"$s/multi-$a/Dockerfile"
			rig__build "$r:$a" "$s/multi-$a" || return 1
			rig__d push "$r:$a" >>"$s/build.log" 2>&1 || {
				rig__log "docker push $r:$a failed"
				rig__tail_log "$s/build.log"
				return 1
			}
		done
		# (the manifest commands keep their state in $DOCKER_CONFIG, which rig_start set)
		if ! DOCKER_CLI_EXPERIMENTAL=enabled rig__d manifest create --insecure "$r:1" "$r:amd64" "$r:arm64" \
			>>"$s/build.log" 2>&1 ||
			! rig__d manifest annotate --os linux --arch arm64 "$r:1" "$r:arm64" >>"$s/build.log" 2>&1 ||
			! rig__d manifest push --insecure --purge "$r:1" >>"$s/build.log" 2>&1; then
			rig__log "docker manifest create/annotate/push $r:1 failed"
			rig__tail_log "$s/build.log"
			return 1
		fi
		rig__d rmi "$r:amd64" "$r:arm64" >>"$s/build.log" 2>&1 || true
		index=$(rig__registry_digest multi/app 1 "$list")
	fi
	amd=$(rig__registry_digest multi/app amd64 "$v2")
	arm=$(rig__registry_digest multi/app arm64 "$v2")
	[[ -n $index && -n $amd && -n $arm ]] || {
		rig__log "rig_seed_index: the registry does not serve $r:1, :amd64 and :arm64"
		return 1
	}
	[[ -f $RIG_DIR/seeded.txt ]] && sed -i '/^\(index\|platform-amd64\|platform-arm64\) /d' "$RIG_DIR/seeded.txt"
	printf 'index %s\nplatform-amd64 %s\nplatform-arm64 %s\n' "$index" "$amd" "$arm" >>"$RIG_DIR/seeded.txt"
}

# rig_seeded ROLE: print the value(s) seeded for ROLE, one a line.
rig_seeded() {
	awk -v r="$1" '$1 == r { sub(/^[^ ]+ /, ""); print }' "$RIG_DIR/seeded.txt"
}
