#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "http.h"
#include "i18n.h"
#include "reference.h"
#include "run_args.h"
#include "sanitize.h"
#include "xalloc.h"

enum opt {
	O_DETACH, O_NAME, O_PUBLISH, O_PUBLISH_ALL, O_EXPOSE, O_ENV, O_VOLUME, O_RM, O_RESTART,
	O_WORKDIR, O_USER, O_ENTRYPOINT, O_LABEL, O_TTY, O_INTERACTIVE, O_NETWORK, O_HOSTNAME,
	O_MEMORY, O_CPUS, O_PLATFORM,
};

static const struct cmdline_opt optdefs[] = {
	{ "detach", 'd', false, O_DETACH },
	{ "name", 0, true, O_NAME },
	{ "publish", 'p', true, O_PUBLISH },
	{ "publish-all", 'P', false, O_PUBLISH_ALL },
	{ "expose", 0, true, O_EXPOSE },
	{ "env", 'e', true, O_ENV },
	{ "volume", 'v', true, O_VOLUME },
	{ "rm", 0, false, O_RM },
	{ "restart", 0, true, O_RESTART },
	{ "workdir", 'w', true, O_WORKDIR },
	{ "user", 'u', true, O_USER },
	{ "entrypoint", 0, true, O_ENTRYPOINT },
	{ "label", 'l', true, O_LABEL },
	{ "tty", 't', false, O_TTY },
	{ "interactive", 'i', false, O_INTERACTIVE },
	{ "network", 0, true, O_NETWORK },
	{ "net", 0, true, O_NETWORK },
	{ "hostname", 'h', true, O_HOSTNAME },
	{ "memory", 'm', true, O_MEMORY },
	{ "cpus", 0, true, O_CPUS },
	{ "platform", 0, true, O_PLATFORM },
};

/* What the options said, gathered before the body is built. */
struct opts {
	bool detach, rm, tty, interactive, publish_all, entrypoint_set;
	char *name, *platform, *workdir, *user, *entrypoint, *network, *hostname;
	char *restart_name;
	long restart_count;
	int64_t memory, nano_cpus;
	cJSON *env, *labels, *binds, *volumes, *exposed, *bindings;
	/* Per protocol and port: whether it is in exposed, and its list in bindings; so that
	 * -p 1-65535 costs linear time, not a search of the object per port. Made on first use. */
	struct port_slot { bool exposed; cJSON *list; } *slots;
};

static struct port_slot *
slot(struct opts *o, unsigned port, const char *proto)
{
	if (!o->slots)
		o->slots = xcalloc(3 * 65536, sizeof(*o->slots));
	int k = proto[0] == 't' ? 0 : proto[0] == 'u' ? 1 : 2;
	return &o->slots[k * 65536 + port];
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* Go's strconv.ParseUint(s, 10, 16). */
static bool
parse_u16(const char *s, size_t n, unsigned *out)
{
	if (n == 0 || n > 10)
		return false;
	unsigned long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > 65535)
		return false;
	*out = (unsigned)v;
	return true;
}

/* nat.ParsePortRange: "80" or "8000-8010". */
static bool
port_range(const char *s, unsigned *start, unsigned *end)
{
	const char *dash = strchr(s, '-');
	if (!dash)
		return parse_u16(s, strlen(s), start) && (*end = *start, true);
	return parse_u16(s, (size_t)(dash - s), start) && parse_u16(dash + 1, strlen(dash + 1), end)
	       && *end >= *start;
}

