#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sanitize.h"
#include "tar_walk.h"
#include "xalloc.h"

enum {
	TAR_META_NONE,
	TAR_META_PAX,		/* 'x': records for the next entry */
	TAR_META_LONGNAME,	/* 'L': the next entry's path */
	TAR_META_SKIP,		/* 'g', 'K': read past */
};

#define BLOCK 512

static uint64_t
padded(uint64_t n)
{
	return (n + BLOCK - 1) / BLOCK * BLOCK;
}

void
tar_walk_init(struct tar_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->next_size = -1;
}

void
tar_walk_free(struct tar_walk *w)
{
	sb_free(&w->meta_buf);
	free(w->next_path);
	free(w->path);
	free(w->error);
	w->next_path = w->path = w->error = NULL;
}

/* Go's parseOctal: blanks and NULs around are dropped, empty is 0, anything else than octal
 * digits fails. */
static bool
parse_octal(const unsigned char *b, size_t n, uint64_t *v)
{
	size_t i = 0;
	while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\0'))
		n--;
	while (i < n && (b[i] == ' ' || b[i] == '\0'))
		i++;
	uint64_t x = 0;
	for (; i < n; i++) {
		if (b[i] < '0' || b[i] > '7' || x > (UINT64_MAX >> 3))
			return false;
		x = x << 3 | (uint64_t)(b[i] - '0');
	}
	*v = x;
	return true;
}

/* Go's parseNumeric: base-256 (GNU, star) when the top bit is set; negative numbers fail. */
static bool
parse_numeric(const unsigned char *b, size_t n, uint64_t *v)
{
	if (n == 0 || !(b[0] & 0x80))
		return parse_octal(b, n, v);
	if (b[0] & 0x40)
		return false;
	uint64_t x = b[0] & 0x3f;
	for (size_t i = 1; i < n; i++) {
		if (x > (UINT64_MAX >> 8))
			return false;
		x = x << 8 | b[i];
	}
	if (x > INT64_MAX)
		return false;
	*v = x;
	return true;
}

bool
tar_header_valid(const unsigned char *b)
{
	uint64_t sum = 0;
	int64_t ssum = 0;
	for (size_t i = 0; i < BLOCK; i++) {
		unsigned char c = (i >= 148 && i < 156) ? ' ' : b[i];
		sum += c;
		ssum += (signed char)c;
	}
	uint64_t want;
	if (!parse_octal(b + 148, 8, &want))
		return false;
	return want == sum || (int64_t)want == ssum;
}

static bool
all_zero(const unsigned char *b)
{
	for (size_t i = 0; i < BLOCK; i++)
		if (b[i])
			return false;
	return true;
}

static char *
field(const unsigned char *b, size_t n)
{
	return xstrndup((const char *)b, strnlen((const char *)b, n));
}

/* The path a ustar header names: prefix "/" name for POSIX ustar (131 bytes of prefix for
 * star), name alone for GNU and v7. */
static char *
header_path(const unsigned char *b)
{
	char *name = field(b, 100);
	bool ustar = memcmp(b + 257, "ustar\0", 6) == 0 && memcmp(b + 263, "00", 2) == 0;
	if (!ustar)
		return name;
	bool star = memcmp(b + 508, "tar\0", 4) == 0;
	char *prefix = field(b + 345, star ? 131 : 155);
	if (!*prefix) {
		free(prefix);
		return name;
	}
	char *full = xasprintf("%s/%s", prefix, name);
	free(prefix);
	free(name);
	return full;
}

/* The entry's name as the archive's top sees it: "./manifest.json" and "/manifest.json" are
 * "manifest.json". */
static const char *
top_name(const char *path)
{
	for (;;) {
		if (path[0] == '/')
			path++;
		else if (path[0] == '.' && path[1] == '/')
			path += 2;
		else
			return path;
	}
}

static void
fail(struct tar_walk *w, char *msg, uint64_t at)
{
	w->failed = true;
	w->error = msg;
	w->error_offset = at;
}

