#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "credhelper.h"
#include "i18n.h"
#include "json.h"
#include "sanitize.h"
#include "strv.h"
#include "xalloc.h"

extern char **environ;

#define WORDS_MAX 300	/* bytes of a helper's error shown */

bool
credhelper_name_valid(const char *name)
{
	if (!name || !*name || strlen(name) > 64)
		return false;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '/' || *p == 0x7f)
			return false;
	return true;
}

/* An executable file of that name in a directory of PATH, as exec's search finds it. */
static bool
on_path(const char *prog)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;;) {
		size_t n = strcspn(p, ":");
		char *file = xasprintf("%.*s/%s", (int)(n ? n : 1), n ? p : ".", prog);
		struct stat st;
		bool yes = stat(file, &st) == 0 && S_ISREG(st.st_mode) && access(file, X_OK) == 0;
		free(file);
		if (yes)
			return true;
		if (!p[n])
			return false;
		p += n + 1;
	}
}

bool
credhelper_available(const char *name)
{
	if (!credhelper_name_valid(name))
		return false;
	char *prog = xasprintf("docker-credential-%s", name);
	bool yes = on_path(prog);
	free(prog);
	return yes;
}

const char *
credhelper_platform_default(void)
{
	/* docker's DetectDefaultStore on Linux */
	const char *name = on_path("pass") ? "pass" : "secretservice";
	return credhelper_available(name) ? name : NULL;
}

/* ---- wire formats ------------------------------------------------------------------------ */

static void
trim(const char **s, size_t *n)
{
	while (*n && strchr(" \t\r\n", **s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && strchr(" \t\r\n", (*s)[*n - 1]))
		(*n)--;
}

bool
credhelper_is_not_found(const char *out, size_t len)
{
	/* docker-credential-helpers' ErrCredentialsNotFound, "credentials not found in native
	 * keychain"; matched loosely, as the CLI's IsErrCredentialsNotFoundMessage trims it.
	 * Debian 12's docker-credential-pass 0.6.4 says "… is not in the password store." on erase. */
	static const char *const needles[] = { "credentials not found", "is not in the password store" };
	for (size_t k = 0; k < 2; k++) {
		size_t m = strlen(needles[k]);
		for (size_t i = 0; out && i + m <= len; i++)
			if (memcmp(out + i, needles[k], m) == 0)
				return true;
	}
	return false;
}

char *
credhelper_error_words(const char *name, const char *action, const char *out, size_t len,
		       const char *secret)
{
	const char *s = out ? out : "";
	trim(&s, &len);
	char *raw = xstrndup(s, len > WORDS_MAX ? WORDS_MAX : len);
	/* a helper that quotes what it was given must not show the secret */
	bool leaks = secret && *secret && out && memmem(out, len, secret, strlen(secret)) != NULL;
	char *words = leaks || !*raw ? NULL : sanitize(raw);
	secret_free(raw);
	char *msg;
	if (words)
		/* TRANSLATORS: docker-credential-<name> <action>: its own words */
		msg = xasprintf(_("docker-credential-%s %s: %s"), name, action, words);
	else
		msg = xasprintf(_("docker-credential-%s %s failed"), name, action);
	free(words);
	return msg;
}

/* Clears the strings of a parsed helper answer, then frees it. */
static void
wipe_delete(cJSON *j)
{
	for (cJSON *c = j; c; c = c->next) {
		if (c->valuestring)
			secret_clear(c->valuestring, strlen(c->valuestring));
		if (c->child)
			wipe_delete(c->child), c->child = NULL;
	}
	cJSON_Delete(j);
}

enum credhelper_result
credhelper_parse_get(const char *out, size_t len, bool exited_ok, struct registry_creds *creds,
		     char **err)
{
	memset(creds, 0, sizeof(*creds));
	*err = NULL;
	if (!exited_ok)
		return credhelper_is_not_found(out, len) ? CREDHELPER_NOT_FOUND : CREDHELPER_ERROR;
	cJSON *root = out && len ? json_parse_whole(out, len) : NULL;
	if (!cJSON_IsObject(root)) {
		wipe_delete(root);
		*err = xstrdup(_("the credential helper's answer is not JSON"));
		return CREDHELPER_ERROR;
	}
	const char *user = json_raw_string(root, "Username");
	const char *secret = json_raw_string(root, "Secret");
	enum credhelper_result r = CREDHELPER_NOT_FOUND;
	if (*secret) {
		creds->identity_token = strcmp(user, CREDHELPER_TOKEN_USER) == 0;
		creds->username = xstrdup(creds->identity_token ? "" : user);
		creds->secret = xstrdup(secret);
		r = CREDHELPER_OK;
	}
	wipe_delete(root);
	return r;
}

char *
credhelper_store_input(const char *server, const struct registry_creds *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "ServerURL", server);
	cJSON_AddStringToObject(o, "Username", c->identity_token ? CREDHELPER_TOKEN_USER
						: c->username ? c->username : "");
	cJSON_AddStringToObject(o, "Secret", c->secret ? c->secret : "");
	char *s = cJSON_PrintUnformatted(o);
	wipe_delete(o);
	return s;
}