/* nat.SplitProtoPort: "80/udp" -> "udp", "80"; "80" -> "tcp". */
static void
split_proto(const char *s, char **proto, char **port)
{
	const char *slash = strchr(s, '/');
	if (!slash || slash[1] == '\0') {
		*proto = xstrdup("tcp");
		*port = slash ? xstrndup(s, (size_t)(slash - s)) : xstrdup(s);
		return;
	}
	const char *end = strchr(slash + 1, '/');
	*proto = end ? xstrndup(slash + 1, (size_t)(end - slash - 1)) : xstrdup(slash + 1);
	for (char *p = *proto; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	*port = xstrndup(s, (size_t)(slash - s));
}

static bool
proto_valid(const char *p)
{
	return strcmp(p, "tcp") == 0 || strcmp(p, "udp") == 0 || strcmp(p, "sctp") == 0;
}

static void
expose(struct opts *o, unsigned port, const char *proto)
{
	struct port_slot *sl = slot(o, port, proto);
	if (sl->exposed)
		return;
	char key[32];
	snprintf(key, sizeof(key), "%u/%s", port, proto);
	cJSON_AddItemToObject(o->exposed, key, cJSON_CreateObject());
	sl->exposed = true;
}

/* The CLI's convertToStandardNotation: "published=8080,target=80,protocol=udp" becomes
 * "8080:80/udp". NULL with *err set on a part without '='. */
static char *
publish_long_form(const char *spec, char **err)
{
	const char *published = "", *target = "", *protocol = "tcp";
	size_t lp = 0, lt = 0, lproto = 3;
	for (const char *p = spec; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (!eq) {
			char *part = xstrndup(p, n);
			*err = cmdline_error(_("invalid publish option \"%s\": expected name=value"), part);
			free(part);
			return NULL;
		}
		size_t kn = (size_t)(eq - p);
		const char *v = eq + 1;
		size_t vn = n - kn - 1;
		if (kn == 9 && strncmp(p, "published", 9) == 0)
			published = v, lp = vn;
		else if (kn == 6 && strncmp(p, "target", 6) == 0)
			target = v, lt = vn;
		else if (kn == 8 && strncmp(p, "protocol", 8) == 0)
			protocol = v, lproto = vn;
		p += n + (comma ? 1 : 0);
		if (!comma)
			break;
	}
	return xasprintf("%.*s:%.*s/%.*s", (int)lp, published, (int)lt, target, (int)lproto, protocol);
}

/* An error about one -p value: fmt has two %s, the part and the whole spec. */
static char *
port_error(const char *fmt, const char *part, const char *spec)
{
	char *a = sanitize(part), *b = sanitize(spec);
	char *msg = xasprintf(fmt, a, b);
	free(a);
	free(b);
	return msg;
}

/* -p: nat.ParsePortSpec, one spec into ExposedPorts and PortBindings. */
static bool
publish(struct opts *o, const char *given, char **err)
{
	char *spec = strchr(given, '=') ? publish_long_form(given, err) : xstrdup(given);
	if (!spec)
		return false;
	/* splitParts: the last ':' part is the container's, the one before it the host's, and
	 * whatever comes before that the IP (which may hold ':' itself). */
	char *ip = NULL, *host = NULL, *ctr;
	char *last = strrchr(spec, ':');
	if (!last) {
		ctr = spec;
	} else {
		*last = '\0';
		ctr = last + 1;
		char *prev = strrchr(spec, ':');
		if (!prev) {
			host = spec;
		} else {
			*prev = '\0';
			host = prev + 1;
			ip = spec;
		}
	}
	bool ok = false;
	char *proto = NULL, *port = NULL, *ipv = NULL;
	unsigned cs, ce, hs = 0, he = 0;
	if (ip) {
		size_t n = strlen(ip);
		ipv = ip[0] == '[' && n >= 2 && ip[n - 1] == ']' ? xstrndup(ip + 1, n - 2) : xstrdup(ip);
		unsigned char addr[16];
		if (*ipv && inet_pton(AF_INET, ipv, addr) != 1 && inet_pton(AF_INET6, ipv, addr) != 1) {
			*err = port_error(_("invalid IP address \"%s\" in -p %s"), ip, given);
			goto out;
		}
	}
	split_proto(ctr, &proto, &port);
	if (!*port) {
		*err = cmdline_error(_("no container port in -p %s"), given);
		goto out;
	}
	if (!port_range(port, &cs, &ce)) {
		*err = port_error(_("invalid port \"%s\" in -p %s: a number from 0 to 65535, or a "
				    "range such as 8000-8010"), port, given);
		goto out;
	}
	if (host && *host && !port_range(host, &hs, &he)) {
		*err = port_error(_("invalid port \"%s\" in -p %s: a number from 0 to 65535, or a "
				    "range such as 8000-8010"), host, given);
		goto out;
	}
	/* A host range with one container port is the range the engine picks from. */
	if (host && *host && ce - cs != he - hs && ce != cs) {
		*err = cmdline_error(_("port ranges of different sizes in -p %s"), given);
		goto out;
	}
	if (!proto_valid(proto)) {
		*err = port_error(_("invalid protocol \"%s\" in -p %s: tcp, udp or sctp"), proto, given);
		goto out;
	}
	for (unsigned i = 0; i <= ce - cs; i++) {
		char key[32], hp[16];
		snprintf(key, sizeof(key), "%u/%s", cs + i, proto);
		hp[0] = '\0';
		if (host && *host) {
			if (cs == ce && hs != he)
				snprintf(hp, sizeof(hp), "%u-%u", hs, he);
			else
				snprintf(hp, sizeof(hp), "%u", hs + i);
		}
		expose(o, cs + i, proto);
		struct port_slot *sl = slot(o, cs + i, proto);
		if (!sl->list)
			sl->list = cJSON_AddArrayToObject(o->bindings, key);
		cJSON *list = sl->list;
		cJSON *b = cJSON_CreateObject();
		cJSON_AddStringToObject(b, "HostIp", ipv ? ipv : "");
		cJSON_AddStringToObject(b, "HostPort", hp);
		cJSON_AddItemToArray(list, b);
	}
	ok = true;
out:
	free(proto);
	free(port);
	free(ipv);
	free(spec);
	return ok;
}

/* --expose 80, 80/udp, 8000-8010/tcp. */
static bool
expose_opt(struct opts *o, const char *spec, char **err)
{
	char *proto, *port;
	unsigned s, e;
	split_proto(spec, &proto, &port);
	bool ok = !strchr(spec, ':') && port_range(port, &s, &e) && proto_valid(proto);
	if (ok)
		for (unsigned i = s; i <= e; i++)
			expose(o, i, proto);
	else
		*err = cmdline_error(_("invalid port for --expose: %s"), spec);
	free(proto);
	free(port);
	return ok;
}

/* The daemon's local volume names: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (so at least 2 characters);
 * container names follow the same rule. */
static bool
name_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 2)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-')))
			return false;
	}
	return true;
}

