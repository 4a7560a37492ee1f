/* Exec and attach (doc §5): the HTTP connection upgrade that turns one engine connection into a
 * raw two-way byte pipe, and the small REST calls around it (exec create and inspect, resize).
 *
 * The upgrade uses libcurl only to connect (CURLOPT_CONNECT_ONLY: unix socket, or tcp:// with
 * TLS as the engine's host says); the request is written by hand with "Connection: Upgrade" and
 * "Upgrade: tcp", and 101 or 200 both mean the stream follows. After it, bytes go both ways
 * with no framing: with a TTY, what the PTY makes; without, stdcopy frames out (feed them to
 * logs.h's log_parser) and raw bytes in.
 *
 * Thread model: everything here blocks (workers, or the thread that runs a terminal session).
 * A struct hijack belongs to one thread at a time: libcurl's easy handle is not shared.
 * Closing the stream does not stop an exec'd process (§5.2); detach keys are the caller's to
 * watch (§5.6: the daemon's are broken for exec on 20.10). */
#ifndef BUDU_HIJACK_H
#define BUDU_HIJACK_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

struct hijack;

/* POST path (unversioned, e.g. "/exec/<id>/start"; the engine's version is added) with body
 * (JSON, or NULL for none) and the upgrade headers. Returns the open stream, or NULL with *err
 * a translated message (caller frees): the engine's own words for an answer other than
 * 101/200 (a JSON {"message"} or, for attach, plain text after a raw status line), else why
 * no connection could be made. */
struct hijack *hijack_open(struct engine *e, const char *path, const char *body, char **err);
/* The socket, to poll for POLLIN (and POLLOUT when a write would block). */
int hijack_fd(const struct hijack *h);
/* The status the engine answered: 101, or 200 from an engine that upgrades without saying so. */
long hijack_status(const struct hijack *h);
/* Up to len bytes: > 0 bytes read, 0 the stream ended (the process exited, or the engine
 * closed), -1 an error, -2 nothing now (poll hijack_fd; read until -2 before polling again:
 * TLS may hold bytes already). Bytes that came with the answer's headers come first. */
long hijack_read(struct hijack *h, void *buf, size_t len);
/* All of buf (waits for the socket as needed, up to 10 s at a time); 0, or -1 on error. */
int hijack_write(struct hijack *h, const void *buf, size_t len);
/* Half-close: the process gets EOF on stdin (non-TTY sessions only; a TTY ignores it, send
 * Ctrl-D). Not possible over TLS: -1 there. */
int hijack_close_write(struct hijack *h);
/* Closes the connection and frees h (NULL is fine). */
void hijack_close(struct hijack *h);

/* What to run: POST /containers/{id}/exec's body (§5.1). */
struct exec_config {
	const char *const *cmd;	/* required, ncmd >= 1 */
	size_t ncmd;
	const char *const *env;	/* "TERM=xterm-256color"; may be NULL */
	size_t nenv;
	const char *user;	/* NULL or "": the container's */
	const char *workdir;	/* NULL or "": the container's */
	bool tty;
	bool attach_stdin, attach_stdout, attach_stderr;
	const char *detach_keys;	/* NULL or "": the engine's default */
};

/* The exec create body, as JSON text. New string. */
char *hijack_exec_body(const struct exec_config *cfg);
/* POST /containers/{id}/exec; true with *exec_id (new string), or false with *err. */
bool hijack_exec_create(struct engine *e, const char *container, const struct exec_config *cfg,
			char **exec_id, char **err);
/* POST /exec/{id}/start {"Detach":false,"Tty":tty} with the upgrade. */
struct hijack *hijack_exec_start(struct engine *e, const char *exec_id, bool tty, char **err);
/* GET /exec/{id}/json: *running, and *exit_code (-1 while it runs or before it started).
 * Call it at once when the stream ends: the engine forgets finished execs after minutes. */
bool hijack_exec_inspect(struct engine *e, const char *exec_id, bool *running, int *exit_code,
			 char **err);
/* POST /exec/{id}/resize?h=rows&w=cols (blocks until the exec has started, up to 10 s). */
bool hijack_exec_resize(struct engine *e, const char *exec_id, int rows, int cols, char **err);
/* POST /containers/{id}/resize?h=rows&w=cols: the container's own TTY (attach). */
bool hijack_container_resize(struct engine *e, const char *container, int rows, int cols, char **err);
/* POST /containers/{id}/attach?stream=1&stdin=…&stdout=1&stderr=1[&detachKeys=…] with the
 * upgrade. stdin: the container has Config.OpenStdin. Check State.Running first: on a stopped
 * container the engine answers 101 and then waits for a start (§5.5). */
struct hijack *hijack_attach(struct engine *e, const char *container, bool with_stdin,
			     const char *detach_keys, char **err);
/* The attach path alone, for a caller that opens it itself. New string. */
char *hijack_attach_path(const char *container, bool with_stdin, const char *detach_keys);

#endif