bool
credhelper_parse_list(const char *out, size_t len, char ***servers, char ***users, size_t *n,
		      char **err)
{
	*servers = *users = NULL;
	*n = 0;
	*err = NULL;
	cJSON *root = out && len ? json_parse_whole(out, len) : NULL;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		*err = xstrdup(_("the credential helper's list is not a JSON object"));
		return false;
	}
	size_t count = (size_t)cJSON_GetArraySize(root);
	*servers = xcalloc(count ? count : 1, sizeof(char *));
	*users = xcalloc(count ? count : 1, sizeof(char *));
	const cJSON *m;
	cJSON_ArrayForEach(m, root) {
		if (!m->string || !cJSON_IsString(m))
			continue;
		(*servers)[*n] = sanitize(m->string);
		(*users)[*n] = sanitize(strcmp(m->valuestring, CREDHELPER_TOKEN_USER) == 0 ? "" : m->valuestring);
		(*n)++;
	}
	cJSON_Delete(root);
	return true;
}

/* ---- running a helper ------------------------------------------------------------------------ */

struct run {
	char *out;		/* stdout, NUL-terminated; clear before freeing */
	size_t len, cap;
	bool exited_ok;		/* exit status 0 */
	int spawn_errno;	/* the helper could not start */
	bool timed_out;
};

static void
run_free(struct run *r)
{
	if (r->out) {
		secret_clear(r->out, r->cap);
		free(r->out);
	}
	memset(r, 0, sizeof(*r));
}

/* Appends; growing by hand so that no old copy of a secret is left unclear. */
static bool
run_append(struct run *r, const char *data, size_t n)
{
	if (r->len + n + 1 > CREDHELPER_OUT_MAX)
		return false;
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 4096;
		while (cap < r->len + n + 1)
			cap *= 2;
		char *grown = xmalloc(cap);
		if (r->out) {
			memcpy(grown, r->out, r->len);
			secret_clear(r->out, r->cap);
			free(r->out);
		}
		r->out = grown;
		r->cap = cap;
	}
	memcpy(r->out + r->len, data, n);
	r->len += n;
	r->out[r->len] = '\0';
	return true;
}

static long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* docker-credential-<name> <action>, input on its stdin; its stdout and exit status in *r.
 * False when it did not start, was killed at the timeout, or said too much. */
static bool
run_helper(const char *name, const char *action, const char *input, struct run *r)
{
	memset(r, 0, sizeof(*r));
	int in[2] = { -1, -1 }, out[2] = { -1, -1 };
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
		r->spawn_errno = errno;
		for (int i = 0; i < 2; i++)
			if (in[i] >= 0)
				close(in[i]);
		return false;
	}
	char *prog = xasprintf("docker-credential-%s", name);
	char *argv[] = { prog, (char *)action, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&at);
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGHUP);
	sigaddset(&defaults, SIGCHLD);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &defaults);
	/* a session of its own: no controlling terminal for pinentry to take over, and one
	 * process group to kill at the timeout */
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int e = posix_spawnp(&pid, prog, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	free(prog);
	close(in[0]);
	close(out[1]);
	if (e != 0) {
		close(in[1]);
		close(out[0]);
		r->spawn_errno = e;
		return false;
	}

	/* a helper that exits before reading its stdin must not kill budu with SIGPIPE */
	sigset_t pipe_set, old;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	size_t left = input ? strlen(input) : 0;
	const char *p = input;
	if (!left) {
		close(in[1]);
		in[1] = -1;
	}
	long long deadline = now_ms() + CREDHELPER_TIMEOUT * 1000LL;
	bool ok = true;
	while (out[0] >= 0) {
		long long wait = deadline - now_ms();
		if (wait <= 0) {
			r->timed_out = true;
			ok = false;
			break;
		}
		struct pollfd fds[2] = { { .fd = out[0], .events = POLLIN }, { .fd = in[1], .events = POLLOUT } };
		int n = poll(fds, in[1] >= 0 ? 2 : 1, (int)(wait > 1000 ? 1000 : wait));
		if (n < 0 && errno != EINTR) {
			ok = false;
			break;
		}
		if (n <= 0)
			continue;
		if (in[1] >= 0 && fds[1].revents) {
			ssize_t w = write(in[1], p, left);
			if (w > 0) {
				p += w;
				left -= (size_t)w;
			}
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || left == 0) {
				close(in[1]);
				in[1] = -1;
			}
		}
		if (fds[0].revents) {
			char chunk[4096];
			ssize_t got = read(out[0], chunk, sizeof(chunk));
			if (got < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (got > 0 && !run_append(r, chunk, (size_t)got))
				ok = false;
			secret_clear(chunk, sizeof(chunk));
			if (got <= 0 || !ok) {
				close(out[0]);
				out[0] = -1;
			}
		}
	}
	if (in[1] >= 0)
		close(in[1]);
	if (out[0] >= 0)
		close(out[0]);
	/* a SIGPIPE our write raised stays pending in this thread: take it before unblocking */
	struct timespec zero = { 0, 0 };
	while (sigtimedwait(&pipe_set, NULL, &zero) > 0) {
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);

	/* stdout closed: the helper is ending; give it until the deadline */
	int status = 0;
	pid_t w;
	while (ok && (w = waitpid(pid, &status, WNOHANG)) == 0) {
		if (now_ms() >= deadline) {
			r->timed_out = true;
			ok = false;
			break;
		}
		struct timespec tick = { 0, 10 * 1000000 };
		nanosleep(&tick, NULL);
	}
	if (!ok) {
		kill(-pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
		}
		return false;
	}
	r->exited_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	return true;
}

