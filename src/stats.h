/* One sample of GET /containers/{id}/stats (doc §7.3), streamed (one JSON object a line) or
 * one-shot (stream=0), and the row `docker stats --no-stream` prints for it, with the CLI's
 * own formulas (cli/command/container/stats_helpers.go, identical in 20.10 and 28):
 *   CPU %  = cpu_delta / system_delta * online_cpus * 100 (0 unless both deltas > 0)
 *   memory = usage - total_inactive_file (cgroup v1, when that key exists and is smaller),
 *            else usage - inactive_file (cgroup v2, when smaller), else usage
 *   MEM %  = memory / limit * 100 (0 without a limit)
 *   NET    = sums of rx_bytes / tx_bytes over the networks
 *   BLOCK  = sums of io_service_bytes_recursive whose op starts with r/R, w/W
 * Pure: any thread; cost linear in the sample. */
#ifndef BUDU_STATS_H
#define BUDU_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct stats_sample {
	char *id;		/* the 64-hex ID, "" if absent */
	char *name;		/* without the leading '/', "" if absent; sanitized */
	bool running;		/* false for the all-zero samples of a stopped container
				 * (read "0001-01-01T00:00:00Z"): close a stream on it */
	bool cgroup_v2;		/* memory_stats.stats has no total_inactive_file */
	bool has_precpu;	/* precpu_stats filled: the first streamed sample and one-shot
				 * samples have none, so their CPU % is 0 */
	double cpu_percent;
	double mem_used;	/* bytes, after the inactive-file subtraction */
	double mem_limit;
	double mem_percent;
	double net_rx, net_tx;
	double blk_read, blk_write;
	uint64_t pids;
	char read[40];		/* the sample's time, RFC3339Nano as sent */
};

/* The columns of `docker stats --no-stream` for a sample, as the CLI prints them:
 * "ee3ead4ce2eb", "web", "5.37%", "736KiB / 23.54GiB", "0.00%", "0B / 0B", "0B / 0B", "1". */
struct stats_row {
	char id[16];		/* 12 hex digits */
	char name[256];		/* "--" without a name */
	char cpu[32];
	char mem[80];
	char mem_percent[32];
	char net[80];
	char block[80];
	char pids[24];
};

/* Parses one sample (json[0..len), without the line break). True with *out filled (free with
 * stats_sample_free), or false with *err a translated message (caller frees). */
bool stats_parse(const char *json, size_t len, struct stats_sample *out, char **err);
void stats_sample_free(struct stats_sample *s);
void stats_format(const struct stats_sample *s, struct stats_row *row);
/* go-units BytesSize: binary units, "%.4g": "736KiB", "23.54GiB", "0B". */
void stats_bytes_size(char *buf, size_t n, double bytes);

/* "/containers/<id>/stats?stream=0" (one sample, with CPU: about 1 s) or "?stream=1" (one a
 * second, until closed); id escaped. New string. */
char *stats_path(const char *id, bool stream);

#endif
