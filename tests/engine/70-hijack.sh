# shellcheck shell=bash
# Exec through the connection upgrade (src/hijack.c, through tests/engine/hijack_probe): a
# busybox container runs `echo hi; exit 3` and friends; the output, its stream and the exit
# code come back as docker exec gives them.

probe=${HIJACK_PROBE:-$top_builddir/tests/engine/hijack_probe}
D=$RIG_DOCKER
name=budu-hijack-$$

if ! "$D" run -d --network none --name "$name" bb:1.0 sleep 600 >/dev/null; then
	t_fail "hijack: a container to exec into"
	return 0
fi

t_eq "exec: output and exit code 3" $'out: hi\nexit=3' \
	"$("$probe" exec "$name" sh -c 'echo hi; exit 3')"
t_eq "exec: stdout and stderr apart" $'out: hi\nerr: oops\nexit=0' \
	"$("$probe" exec "$name" sh -c 'echo hi; sleep 0.2; echo oops >&2')"
t_eq "exec with a TTY: raw lines, resized" $'tty: 30 100\ntty: hi\nexit=3' \
	"$("$probe" exec -t -i '' "$name" sh -c 'sleep 0.5; stty size; echo hi; exit 3')"
t_eq "exec: stdin, then EOF by half-close" $'out: abc\nexit=0' \
	"$("$probe" exec -i $'abc\n' "$name" cat)"
t_match "exec: a missing command fails after the upgrade" \
	$'out: OCI runtime exec failed: .*\nexit=12[67]$' "$("$probe" exec "$name" /nonexistent)"
t_match "exec: a missing container is the engine's 404" '^error: No such container' \
	"$("$probe" exec budu-no-such-container true)"
t_eq "resize: a container" "resized" "$("$probe" resize "$name")"

"$D" rm -f "$name" >/dev/null