/* The daemon's ValidMountMode for Linux: comma-separated, at most one of each kind. */
static bool
mount_mode_valid(const char *mode)
{
	static const char *const kinds[][7] = {
		{ "rw", "ro", NULL },
		{ "z", "Z", NULL },
		{ "shared", "rshared", "slave", "rslave", "private", "rprivate", NULL },
		{ "nocopy", NULL },
		{ "consistent", "cached", "delegated", NULL },
	};
	int seen[5] = { 0 };
	if (!*mode)
		return false;
	for (const char *p = mode; *p;) {
		size_t n = strcspn(p, ",");
		bool found = false;
		for (int k = 0; k < 5 && !found; k++)
			for (int j = 0; kinds[k][j] && !found; j++)
				if (strlen(kinds[k][j]) == n && strncmp(p, kinds[k][j], n) == 0)
					found = ++seen[k] == 1;
		if (!found)
			return false;
		p += n;
		if (*p == ',' && *++p == '\0')
			return false;
	}
	return true;
}

/* -v: "/data" is an anonymous volume (Volumes); anything with a ':' goes to Binds as typed,
 * after the checks the daemon would make. */
static bool
volume(struct opts *o, const char *spec, char **err)
{
	if (!strchr(spec, ':')) {
		if (spec[0] != '/') {
			*err = cmdline_error(_("invalid volume specification: '%s': the path in the "
					       "container must be absolute"), spec);
			return false;
		}
		cJSON_AddItemToObject(o->volumes, spec, cJSON_CreateObject());
		return true;
	}
	char *parts[4] = { NULL };
	int n = 0;
	char *copy = xstrdup(spec);
	for (char *p = copy, *c; n < 4; p = c + 1) {
		parts[n++] = p;
		if (!(c = strchr(p, ':')))
			break;
		*c = '\0';
	}
	const char *src = NULL, *dst = NULL, *mode = NULL;
	bool ok = true;
	if (n == 2 && mount_mode_valid(parts[1])) {
		dst = parts[0], mode = parts[1];
	} else if (n == 2) {
		src = parts[0], dst = parts[1];
	} else if (n == 3) {
		src = parts[0], dst = parts[1], mode = parts[2];
	} else {
		ok = false;
	}
	if (!ok || (src && !*src) || !*dst || (mode && !mount_mode_valid(mode))) {
		*err = cmdline_error(_("invalid volume specification: '%s'"), spec);
		ok = false;
	} else if (dst[0] != '/') {
		*err = cmdline_error(_("invalid volume specification: '%s': the path in the "
				       "container must be absolute"), spec);
		ok = false;
	} else if (src && src[0] != '/' && !name_valid(src)) {
		*err = cmdline_error(_("\"%s\" is neither an absolute host path nor a volume name "
				       "([a-zA-Z0-9][a-zA-Z0-9_.-]+)"), src);
		ok = false;
	}
	if (ok)
		cJSON_AddItemToArray(o->binds, cJSON_CreateString(spec));
	free(copy);
	return ok;
}

