/* The ssh:// transport: the engine on another machine, reached the way the docker CLI reaches it
 * (engine-api.md §1.3): `ssh … HOST docker system dial-stdio` per connection, HTTP over its
 * stdin and stdout. What budu adds is that every one of those ssh runs rides one master
 * connection (ssh's ControlMaster multiplexing), so a request pays for no handshake, and that a
 * few dials are started ahead of need, so a request does not wait for the far side's docker to
 * start either.
 *
 * How: a private directory (0700, under $TMPDIR or /tmp) holds a local unix socket, served by a
 * thread of the transport, and ssh's control socket. engine.c and hijack.c talk HTTP to the
 * local socket as to a local engine (host->socket_path); each connection accepted there is
 * paired with one `ssh -o ControlMaster=no -o ControlPath=DIR/cm -o BatchMode=yes … -- HOST
 * docker [--host unix://PATH] system dial-stdio` and bytes are pumped both ways, half-closes
 * included (exec and attach rely on them). The master (`ssh -M -N`) is a child of budu: when it
 * is missing, dials connect directly (a handshake each) while a new one is started in batch mode.
 * More than SSH_MUX_MAX sessions at once also go direct (sshd's MaxSessions is 10 by default).
 *
 * Thread model: the transport's own thread does all the pumping and reaps its children; the
 * functions below may be called from any thread. The children are forked from that thread and
 * die with budu (PR_SET_PDEATHSIG) if budu dies without stopping them.
 * Cost: per request, one ssh process (a mux client, no handshake) and one `docker` process on
 * the far side; a dial started ahead is at most SSH_SPARE_MAX_AGE seconds old when used.
 * Secrets: none pass through here (keys and passphrases stay with ssh); what ssh prints on
 * stderr is kept (its last lines per dial) for messages, sanitized. */
#ifndef BUDU_SSH_H
#define BUDU_SSH_H

#include <stdbool.h>

struct host;
struct ssh_transport;

#define SSH_MUX_MAX 8		/* multiplexed sessions at once (dials started ahead included) */
/* Dials kept started ahead. Each is a `docker` process starting on the far side: more of them
 * at once make the first screen wait for their CPU (measured with the far side on the same two
 * cores: 1 or 2 best, 4 a third slower), fewer leave view openings to wait for a start. */
#define SSH_SPARES 2
#define SSH_SPARE_MAX_AGE 60	/* seconds a dial started ahead is kept unused */

/* Starts the transport of h (HOST_SSH): the private directory, the local socket and its thread;
 * sets h->ssh and h->socket_path. Connects nothing yet. False with a translated message in *err
 * (caller frees) when the directory or the socket cannot be made. A host that has a transport
 * already: true at once. */
bool ssh_transport_attach(struct host *h, char **err);

/* Makes the master connection and waits for it: logged in, or failed. interactive: ssh may ask
 * on the terminal (an unknown host key, a passphrase, a password); call it only while nothing
 * else uses the terminal (before curses starts, or with the terminal handed over). Else ssh runs
 * with BatchMode=yes and fails rather than ask. Then SSH_SPARES dials are started. True when the
 * master is up; else false with a translated message in *err naming what failed (ssh could not
 * connect, the host key is unknown or changed and what to run, authentication failed), the last
 * lines of ssh's stderr after it. Without this call the transport's thread starts the master
 * itself, in batch mode, when the first request comes. */
bool ssh_transport_connect(struct ssh_transport *t, bool interactive, char **err);

/* The failures of dials so far (a counter), and the message for the latest one after `since`
 * (that counter read before a request), or NULL: translated, new string. engine.c puts it into
 * its "Cannot connect" message: "docker was not found on HOST", "permission denied on the far
 * side's engine socket", an ssh failure as ssh_transport_connect words it. */
unsigned long ssh_transport_failures(struct ssh_transport *t);
char *ssh_transport_failure_since(struct ssh_transport *t, unsigned long since);

/* What the transport did, for tests and the Hosts view. */
struct ssh_stats {
	unsigned long masters;		/* master connections started */
	unsigned long dials;		/* ssh runs for requests, started ahead or not */
	unsigned long direct;		/* of those, how many could not ride the master */
	unsigned long accepted;		/* connections from budu's side */
	unsigned long warm;		/* accepted ones given a dial started ahead */
	unsigned long failures;
	bool master_up;
};
void ssh_transport_stats(struct ssh_transport *t, struct ssh_stats *out);

/* The private directory (for tests and messages); belongs to t. */
const char *ssh_transport_dir(const struct ssh_transport *t);

/* Stops the thread and every dial, closes the master (`ssh -O exit`, then a signal), and removes
 * the directory. Idempotent; t stays valid until ssh_transport_free. */
void ssh_transport_stop(struct ssh_transport *t);
/* Stops, then frees, on a thread of its own (closing the master may wait for ssh, and the
 * caller may be the UI thread, switching engines): returns at once. t may be NULL. host_free
 * calls it. */
void ssh_transport_free(struct ssh_transport *t);
/* Stops every transport still running, and waits for those being freed (budu calls it on the
 * way out, so that no ssh is left running even if some engine reference outlived the UI). */
void ssh_transport_stop_all(void);

/* Words for a failed ssh run, for h: status is its exit status (-1 when it could not be run,
 * with errno_value then), err_text what it printed on stderr; master: it was the connection
 * itself (not a `docker system dial-stdio` on the far side). Translated, new string: the kind of
 * failure in a sentence, then the relevant line of stderr. Public for the unit tests. */
char *ssh_failure_message(const struct host *h, int status, int errno_value, const char *err_text,
			  bool master);

/* argv of the ssh run for h (NULL-terminated, new strings; free with ssh_argv_free): the
 * master (`-M -N`) when master, else a dial of `docker … system dial-stdio`; control is the
 * ControlPath ("none" for a direct dial); batch adds BatchMode=yes. Public for the unit tests. */
char **ssh_argv(const struct host *h, const char *control, bool master, bool batch);
void ssh_argv_free(char **argv);

#endif
