#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "container_format.h"
#include "format.h"
#include "reference.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

static const char ELLIPSIS[] = "\xe2\x80\xa6";	/* U+2026 */
#define REPLACEMENT 0xfffdu

/* ---- Go's strconv.Quote ------------------------------------------------------ */

/* Go's unicode.IsPrint for cp >= 0x80, near enough: the C library's iswprint, minus what Go
 * leaves out and glibc lets in (spaces other than U+0020, format characters, private use). */
static bool
go_is_print(uint32_t cp)
{
	static const struct {
		uint32_t lo, hi;
	} not_print[] = {
		{ 0x80, 0xa0 }, { 0xad, 0xad }, { 0x600, 0x605 }, { 0x61c, 0x61c }, { 0x6dd, 0x6dd },
		{ 0x70f, 0x70f }, { 0x1680, 0x1680 }, { 0x180e, 0x180e }, { 0x2000, 0x200f },
		{ 0x2028, 0x202f }, { 0x205f, 0x2064 }, { 0x2066, 0x206f }, { 0x3000, 0x3000 },
		{ 0xd800, 0xf8ff }, { 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
		{ 0x1d173, 0x1d17a }, { 0xe0001, 0xe007f }, { 0xf0000, 0x10ffff },
	};
	for (size_t i = 0; i < sizeof(not_print) / sizeof(not_print[0]); i++)
		if (cp >= not_print[i].lo && cp <= not_print[i].hi)
			return false;
	if ((cp & 0xfffe) == 0xfffe)
		return false;
	return iswprint((wint_t)cp) != 0;
}

void
container_go_quote(struct strbuf *sb, const char *s, size_t len)
{
	sb_putc(sb, '"');
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			switch (c) {
			case '"': sb_puts(sb, "\\\""); continue;
			case '\\': sb_puts(sb, "\\\\"); continue;
			case '\a': sb_puts(sb, "\\a"); continue;
			case '\b': sb_puts(sb, "\\b"); continue;
			case '\f': sb_puts(sb, "\\f"); continue;
			case '\n': sb_puts(sb, "\\n"); continue;
			case '\r': sb_puts(sb, "\\r"); continue;
			case '\t': sb_puts(sb, "\\t"); continue;
			case '\v': sb_puts(sb, "\\v"); continue;
			default: break;
			}
			if (c < 0x20 || c == 0x7f)
				sb_printf(sb, "\\x%02x", c);
			else
				sb_putc(sb, (char)c);
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			sb_printf(sb, "\\x%02x", c);
			i++;
			continue;
		}
		if (go_is_print(cp))
			sb_append(sb, s + i, n);
		else if (cp < 0x10000)
			sb_printf(sb, "\\u%04x", (unsigned)cp);
		else
			sb_printf(sb, "\\U%08x", (unsigned)cp);
		i += n;
	}
	sb_putc(sb, '"');
}

/* ---- COMMAND ------------------------------------------------------------------- */

/* go-runewidth's RuneWidth: controls take no column, wide characters two. */
static int
rune_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x7f)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* docker's Ellipsis(s, max) for max >= 2, over Go's []rune(s): an invalid byte is one rune,
 * U+FFFD once cut and re-encoded. */
static char *
go_ellipsis(const char *s, int max)
{
	size_t len = strlen(s), nrunes = 0;
	for (size_t i = 0; i < len; nrunes++) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
	}
	/* The CLI's fast path: as many bytes as runes. */
	if (nrunes == len) {
		if (len <= (size_t)max)
			return xstrdup(s);
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < (size_t)max - 1; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c < 0x80)
				sb_putc(&sb, (char)c);
			else
				utf8_encode(&sb, REPLACEMENT);
		}
		sb_puts(&sb, ELLIPSIS);
		return sb_detach(&sb);
	}
	int total = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		total += n ? rune_width(cp) : rune_width(REPLACEMENT);
		i += n ? n : 1;
	}
	if (total <= max)
		return xstrdup(s);
	/* The longest run of runes whose width stays within max-1 (zero-width ones kept). */
	struct strbuf sb = STRBUF_INIT;
	int col = 0;
	size_t taken = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			cp = REPLACEMENT;
		int w = rune_width(cp);
		if (col + w > max - 1)
			break;
		col += w;
		utf8_encode(&sb, cp);
		taken++;
		i += n ? n : 1;
	}
	if (taken == 0) {
		/* Go finds no place to cut and keeps s whole. */
		sb_free(&sb);
		return xstrdup(s);
	}
	sb_puts(&sb, ELLIPSIS);
	return sb_detach(&sb);
}

char *
container_format_command(const char *raw, bool trunc)
{
	if (!raw)
		raw = "";
	struct strbuf sb = STRBUF_INIT;
	if (trunc) {
		char *cut = go_ellipsis(raw, CONTAINER_COMMAND_WIDTH);
		container_go_quote(&sb, cut, strlen(cut));
		free(cut);
	} else {
		container_go_quote(&sb, raw, strlen(raw));
	}
	return sb_detach(&sb);
}

