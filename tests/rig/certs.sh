# shellcheck shell=bash
# rig_make_certs DIR: a throw-away CA, a server certificate for 127.0.0.1 and a client
# certificate, laid out as dockerd and DOCKER_CERT_PATH expect:
#   DIR/ca.pem DIR/server-cert.pem DIR/server-key.pem   (dockerd --tlscacert/--tlscert/--tlskey)
#   DIR/client/{ca.pem,cert.pem,key.pem}                 (DOCKER_CERT_PATH)
#   DIR/other/{ca.pem,cert.pem,key.pem}                  (a CA the server does not know)
rig_make_certs() {
	local d=$1 o
	mkdir -p "$d/client" "$d/other"
	o=(-days 2 -sha256)
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/ca-key.pem" -out "$d/ca.pem" \
		-subj "/CN=budu test CA" "${o[@]}" 2>/dev/null || return 1
	openssl req -newkey rsa:2048 -nodes -keyout "$d/server-key.pem" -out "$d/server.csr" \
		-subj "/CN=127.0.0.1" 2>/dev/null || return 1
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$d/server.ext"
	openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
		-out "$d/server-cert.pem" -extfile "$d/server.ext" "${o[@]}" 2>/dev/null || return 1
	openssl req -newkey rsa:2048 -nodes -keyout "$d/client/key.pem" -out "$d/client.csr" \
		-subj "/CN=budu test client" 2>/dev/null || return 1
	printf 'extendedKeyUsage=clientAuth\n' >"$d/client.ext"
	openssl x509 -req -in "$d/client.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -CAcreateserial \
		-out "$d/client/cert.pem" -extfile "$d/client.ext" "${o[@]}" 2>/dev/null || return 1
	cp "$d/ca.pem" "$d/client/ca.pem"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/other/key.pem" -out "$d/other/ca.pem" \
		-subj "/CN=someone else" "${o[@]}" 2>/dev/null || return 1
	cp "$d/other/ca.pem" "$d/other/cert.pem"
}