static void
fail_header(struct tar_walk *w, uint64_t at)
{
	if (at == 0)
		fail(w, xstrdup(_("not a tar archive")), at);
	else
		fail(w, xasprintf(_("corrupt archive: invalid tar header at byte %llu"),
				  (unsigned long long)at), at);
}

/* pax records "LEN key=value\n" (Go's parsePAX): path and size are what the walk needs. */
static bool
parse_pax(struct tar_walk *w, const char *s, size_t n)
{
	while (n > 0) {
		size_t i = 0, len = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && len < n)
			len = len * 10 + (size_t)(s[i++] - '0');
		if (i == 0 || i >= n || s[i] != ' ' || len <= i + 1 || len > n || s[len - 1] != '\n')
			return false;
		const char *kv = s + i + 1, *end = s + len - 1;
		const char *eq = memchr(kv, '=', (size_t)(end - kv));
		if (!eq || eq == kv)
			return false;
		size_t klen = (size_t)(eq - kv);
		const char *v = eq + 1;
		size_t vlen = (size_t)(end - v);
		if ((klen == 4 && memcmp(kv, "path", 4) == 0)
		    || (klen == 15 && memcmp(kv, "GNU.sparse.name", 15) == 0)) {
			free(w->next_path);
			w->next_path = xstrndup(v, strnlen(v, vlen));
		} else if (klen == 4 && memcmp(kv, "size", 4) == 0) {
			uint64_t size = 0;
			if (vlen == 0 || vlen > 19)
				return false;
			for (size_t k = 0; k < vlen; k++) {
				if (v[k] < '0' || v[k] > '9')
					return false;
				size = size * 10 + (uint64_t)(v[k] - '0');
			}
			w->next_size = (int64_t)size;
		}
		s += len;
		n -= len;
	}
	return true;
}

/* The data of a pax or long-name header is in. */
static bool
end_meta(struct tar_walk *w)
{
	bool ok = true;
	if (w->meta == TAR_META_PAX) {
		ok = parse_pax(w, w->meta_buf.buf ? w->meta_buf.buf : "", w->meta_buf.len);
	} else if (w->meta == TAR_META_LONGNAME) {
		free(w->next_path);
		w->next_path = field((const unsigned char *)(w->meta_buf.buf ? w->meta_buf.buf : ""),
				     w->meta_buf.len);
	}
	w->meta = TAR_META_NONE;
	sb_reset(&w->meta_buf);
	return ok;
}

static bool
header_only(unsigned char t)
{
	return t == '1' || t == '2' || t == '3' || t == '4' || t == '5' || t == '6';
}

/* One complete block where a header is due (w->block). */
static bool
take_block(struct tar_walk *w, uint64_t at, struct strbuf *out)
{
	const unsigned char *b = w->block;
	if (w->sparse_ext) {
		/* old GNU sparse: 21 more map entries, and whether another block follows */
		if (out)
			sb_append(out, b, BLOCK);
		w->sparse_ext = b[504] != 0;
		if (!w->sparse_ext)
			w->left = w->sparse_data;
		return true;
	}
	if (all_zero(b)) {
		if (++w->zeros >= 2)
			w->ended = true;
		return true;
	}
	if (w->zeros || !tar_header_valid(b)) {
		/* Go refuses a zero block followed by anything but another one */
		fail_header(w, w->zeros ? at - BLOCK : at);
		return false;
	}
	uint64_t size;
	if (!parse_numeric(b + 124, 12, &size)) {
		fail_header(w, at);
		return false;
	}
	if (out)
		sb_append(out, b, BLOCK);
	unsigned char type = b[156];
	switch (type) {
	case 'x':
	case 'L':
		if (size > TAR_WALK_META_MAX) {
			fail(w, xasprintf(_("corrupt archive: an extended header of %llu bytes at byte %llu"),
					  (unsigned long long)size, (unsigned long long)at), at);
			return false;
		}
		w->meta = type == 'x' ? TAR_META_PAX : TAR_META_LONGNAME;
		w->meta_left = size;
		w->left = padded(size);
		if (size == 0 && !end_meta(w)) {
			fail_header(w, at);
			return false;
		}
		return true;
	case 'g':
	case 'K':
		w->meta = TAR_META_SKIP;
		w->meta_left = 0;
		w->left = padded(size);
		if (size == 0)
			w->meta = TAR_META_NONE;
		return true;
	default:
		break;
	}
	if (w->next_size >= 0)
		size = (uint64_t)w->next_size;
	free(w->path);
	w->path = w->next_path ? w->next_path : header_path(b);
	w->next_path = NULL;
	w->next_size = -1;
	w->entries++;
	if (type == '0' || type == '\0' || type == '7') {
		const char *top = top_name(w->path);
		if (strcmp(top, "manifest.json") == 0)
			w->manifest = true;
		else if (strcmp(top, "index.json") == 0)
			w->index = true;
	}
	if (header_only(type))
		size = 0;
	if (type == 'S' && b[482]) {
		w->sparse_ext = true;
		w->sparse_data = padded(size);
	} else {
		w->left = padded(size);
	}
	return true;
}