/* go-units RAMInBytes: "512m", "1.5g", "1024", "2 GiB"; binary multiples. */
static bool
ram_bytes(const char *s, int64_t *out)
{
	const char *p = s;
	if (*p < '0' || *p > '9')
		return false;
	while ((*p >= '0' && *p <= '9') || *p == '.')
		p++;
	size_t numlen = (size_t)(p - s);
	if (s[numlen - 1] == '.')
		return false;
	if (*p == ' ')
		p++;
	double mult = 1;
	const char *units = "kmgtp";
	char u = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	const char *at = u ? strchr(units, u) : NULL;
	if (at) {
		for (const char *q = units; q <= at; q++)
			mult *= 1024;
		p++;
	}
	if (*p == 'i' || *p == 'I')
		p++;
	if (*p == 'b' || *p == 'B')
		p++;
	if (*p)
		return false;
	char *num = xstrndup(s, numlen);
	char *end;
	errno = 0;
	double v = strtod(num, &end);
	bool ok = *end == '\0' && errno == 0 && strchr(num, '.') == strrchr(num, '.');
	free(num);
	if (!ok || v * mult >= 9.2e18)
		return false;
	*out = (int64_t)(v * mult);
	return true;
}

/* --cpus as nanoCPUs: a decimal with at most 9 places (the CLI's "value is too precise"). */
static bool
nano_cpus(const char *s, int64_t *out)
{
	int64_t whole = 0, frac = 0;
	int places = 0;
	const char *p = s;
	bool digits = false;
	for (; *p >= '0' && *p <= '9'; p++, digits = true)
		if ((whole = whole * 10 + (*p - '0')) > 1000000)
			return false;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, digits = true) {
			if (++places <= 9)
				frac = frac * 10 + (*p - '0');
			else if (*p != '0')
				return false;
		}
	}
	if (*p || !digits)
		return false;
	for (; places < 9; places++)
		frac *= 10;
	*out = whole * 1000000000 + frac;
	return true;
}

