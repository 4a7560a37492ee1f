/* gen-images: write ONE `docker load` tarball holding COUNT distinct images.
 *
 *   gen-images [-n COUNT] [-e EVERY] [-p PREFIX] OUTPUT.tar   ("-" = stdout)
 *
 * Legacy `docker save` layout (engine-api.md §13.1):
 *   <diffid>/layer.tar        one tiny layer tar, shared by every image, so the
 *                             engine stores (and applies) it once
 *   <imageid>.json            one config per image; its sha256 is the image ID.
 *                             Configs differ by a label and by "created", so
 *                             every ID is distinct
 *   manifest.json             [{"Config","RepoTags","Layers"}...]
 * Image i (1-based, from START) is tagged PREFIX-%05d:1 (with -t, only every TAGGED-th:
 * the others are untagged, as the dangling images of a build farm); every EVERY-th image also gets
 * PREFIX-%05d:latest (0 = never), so some images have two rows.
 * "created" runs one minute apart from 2024-01-01, so the engine's newest-first
 * order is the reverse of the index.
 *
 * No network, no engine: plain ustar writing and OpenSSL's SHA256.
 * Build: cc -O2 -std=c11 -o gen-images gen-images.c -lcrypto
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>

#include <openssl/sha.h>

#define BLOCK 512
#define BASE_TIME 1704067200L	/* 2024-01-01T00:00:00Z */

static FILE *out;

static void
die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gen-images: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- a growable byte buffer ------------------------------------------------ */

struct buf {
	char *p;
	size_t len, cap;
};

static void
buf_grow(struct buf *b, size_t need)
{
	if (b->len + need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + need)
		cap *= 2;
	if (!(b->p = realloc(b->p, cap)))
		die("out of memory");
	b->cap = cap;
}

static void
buf_add(struct buf *b, const void *data, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void __attribute__((format(printf, 2, 3)))
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vsnprintf failed");
	buf_grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* ---- ustar ------------------------------------------------------------------ */

static void
octal(char *field, size_t width, unsigned long long v)
{
	/* width-1 octal digits, zero padded, then NUL */
	snprintf(field, width, "%0*llo", (int)width - 1, v);
}

/* One ustar header for a regular file ('0') or a directory ('5'). */
static void
tar_header(struct buf *b, const char *name, char type, size_t size, long mtime)
{
	unsigned char h[BLOCK];
	memset(h, 0, sizeof(h));
	if (strlen(name) >= 100)
		die("name too long for ustar: %s", name);
	memcpy(h, name, strlen(name));
	octal((char *)h + 100, 8, type == '5' ? 0755 : 0644);	/* mode */
	octal((char *)h + 108, 8, 0);				/* uid */
	octal((char *)h + 116, 8, 0);				/* gid */
	octal((char *)h + 124, 12, type == '5' ? 0 : size);	/* size */
	octal((char *)h + 136, 12, (unsigned long long)mtime);	/* mtime */
	h[156] = (unsigned char)type;
	memcpy(h + 257, "ustar", 6);				/* magic + NUL */
	memcpy(h + 263, "00", 2);				/* version */
	memcpy(h + 265, "root", 4);				/* uname */
	memcpy(h + 297, "root", 4);				/* gname */
	memset(h + 148, ' ', 8);				/* checksum counts as spaces */
	unsigned sum = 0;
	for (size_t i = 0; i < BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);		/* 6 digits, NUL, space */
	h[155] = ' ';
	buf_add(b, h, BLOCK);
}

static void
tar_file(struct buf *b, const char *name, const void *data, size_t n, long mtime)
{
	static const char zero[BLOCK];
	tar_header(b, name, '0', n, mtime);
	buf_add(b, data, n);
	if (n % BLOCK)
		buf_add(b, zero, BLOCK - n % BLOCK);
}

static void
tar_end(struct buf *b)
{
	static const char zero[2 * BLOCK];
	buf_add(b, zero, sizeof(zero));
}

/* Streams the buffer out and empties it: the outer tarball never sits in memory whole. */
static void
flush(struct buf *b)
{
	if (b->len && fwrite(b->p, 1, b->len, out) != b->len)
		die("write: %s", strerror(errno));
	b->len = 0;
}

static void
sha256_hex(const void *data, size_t n, char hex[65])
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256(data, n, md);
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
}

