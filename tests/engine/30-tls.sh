# shellcheck shell=bash
# tcp:// with TLS: the rig's engine also listens on 127.0.0.1 with --tlsverify; the client uses
# DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as docker does, and a wrong CA is refused clearly.

probe=${ENGINE_PROBE:-$top_builddir/tests/engine/engine_probe}
if [[ -z ${RIG_TLS_HOST:-} ]]; then
	t_fail "the rig's engine listens with TLS (RIG_TLS_HOST is set)"
	return 0 2>/dev/null || exit 0
fi

out=$(DOCKER_HOST=$RIG_TLS_HOST DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$RIG_CERTS/client "$probe" version)
t_match "TLS with verification: the engine answers" '^api=1\.[0-9]+ engine=' "$out"
t_eq "TLS: the same rows as over the unix socket" "$("$probe" images | sort)" \
	"$(DOCKER_HOST=$RIG_TLS_HOST DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$RIG_CERTS/client "$probe" images | sort)"

out=$(DOCKER_HOST=$RIG_TLS_HOST DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$RIG_CERTS/other "$probe" version)
t_match "TLS with an unknown CA: refused with the address" \
	"^error: Cannot connect to the Docker engine at $RIG_TLS_HOST: .*(certificate|TLS)" "$out"

out=$(DOCKER_HOST=$RIG_TLS_HOST DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$RIG_DIR/no-such-dir "$probe" version)
t_match "TLS without ca.pem: the missing file is named" "ca\\.pem" "$out"

out=$(DOCKER_HOST=$RIG_TLS_HOST "$probe" version)
t_match "plain HTTP to a TLS port: a clear error, no crash" \
	"^error: (Cannot connect to|Lost the connection to) the Docker engine at $RIG_TLS_HOST|^error: Client sent an HTTP request to an HTTPS server" "$out"

# One job's requests (/_ping, then the list) share one TLS connection: one handshake, where
# each is round trips to a remote engine. A forwarder in front of the TLS port counts them.
if port=$(rig_forwarder_start tls "${RIG_TLS_HOST##*:}"); then
	out=$(DOCKER_HOST=tcp://127.0.0.1:$port DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$RIG_CERTS/client "$probe" images)
	t_eq "TLS through a forwarder: the same rows" "$("$probe" images | sort)" "$(sort <<<"$out")"
	t_eq "TLS: /_ping and the list share one connection" 1 "$(grep -c '^open ' "$RIG_DIR/tls.log")"
	rig_forwarder_stop tls
else
	t_fail "a forwarder in front of the TLS port"
fi