static bool
restart(struct opts *o, const char *v, char **err)
{
	const char *colon = strchr(v, ':');
	size_t n = colon ? (size_t)(colon - v) : strlen(v);
	static const char *const names[] = { "no", "always", "unless-stopped", "on-failure" };
	const char *name = NULL;
	for (size_t i = 0; i < 4; i++)
		if (strlen(names[i]) == n && strncmp(v, names[i], n) == 0)
			name = names[i];
	if (!name && n == 0 && !colon)
		name = "no";
	if (!name) {
		char *w = xstrndup(v, n);
		*err = cmdline_error(_("invalid restart policy \"%s\": no, always, unless-stopped or "
				       "on-failure[:max-retries]"), w);
		free(w);
		return false;
	}
	long count = 0;
	if (colon) {
		char *end;
		errno = 0;
		count = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || errno || strchr(colon + 1, ':')) {
			*err = cmdline_error(_("invalid restart policy \"%s\": the maximum retry count "
					       "must be an integer"), v);
			return false;
		}
		if (count != 0 && strcmp(name, "on-failure") != 0) {
			*err = cmdline_error(_("invalid restart policy \"%s\": only on-failure takes a "
					       "maximum retry count"), v);
			return false;
		}
		if (count < 0) {
			*err = cmdline_error(_("invalid restart policy \"%s\": the maximum retry count "
					       "cannot be negative"), v);
			return false;
		}
	}
	set_str(&o->restart_name, name);
	o->restart_count = count;
	return true;
}

static bool
env(struct opts *o, const char *v, char **err)
{
	if (v[0] == '=' || v[0] == '\0') {
		*err = cmdline_error(_("invalid environment variable: %s"), v);
		return false;
	}
	const char *val = strchr(v, '=') ? NULL : getenv(v);
	char *item = val ? xasprintf("%s=%s", v, val) : xstrdup(v);
	cJSON_AddItemToArray(o->env, cJSON_CreateString(item));
	free(item);
	return true;
}

static bool
label(struct opts *o, const char *v, char **err)
{
	const char *eq = strchr(v, '=');
	/* docker 20.10's ValidateLabel: key=value, the value may be empty. */
	if (!eq || eq == v) {
		*err = cmdline_error(_("invalid label \"%s\": expected key=value"), v);
		return false;
	}
	char *key = xstrndup(v, (size_t)(eq - v));
	cJSON_DeleteItemFromObjectCaseSensitive(o->labels, key);
	cJSON_AddStringToObject(o->labels, key, eq + 1);
	free(key);
	return true;
}