/* GOARCH of this machine: docker load keeps the config's architecture as is. */
static const char *
go_arch(void)
{
	static const struct { const char *machine, *goarch; } map[] = {
		{ "x86_64", "amd64" }, { "aarch64", "arm64" }, { "armv7l", "arm" },
		{ "i686", "386" }, { "ppc64le", "ppc64le" }, { "s390x", "s390x" }, { "riscv64", "riscv64" },
	};
	struct utsname u;
	if (uname(&u) == 0)
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strcmp(u.machine, map[i].machine) == 0)
				return map[i].goarch;
	return "amd64";
}

static void
iso_time(char *s, size_t n, long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(s, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
usage(void)
{
	fputs("usage: gen-images [-n COUNT] [-s START] [-t TAGGED] [-e EVERY] [-p PREFIX] OUTPUT.tar|-\n"
	      "  -n COUNT   images to generate (default 10000)\n"
	      "  -s START   the index of the first (default 1): batches of distinct images\n"
	      "  -t TAGGED  only every TAGGED-th image is tagged (default 1: all; 0: none)\n"
	      "  -e EVERY   every EVERY-th image gets a second tag :latest (default 10, 0 = none)\n"
	      "  -p PREFIX  repository prefix (default bench/app)\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	long count = 10000, every = 10, start = 1, tagged = 1;
	const char *prefix = "bench/app";
	int c;
	while ((c = getopt(argc, argv, "n:s:t:e:p:h")) != -1) {
		switch (c) {
		case 'n': count = strtol(optarg, NULL, 10); break;
		case 'e': every = strtol(optarg, NULL, 10); break;
		case 's': start = strtol(optarg, NULL, 10); break;
		case 't': tagged = strtol(optarg, NULL, 10); break;
		case 'p': prefix = optarg; break;
		default: usage();
		}
	}
	if (optind != argc - 1 || count < 1 || start < 1 || count > 999999 - start + 1 || every < 0 ||
	    tagged < 0)
		usage();
	const char *path = argv[optind];
	if (strcmp(path, "-") == 0) {
		out = stdout;
	} else if (!(out = fopen(path, "wb"))) {
		die("%s: %s", path, strerror(errno));
	}

	struct buf tar = { 0 }, layer = { 0 }, manifest = { 0 }, cfg = { 0 };
	const long mtime = BASE_TIME;

	/* The shared layer: one small file. Its sha256 is the diff ID. */
	static const char content[] = "budu benchmark layer\n";
	tar_file(&layer, "budu-bench.txt", content, sizeof(content) - 1, mtime);
	tar_end(&layer);
	char diff_id[65];
	sha256_hex(layer.p, layer.len, diff_id);

	char name[100];
	snprintf(name, sizeof(name), "%s/", diff_id);
	tar_header(&tar, name, '5', 0, mtime);
	snprintf(name, sizeof(name), "%s/layer.tar", diff_id);
	tar_file(&tar, name, layer.p, layer.len, mtime);

	const char *arch = go_arch();
	buf_add(&manifest, "[", 1);
	for (long i = start; i < start + count; i++) {
		char created[32];
		iso_time(created, sizeof(created), BASE_TIME + i * 60);
		cfg.len = 0;
		buf_printf(&cfg,
			   "{\"architecture\":\"%s\",\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:"
			   "/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"/budu-bench.txt\"],"
			   "\"Labels\":{\"org.budu.bench.index\":\"%05ld\"}},"
			   "\"created\":\"%s\",\"history\":[{\"created\":\"%s\","
			   "\"created_by\":\"budu bench/gen-images %05ld\"}],\"os\":\"linux\","
			   "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:%s\"]}}",
			   arch, i, created, created, i, diff_id);
		char id[65];
		sha256_hex(cfg.p, cfg.len, id);
		snprintf(name, sizeof(name), "%s.json", id);
		tar_file(&tar, name, cfg.p, cfg.len, mtime);

		buf_printf(&manifest, "%s{\"Config\":\"%s.json\",\"RepoTags\":[", i > start ? "," : "", id);
		if (tagged && i % tagged == 0) {
			buf_printf(&manifest, "\"%s-%05ld:1\"", prefix, i);
			if (every && i % every == 0)
				buf_printf(&manifest, ",\"%s-%05ld:latest\"", prefix, i);
		}
		buf_printf(&manifest, "],\"Layers\":[\"%s/layer.tar\"]}", diff_id);
		if (tar.len > (1 << 20))
			flush(&tar);
	}
	buf_add(&manifest, "]", 1);
	tar_file(&tar, "manifest.json", manifest.p, manifest.len, mtime);
	tar_end(&tar);
	flush(&tar);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0))
		die("write: %s", strerror(errno));
	free(tar.p);
	free(layer.p);
	free(manifest.p);
	free(cfg.p);
	return 0;
}