/* ---- IMAGE ----------------------------------------------------------------------- */

/* stringid.TruncateID: after the first ':', at most 12 bytes. */
static void
truncate_id(char *buf, size_t n, const char *id)
{
	const char *colon = strchr(id, ':');
	if (colon)
		id = colon + 1;
	size_t len = strlen(id);
	if (len > 12)
		len = 12;
	if (len >= n)
		len = n - 1;
	memcpy(buf, id, len);
	buf[len] = '\0';
}

char *
container_format_image(const char *image, const char *image_id)
{
	if (!image || !*image)
		return xstrdup("<no image>");
	char a[16], b[16];
	truncate_id(a, sizeof(a), image_id ? image_id : "");
	truncate_id(b, sizeof(b), image);
	if (strcmp(a, b) == 0)
		return xstrdup(b);
	struct reference ref;
	if (reference_parse(image, &ref) != REF_OK)
		return xstrdup(image);
	char *name = reference_familiar_name(&ref);
	char *out = ref.tag ? xasprintf("%s:%s", name, ref.tag) : xstrdup(name);
	free(name);
	reference_free(&ref);
	return out;
}

/* ---- PORTS --------------------------------------------------------------------------- */

static int
cmp_port(const void *pa, const void *pb)
{
	const struct container_port *a = *(const struct container_port *const *)pa;
	const struct container_port *b = *(const struct container_port *const *)pb;
	if (a->private_port != b->private_port)
		return a->private_port < b->private_port ? -1 : 1;
	int c = strcmp(a->ip, b->ip);
	if (c)
		return c;
	if (a->public_port != b->public_port)
		return a->public_port < b->public_port ? -1 : 1;
	return strcmp(a->type, b->type);
}

struct port_group {
	const char *ip;		/* NULL: exposed only */
	const char *type;
	uint16_t first, last;
};

static void
put_item(struct strbuf *sb, bool *first)
{
	if (!*first)
		sb_puts(sb, ", ");
	*first = false;
}

/* formGroup: "80/tcp", "9000-9001/udp", "1.2.3.4:80-81->80-81/tcp". */
static void
put_group(struct strbuf *sb, bool *first, const struct port_group *g)
{
	put_item(sb, first);
	char range[16];
	if (g->first != g->last)
		snprintf(range, sizeof(range), "%u-%u", g->first, g->last);
	else
		snprintf(range, sizeof(range), "%u", g->first);
	if (g->ip)
		sb_printf(sb, "%s:%s->%s/%s", g->ip, range, range, g->type);
	else
		sb_printf(sb, "%s/%s", range, g->type);
}

static bool
same_key(const struct port_group *g, const struct container_port *p)
{
	bool ip = *p->ip != '\0';
	if ((g->ip != NULL) != ip)
		return false;
	return strcmp(g->type, p->type) == 0 && (!ip || strcmp(g->ip, p->ip) == 0);
}

char *
container_format_ports(const struct container_port *ports, size_t n)
{
	if (n == 0)
		return xstrdup("");
	const struct container_port **v = xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = &ports[i];
	qsort(v, n, sizeof(*v), cmp_port);
	/* Groups in the order their keys first appear; a group that breaks is written out at
	 * once and its key starts again in the same slot, as the CLI's map does. */
	struct port_group *groups = xcalloc(n, sizeof(*groups));
	size_t ngroups = 0;
	struct strbuf out = STRBUF_INIT, maps = STRBUF_INIT;
	bool first = true, first_map = true;
	for (size_t i = 0; i < n; i++) {
		const struct container_port *p = v[i];
		uint16_t cur = (uint16_t)p->private_port;
		if (*p->ip && p->public_port != p->private_port) {
			/* 20.10 writes "%s:%d": no brackets around an IPv6 address. */
			put_item(&maps, &first_map);
			sb_printf(&maps, "%s:%d->%d/%s", p->ip, p->public_port, p->private_port, p->type);
			continue;
		}
		struct port_group *g = NULL;
		for (size_t k = 0; k < ngroups; k++)
			if (same_key(&groups[k], p))
				g = &groups[k];
		if (!g) {
			g = &groups[ngroups++];
			g->ip = *p->ip ? p->ip : NULL;
			g->type = p->type;
			g->first = g->last = cur;
			continue;
		}
		if (cur == (uint16_t)(g->last + 1)) {
			g->last = cur;
			continue;
		}
		put_group(&out, &first, g);
		g->first = g->last = cur;
	}
	for (size_t k = 0; k < ngroups; k++)
		put_group(&out, &first, &groups[k]);
	if (maps.len) {
		put_item(&out, &first);
		sb_puts(&out, maps.buf);
	}
	sb_free(&maps);
	free(groups);
	free(v);
	return sb_detach(&out);
}