/* One option: its value, or for a flag whether it is on (--rm=false). */
static bool
apply(void *ctx, const struct cmdline_opt *d, const char *v, bool on, char **err)
{
	struct opts *o = ctx;
	if (!d->value) {
		switch (d->id) {
		case O_DETACH: o->detach = on; break;
		case O_PUBLISH_ALL: o->publish_all = on; break;
		case O_RM: o->rm = on; break;
		case O_TTY: o->tty = on; break;
		case O_INTERACTIVE: o->interactive = on; break;
		default: break;
		}
		return true;
	}
	switch (d->id) {
	case O_NAME:
		if (!name_valid(v[0] == '/' ? v + 1 : v)) {
			*err = cmdline_error(_("invalid container name \"%s\": at least 2 characters of "
					       "[a-zA-Z0-9_.-], the first a letter or digit"), v);
			return false;
		}
		set_str(&o->name, v);
		return true;
	case O_PUBLISH: return publish(o, v, err);
	case O_EXPOSE: return expose_opt(o, v, err);
	case O_ENV: return env(o, v, err);
	case O_VOLUME: return volume(o, v, err);
	case O_RESTART: return restart(o, v, err);
	case O_LABEL: return label(o, v, err);
	case O_WORKDIR:
		if (v[0] && v[0] != '/') {
			*err = cmdline_error(_("the working directory \"%s\" must be an absolute path"), v);
			return false;
		}
		set_str(&o->workdir, v);
		return true;
	case O_USER: set_str(&o->user, v); return true;
	case O_ENTRYPOINT:
		set_str(&o->entrypoint, v);
		o->entrypoint_set = true;
		return true;
	case O_NETWORK: set_str(&o->network, v); return true;
	case O_HOSTNAME: set_str(&o->hostname, v); return true;
	case O_MEMORY:
		if (!ram_bytes(v, &o->memory)) {
			*err = cmdline_error(_("invalid size: '%s' (e.g. 512m, 1.5g)"), v);
			return false;
		}
		if (o->memory > 0 && o->memory < 6 * 1024 * 1024) {
			*err = xstrdup(_("minimum memory limit allowed is 6MB"));
			return false;
		}
		return true;
	case O_CPUS:
		if (!nano_cpus(v, &o->nano_cpus)) {
			*err = cmdline_error(_("invalid value for --cpus: %s (a number of CPUs such as "
					       "1.5)"), v);
			return false;
		}
		return true;
	case O_PLATFORM: {
		char *low = xstrdup(v);
		for (char *p = low; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		free(o->platform);
		o->platform = *low ? low : NULL;
		if (!*low)
			free(low);
		return true;
	}
	default:
		return true;
	}
}

static cJSON *
strings_or_null(char **v, size_t n)
{
	if (n == 0)
		return cJSON_CreateNull();
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static void
add_or_free(cJSON *obj, const char *key, cJSON *item)
{
	if (cJSON_GetArraySize(item) > 0) {
		cJSON_AddItemToObject(obj, key, item);
	} else {
		cJSON_Delete(item);
	}
}

/* The create body, with the fields the CLI would send for these options. Takes the lists. */
static cJSON *
build_body(struct opts *o, const char *image, char **cmd, size_t ncmd)
{
	cJSON *c = cJSON_CreateObject();
	if (o->hostname)
		cJSON_AddStringToObject(c, "Hostname", o->hostname);
	cJSON_AddStringToObject(c, "User", o->user ? o->user : "");
	bool attach = !o->detach;
	cJSON_AddBoolToObject(c, "AttachStdin", attach && o->interactive);
	cJSON_AddBoolToObject(c, "AttachStdout", attach);
	cJSON_AddBoolToObject(c, "AttachStderr", attach);
	add_or_free(c, "ExposedPorts", o->exposed);
	cJSON_AddBoolToObject(c, "Tty", o->tty);
	cJSON_AddBoolToObject(c, "OpenStdin", o->interactive);
	cJSON_AddBoolToObject(c, "StdinOnce", attach && o->interactive);
	add_or_free(c, "Env", o->env);
	cJSON_AddItemToObject(c, "Cmd", strings_or_null(cmd, ncmd));
	cJSON_AddStringToObject(c, "Image", image);
	add_or_free(c, "Volumes", o->volumes);
	cJSON_AddStringToObject(c, "WorkingDir", o->workdir ? o->workdir : "");
	if (o->entrypoint_set) {
		cJSON *ep = cJSON_AddArrayToObject(c, "Entrypoint");
		cJSON_AddItemToArray(ep, cJSON_CreateString(o->entrypoint));
	} else {
		cJSON_AddNullToObject(c, "Entrypoint");
	}
	add_or_free(c, "Labels", o->labels);
	o->exposed = o->env = o->volumes = o->labels = NULL;

	cJSON *h = cJSON_AddObjectToObject(c, "HostConfig");
	add_or_free(h, "Binds", o->binds);
	cJSON_AddStringToObject(h, "NetworkMode", o->network ? o->network : "default");
	cJSON_AddItemToObject(h, "PortBindings", o->bindings);
	cJSON *rp = cJSON_AddObjectToObject(h, "RestartPolicy");
	cJSON_AddStringToObject(rp, "Name", o->restart_name ? o->restart_name : "no");
	cJSON_AddNumberToObject(rp, "MaximumRetryCount", (double)o->restart_count);
	cJSON_AddBoolToObject(h, "AutoRemove", o->rm);
	cJSON_AddBoolToObject(h, "PublishAllPorts", o->publish_all);
	cJSON_AddNumberToObject(h, "Memory", (double)o->memory);
	cJSON_AddNumberToObject(h, "NanoCpus", (double)o->nano_cpus);
	o->binds = o->bindings = NULL;
	return c;
}

static void
opts_free(struct opts *o)
{
	free(o->name);
	free(o->platform);
	free(o->workdir);
	free(o->user);
	free(o->entrypoint);
	free(o->network);
	free(o->hostname);
	free(o->restart_name);
	free(o->slots);
	cJSON_Delete(o->env);
	cJSON_Delete(o->labels);
	cJSON_Delete(o->binds);
	cJSON_Delete(o->volumes);
	cJSON_Delete(o->exposed);
	cJSON_Delete(o->bindings);
}

/* "/containers/create?name=…&platform=…" */
static char *
create_path(const char *name, const char *platform)
{
	char *n = name ? http_escape(name) : NULL;
	char *p = platform ? http_escape(platform) : NULL;
	char *path = xasprintf("/containers/create%s%s%s%s%s", n || p ? "?" : "", n ? "name=" : "",
			       n ? n : "", n && p ? "&" : "", p ? "platform=" : "");
	if (p) {
		char *full = xasprintf("%s%s", path, p);
		free(path);
		path = full;
	}
	free(n);
	free(p);
	return path;
}

/* The index of the first word after a pasted `docker run` or `docker container run`. */
static size_t
skip_command(const struct words *w)
{
	size_t i = words_skip_command(w, "run", NULL);
	if (i > 0 && i < w->n && strcmp(w->v[i - 1], "run") == 0)
		return i;
	size_t cmd = i;
	if (word_is(w, cmd, "sudo"))
		cmd++;
	if ((word_is(w, cmd, "docker") || word_is(w, cmd, "podman")) && word_is(w, cmd + 1, "container")
	    && word_is(w, cmd + 2, "run"))
		return cmd + 3;
	return i;
}

bool
run_args_parse(const char *text, struct run_args *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	struct words w;
	if (!words_split(text ? text : "", &w)) {
		*err = xstrdup(_("unterminated quote"));
		return false;
	}
	struct opts o = { 0 };
	o.env = cJSON_CreateArray();
	o.labels = cJSON_CreateObject();
	o.binds = cJSON_CreateArray();
	o.volumes = cJSON_CreateObject();
	o.exposed = cJSON_CreateObject();
	o.bindings = cJSON_CreateObject();
	bool ok = true;
	size_t i = skip_command(&w);
	for (; ok && i < w.n; i++) {
		const char *word = w.v[i];
		if (strcmp(word, "--") == 0) {
			i++;
			break;
		}
		if (word[0] != '-' || word[1] == '\0')
			break;	/* the image: options end there (docker run is not interspersed) */
		ok = cmdline_option(&w, &i, optdefs, sizeof(optdefs) / sizeof(optdefs[0]), apply, &o, err);
	}
	if (ok && i >= w.n) {
		*err = xstrdup(_("no image: type the image to run, then its command"));
		ok = false;
	}
	if (ok) {
		struct reference ref;
		enum ref_error re = reference_parse(w.v[i], &ref);
		if (re != REF_OK) {
			*err = xasprintf("%s", reference_strerror(re));
			ok = false;
		} else {
			reference_free(&ref);
		}
	}
	if (ok && o.rm && o.restart_name && strcmp(o.restart_name, "no") != 0) {
		*err = xstrdup(_("conflicting options: cannot specify both --restart and --rm"));
		ok = false;
	}
	if (ok) {
		out->image = xstrdup(w.v[i]);
		out->config = build_body(&o, w.v[i], w.v + i + 1, w.n - i - 1);
		out->body = cJSON_PrintUnformatted(out->config);
		out->name = o.name ? xstrdup(o.name[0] == '/' ? o.name + 1 : o.name) : NULL;
		out->platform = o.platform ? xstrdup(o.platform) : NULL;
		out->path = create_path(out->name, out->platform);
		out->detach = o.detach;
		out->attach = !o.detach;
		out->attach_stdin = !o.detach && o.interactive;
		out->tty = o.tty;
		out->auto_remove = o.rm;
		out->wait_condition = o.rm ? "removed" : "next-exit";
	}
	opts_free(&o);
	words_free(&w);
	return ok;
}

void
run_args_free(struct run_args *a)
{
	if (!a)
		return;
	free(a->image);
	free(a->name);
	free(a->platform);
	cJSON_Delete(a->config);
	free(a->body);
	free(a->path);
	memset(a, 0, sizeof(*a));
}