bool
tar_walk_feed(struct tar_walk *w, const void *data, size_t len, struct strbuf *out)
{
	const unsigned char *p = data;
	if (w->failed)
		return false;
	while (len > 0) {
		if (w->ended) {
			w->offset += len;
			return true;
		}
		if (w->left > 0) {
			size_t n = len < w->left ? len : (size_t)w->left;
			if (w->meta == TAR_META_PAX || w->meta == TAR_META_LONGNAME) {
				size_t m = n < w->meta_left ? n : (size_t)w->meta_left;
				sb_append(&w->meta_buf, p, m);
				w->meta_left -= m;
			}
			if (out)
				sb_append(out, p, n);
			w->left -= n;
			w->offset += n;
			p += n;
			len -= n;
			if (w->left == 0 && w->meta != TAR_META_NONE && !end_meta(w)) {
				fail(w, xasprintf(_("corrupt archive: invalid extended header before byte %llu"),
						  (unsigned long long)w->offset), w->offset);
				return false;
			}
			continue;
		}
		size_t n = BLOCK - w->have < len ? BLOCK - w->have : len;
		memcpy(w->block + w->have, p, n);
		w->have += n;
		w->offset += n;
		p += n;
		len -= n;
		if (w->have < BLOCK)
			break;
		if (!take_block(w, w->offset - BLOCK, out))
			return false;
		w->have = 0;
	}
	return true;
}

bool
tar_walk_finish(struct tar_walk *w, bool need_manifest, struct strbuf *out)
{
	if (w->failed)
		return false;
	char *msg = NULL;
	if (w->offset == 0) {
		msg = xstrdup(_("empty archive"));
	} else if (w->have > 0 || w->left > 0 || w->sparse_ext || w->meta != TAR_META_NONE) {
		if (w->entries == 0 && w->have > 0 && w->offset < BLOCK) {
			msg = xstrdup(_("not a tar archive"));
		} else if (w->left > 0 && w->path) {
			char *p = sanitize(w->path);
			msg = xasprintf(_("truncated archive: it ends inside %s"), p);
			free(p);
		} else {
			msg = xasprintf(_("truncated archive: it ends inside a header at byte %llu"),
					(unsigned long long)(w->offset - w->have));
		}
	} else if (w->next_path || w->next_size >= 0) {
		msg = xstrdup(_("truncated archive: it ends after an extended header"));
	} else if (!w->ended && w->zeros == 0) {
		msg = xasprintf(ngettext("truncated archive: no end-of-archive marker after %zu entry",
					 "truncated archive: no end-of-archive marker after %zu entries",
					 (unsigned long)w->entries), w->entries);
	} else if (need_manifest && !w->manifest && !w->index) {
		msg = xstrdup(_("not an image archive: no manifest.json"));
	}
	if (msg) {
		fail(w, msg, w->offset);
		return false;
	}
	if (out) {
		static const unsigned char zeros[2 * BLOCK];
		sb_append(out, zeros, sizeof(zeros));
	}
	return true;
}

const unsigned char *
tar_walk_rejected(const struct tar_walk *w, size_t *len)
{
	*len = w->failed ? w->have : 0;
	return w->block;
}
