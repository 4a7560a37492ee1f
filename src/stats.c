#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "http.h"
#include "i18n.h"
#include "json.h"
#include "stats.h"
#include "utf8.h"
#include "xalloc.h"

/* A JSON number as a double, 0 when missing or not a number; negatives (hostile) as 0. */
static double
num(const cJSON *obj, const char *key)
{
	const cJSON *n = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
	if (!n || !cJSON_IsNumber(n) || !(n->valuedouble > 0) || n->valuedouble > 1e300)
		return 0;
	return n->valuedouble;
}

static const cJSON *
obj(const cJSON *o, const char *key)
{
	const cJSON *n = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsObject(n) ? n : NULL;
}

static void
cpu(const cJSON *doc, struct stats_sample *s)
{
	const cJSON *now = obj(doc, "cpu_stats"), *pre = obj(doc, "precpu_stats");
	double cpu_delta = num(obj(now, "cpu_usage"), "total_usage") - num(obj(pre, "cpu_usage"), "total_usage");
	double sys_delta = num(now, "system_cpu_usage") - num(pre, "system_cpu_usage");
	double ncpu = num(now, "online_cpus");
	if (ncpu == 0) {
		const cJSON *per = cJSON_GetObjectItemCaseSensitive(obj(now, "cpu_usage"), "percpu_usage");
		ncpu = cJSON_IsArray(per) ? cJSON_GetArraySize(per) : 0;
	}
	s->has_precpu = num(pre, "system_cpu_usage") > 0;
	s->cpu_percent = sys_delta > 0 && cpu_delta > 0 ? cpu_delta / sys_delta * ncpu * 100.0 : 0;
}

static void
memory(const cJSON *doc, struct stats_sample *s)
{
	const cJSON *m = obj(doc, "memory_stats");
	const cJSON *st = obj(m, "stats");
	double usage = num(m, "usage");
	const cJSON *v1 = st ? cJSON_GetObjectItemCaseSensitive(st, "total_inactive_file") : NULL;
	s->cgroup_v2 = v1 == NULL;
	double inactive = v1 ? num(st, "total_inactive_file") : num(st, "inactive_file");
	s->mem_used = inactive < usage ? usage - inactive : usage;
	s->mem_limit = num(m, "limit");
	s->mem_percent = s->mem_limit != 0 ? s->mem_used / s->mem_limit * 100.0 : 0;
}

static void
io(const cJSON *doc, struct stats_sample *s)
{
	const cJSON *nets = obj(doc, "networks"), *n;
	cJSON_ArrayForEach(n, nets) {
		s->net_rx += num(n, "rx_bytes");
		s->net_tx += num(n, "tx_bytes");
	}
	const cJSON *blk = cJSON_GetObjectItemCaseSensitive(obj(doc, "blkio_stats"), "io_service_bytes_recursive");
	const cJSON *list = cJSON_IsArray(blk) ? blk : NULL, *e;
	cJSON_ArrayForEach(e, list) {
		const char *op = json_raw_string(e, "op");
		if (op[0] == 'r' || op[0] == 'R')
			s->blk_read += num(e, "value");
		else if (op[0] == 'w' || op[0] == 'W')
			s->blk_write += num(e, "value");
	}
}

bool
stats_parse(const char *json, size_t len, struct stats_sample *out, char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	cJSON *doc = json_parse_whole(json, len);
	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		*err = xstrdup(_("the engine's stats are not the JSON object expected"));
		return false;
	}
	out->id = json_string(doc, "id");
	char *name = json_string(doc, "name");
	out->name = xstrdup(name[0] == '/' ? name + 1 : name);
	free(name);
	snprintf(out->read, sizeof(out->read), "%s", json_raw_string(doc, "read"));
	out->running = out->read[0] && strncmp(out->read, "0001-01-01T00:00:00", 19) != 0;
	cpu(doc, out);
	memory(doc, out);
	io(doc, out);
	out->pids = (uint64_t)num(obj(doc, "pids_stats"), "current");
	cJSON_Delete(doc);
	return true;
}

void
stats_sample_free(struct stats_sample *s)
{
	if (!s)
		return;
	free(s->id);
	free(s->name);
	memset(s, 0, sizeof(*s));
}

void
stats_bytes_size(char *buf, size_t n, double bytes)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" };
	size_t i = 0;
	while (bytes >= 1024 && i < sizeof(units) / sizeof(units[0]) - 1) {
		bytes /= 1024;
		i++;
	}
	snprintf(buf, n, "%.4g%s", bytes, units[i]);
}

void
stats_format(const struct stats_sample *s, struct stats_row *row)
{
	format_short_id(row->id, sizeof(row->id), s->id ? s->id : "");
	snprintf(row->name, sizeof(row->name), "%s", s->name && *s->name ? s->name : "--");
	/* A name longer than the cell is cut at a character, never inside one (the fuzzer's
	 * finding: a 4-byte character across byte 255 left invalid UTF-8). */
	size_t len = strlen(row->name), start = len;
	while (start > 0 && ((unsigned char)row->name[start - 1] & 0xC0) == 0x80)
		start--;
	uint32_t cp;
	if (start > 0 && (unsigned char)row->name[start - 1] >= 0xC0
	    && utf8_decode(row->name + start - 1, len - (start - 1), &cp) == 0)
		row->name[start - 1] = '\0';
	snprintf(row->cpu, sizeof(row->cpu), "%.2f%%", s->cpu_percent);
	char a[32], b[32];
	stats_bytes_size(a, sizeof(a), s->mem_used);
	stats_bytes_size(b, sizeof(b), s->mem_limit);
	snprintf(row->mem, sizeof(row->mem), "%s / %s", a, b);
	snprintf(row->mem_percent, sizeof(row->mem_percent), "%.2f%%", s->mem_percent);
	format_size_prec(a, sizeof(a), s->net_rx, 3);
	format_size_prec(b, sizeof(b), s->net_tx, 3);
	snprintf(row->net, sizeof(row->net), "%s / %s", a, b);
	format_size_prec(a, sizeof(a), s->blk_read, 3);
	format_size_prec(b, sizeof(b), s->blk_write, 3);
	snprintf(row->block, sizeof(row->block), "%s / %s", a, b);
	snprintf(row->pids, sizeof(row->pids), "%llu", (unsigned long long)s->pids);
}

char *
stats_path(const char *id, bool stream)
{
	char *e = http_escape(id);
	char *p = xasprintf("/containers/%s/stats?stream=%d", e, stream ? 1 : 0);
	free(e);
	return p;
}