/* The message for a helper that did not run to its end. */
static char *
run_failure(const char *name, const char *action, const struct run *r)
{
	if (r->spawn_errno == ENOENT)
		/* TRANSLATORS: %s a helper name: docker-credential-pass */
		return xasprintf(_("docker's credential helper docker-credential-%s is not installed (not found on PATH)"), name);
	if (r->spawn_errno)
		return xasprintf(_("cannot run docker-credential-%s: %s"), name, strerror(r->spawn_errno));
	if (r->timed_out)
		return xasprintf(_("docker-credential-%s %s did not answer within %d seconds"), name, action,
				 CREDHELPER_TIMEOUT);
	return xasprintf(_("docker-credential-%s %s said too much"), name, action);
}

static bool
check_name(const char *name, char **err)
{
	if (credhelper_name_valid(name))
		return true;
	*err = xstrdup(_("docker's config.json names a credential helper that cannot be one"));
	return false;
}

enum credhelper_result
credhelper_get(const char *name, const char *server, struct registry_creds *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (!check_name(name, err))
		return CREDHELPER_ERROR;
	struct run r;
	if (!run_helper(name, "get", server, &r)) {
		*err = run_failure(name, "get", &r);
		run_free(&r);
		return CREDHELPER_ERROR;
	}
	enum credhelper_result res = credhelper_parse_get(r.out, r.len, r.exited_ok, out, err);
	if (res == CREDHELPER_ERROR && !*err)
		*err = credhelper_error_words(name, "get", r.out, r.len, NULL);
	run_free(&r);
	return res;
}

bool
credhelper_store(const char *name, const char *server, const struct registry_creds *c, char **err)
{
	*err = NULL;
	if (!check_name(name, err))
		return false;
	char *input = credhelper_store_input(server, c);
	struct run r;
	bool ran = run_helper(name, "store", input, &r);
	secret_free(input);
	if (!ran)
		*err = run_failure(name, "store", &r);
	else if (!r.exited_ok)
		*err = credhelper_error_words(name, "store", r.out, r.len, c->secret);
	bool ok = ran && r.exited_ok;
	run_free(&r);
	return ok;
}

enum credhelper_result
credhelper_erase(const char *name, const char *server, char **err)
{
	*err = NULL;
	if (!check_name(name, err))
		return CREDHELPER_ERROR;
	struct run r;
	enum credhelper_result res = CREDHELPER_OK;
	if (!run_helper(name, "erase", server, &r)) {
		*err = run_failure(name, "erase", &r);
		res = CREDHELPER_ERROR;
	} else if (!r.exited_ok) {
		res = credhelper_is_not_found(r.out, r.len) ? CREDHELPER_NOT_FOUND : CREDHELPER_ERROR;
		if (res == CREDHELPER_ERROR)
			*err = credhelper_error_words(name, "erase", r.out, r.len, NULL);
	}
	run_free(&r);
	return res;
}

bool
credhelper_list(const char *name, char ***servers, char ***users, size_t *n, char **err)
{
	*servers = *users = NULL;
	*n = 0;
	*err = NULL;
	if (!check_name(name, err))
		return false;
	struct run r;
	bool ok = false;
	if (!run_helper(name, "list", "unused", &r))
		*err = run_failure(name, "list", &r);
	else if (!r.exited_ok)
		*err = credhelper_error_words(name, "list", r.out, r.len, NULL);
	else
		ok = credhelper_parse_list(r.out, r.len, servers, users, n, err);
	run_free(&r);
	return ok;
}
