#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gojson.h"
#include "jtree.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define NONE UINT32_MAX
#define ELLIPSIS "\xe2\x80\xa6"	/* U+2026 */

/* Every node of the document in document (pre-)order; nodes[0] is the root. A node's subtree
 * is the index range [i, end), so a folded container is skipped in one step. */
struct jnode {
	const cJSON *json;
	uint32_t parent;	/* NONE for the root */
	uint32_t end;		/* one past the last node of its subtree */
	uint32_t nchildren;
	uint32_t index;		/* position among its siblings */
	int32_t depth;		/* -1 for the root */
	bool container;		/* object or array */
	bool expanded;
};

struct jtree {
	cJSON *doc;
	struct jnode *nodes;
	uint32_t nnodes;
	uint32_t *rows;		/* visible rows: node indexes, ascending */
	uint32_t nrows;
	uint32_t *slots;	/* open-addressing map cJSON* -> node index, NONE when empty */
	size_t nslots;		/* a power of two */
};

static size_t
slot_hash(const cJSON *p, size_t nslots)
{
	uint64_t h = (uint64_t)(uintptr_t)p;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h & (nslots - 1);
}

static void
slots_build(struct jtree *t)
{
	size_t n = 16;
	while (n < (size_t)t->nnodes * 2)
		n *= 2;
	t->nslots = n;
	t->slots = xmalloc(n * sizeof(*t->slots));
	memset(t->slots, 0xff, n * sizeof(*t->slots));
	for (uint32_t i = 0; i < t->nnodes; i++) {
		size_t s = slot_hash(t->nodes[i].json, n);
		while (t->slots[s] != NONE)
			s = (s + 1) & (n - 1);
		t->slots[s] = i;
	}
}

static uint32_t
node_index(const struct jtree *t, const cJSON *p)
{
	if (p == NULL || t->nslots == 0)
		return NONE;
	size_t s = slot_hash(p, t->nslots);
	while (t->slots[s] != NONE) {
		if (t->nodes[t->slots[s]].json == p)
			return t->slots[s];
		s = (s + 1) & (t->nslots - 1);
	}
	return NONE;
}

static bool
is_container(const cJSON *c)
{
	return cJSON_IsObject(c) || cJSON_IsArray(c);
}

static uint32_t
node_add(struct jtree *t, size_t *cap, const cJSON *json, uint32_t parent)
{
	if (t->nnodes == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		t->nodes = xrealloc(t->nodes, *cap * sizeof(*t->nodes));
	}
	uint32_t i = t->nnodes++;
	struct jnode *n = &t->nodes[i];
	memset(n, 0, sizeof(*n));
	n->json = json;
	n->parent = parent;
	n->end = i + 1;
	n->container = is_container(json);
	if (parent == NONE) {
		n->depth = -1;
	} else {
		struct jnode *p = &t->nodes[parent];
		n->depth = p->depth + 1;
		n->index = p->nchildren++;
	}
	return i;
}

/* Pre-order walk without recursion: down to the first child, else to the next sibling, else
 * back up until an ancestor has one. */
static void
nodes_build(struct jtree *t)
{
	size_t cap = 0;
	if (t->doc == NULL)
		return;
	node_add(t, &cap, t->doc, NONE);
	uint32_t parent = 0;
	const cJSON *c = t->nodes[0].container ? t->doc->child : NULL;
	for (;;) {
		if (c != NULL) {
			uint32_t i = node_add(t, &cap, c, parent);
			if (t->nodes[i].container && c->child != NULL) {
				parent = i;
				c = c->child;
			} else {
				c = c->next;
			}
			continue;
		}
		t->nodes[parent].end = t->nnodes;
		if (parent == 0)
			break;
		c = t->nodes[parent].json->next;
		parent = t->nodes[parent].parent;
	}
}

static void
rows_rebuild(struct jtree *t)
{
	uint32_t k = 0;
	for (uint32_t i = 1; i < t->nnodes;) {
		t->rows[k++] = i;
		const struct jnode *n = &t->nodes[i];
		i = (n->container && n->expanded) ? i + 1 : n->end;
	}
	t->nrows = k;
}

struct jtree *
jtree_new(cJSON *root)
{
	struct jtree *t = xcalloc(1, sizeof(*t));
	t->doc = root;
	nodes_build(t);
	t->rows = xmalloc(((size_t)t->nnodes + 1) * sizeof(*t->rows));
	slots_build(t);
	rows_rebuild(t);
	return t;
}

void
jtree_free(struct jtree *t)
{
	if (t == NULL)
		return;
	cJSON_Delete(t->doc);
	free(t->nodes);
	free(t->rows);
	free(t->slots);
	free(t);
}

const cJSON *
jtree_doc(const struct jtree *t)
{
	return t->doc;
}

size_t
jtree_count(const struct jtree *t)
{
	return t->nrows;
}

static const struct jnode *
row_node(const struct jtree *t, size_t row)
{
	return row < t->nrows ? &t->nodes[t->rows[row]] : NULL;
}

static enum jtree_kind
kind_of(const cJSON *c)
{
	if (cJSON_IsObject(c))
		return JTREE_OBJECT;
	if (cJSON_IsArray(c))
		return JTREE_ARRAY;
	if (cJSON_IsString(c))
		return JTREE_STRING;
	if (cJSON_IsNumber(c))
		return JTREE_NUMBER;
	if (cJSON_IsBool(c))
		return JTREE_BOOL;
	return JTREE_NULL;
}

/* The key of node n when its parent is an object, else NULL. */
static const char *
node_key(const struct jtree *t, const struct jnode *n)
{
	if (n->parent == NONE || !cJSON_IsObject(t->nodes[n->parent].json))
		return NULL;
	return n->json->string ? n->json->string : "";
}

bool
jtree_row(const struct jtree *t, size_t row, struct jtree_row *out)
{
	const struct jnode *n = row_node(t, row);
	if (n == NULL)
		return false;
	out->node = n->json;
	out->depth = n->depth;
	out->kind = kind_of(n->json);
	out->nchildren = n->nchildren;
	out->expanded = n->container && n->nchildren > 0 && n->expanded;
	out->key = node_key(t, n);
	out->index = n->index;
	return true;
}

const cJSON *
jtree_node(const struct jtree *t, size_t row)
{
	const struct jnode *n = row_node(t, row);
	return n ? n->json : NULL;
}

char *
jtree_label(const struct jtree *t, size_t row)
{
	const struct jnode *n = row_node(t, row);
	if (n == NULL)
		return NULL;
	const char *key = node_key(t, n);
	return key ? xstrdup(key) : xasprintf("[%u]", (unsigned)n->index);
}

/* Text of a scalar as the tree shows it; strings cut to `max` bytes (0: never). */
static void
scalar_text(struct strbuf *sb, const cJSON *c, size_t max)
{
	if (cJSON_IsString(c)) {
		const char *s = c->valuestring ? c->valuestring : "";
		size_t len = strlen(s);
		if (max == 0 || len <= max) {
			gojson_string(sb, s, len);
			return;
		}
		size_t cut = max;
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		gojson_string(sb, s, cut);
		sb->buf[--sb->len] = '\0';	/* the closing quote */
		sb_puts(sb, ELLIPSIS "\"");
	} else if (cJSON_IsNumber(c)) {
		gojson_number(sb, c->valuedouble);
	} else if (cJSON_IsTrue(c)) {
		sb_puts(sb, "true");
	} else if (cJSON_IsFalse(c)) {
		sb_puts(sb, "false");
	} else {
		sb_puts(sb, "null");
	}
}

char *
jtree_value_text(const struct jtree *t, size_t row)
{
	const struct jnode *n = row_node(t, row);
	if (n == NULL)
		return NULL;
	bool obj = cJSON_IsObject(n->json);
	if (n->container) {
		if (n->nchildren == 0)
			return xstrdup(obj ? "{}" : "[]");
		if (n->expanded)
			return xstrdup("");
		return xasprintf(obj ? "{%u}" : "[%u]", (unsigned)n->nchildren);
	}
	struct strbuf sb = STRBUF_INIT;
	scalar_text(&sb, n->json, JTREE_TEXT_MAX);
	return sb_detach(&sb);
}

static bool
set_expanded(struct jtree *t, size_t row, bool on)
{
	if (row >= t->nrows)
		return false;
	struct jnode *n = &t->nodes[t->rows[row]];
	if (!n->container || n->nchildren == 0 || n->expanded == on)
		return false;
	n->expanded = on;
	rows_rebuild(t);
	return true;
}

bool
jtree_expand(struct jtree *t, size_t row)
{
	return set_expanded(t, row, true);
}

bool
jtree_collapse(struct jtree *t, size_t row)
{
	return set_expanded(t, row, false);
}

bool
jtree_toggle(struct jtree *t, size_t row)
{
	const struct jnode *n = row_node(t, row);
	return n && set_expanded(t, row, !n->expanded);
}

bool
jtree_expand_subtree(struct jtree *t, size_t row)
{
	if (row >= t->nrows)
		return false;
	uint32_t first = t->rows[row];
	bool changed = false;
	for (uint32_t i = first; i < t->nodes[first].end; i++) {
		struct jnode *n = &t->nodes[i];
		if (n->container && n->nchildren > 0 && !n->expanded) {
			n->expanded = true;
			changed = true;
		}
	}
	if (changed)
		rows_rebuild(t);
	return changed;
}

void
jtree_expand_all(struct jtree *t)
{
	for (uint32_t i = 1; i < t->nnodes; i++)
		t->nodes[i].expanded = t->nodes[i].container;
	rows_rebuild(t);
}

void
jtree_collapse_all(struct jtree *t)
{
	for (uint32_t i = 1; i < t->nnodes; i++)
		t->nodes[i].expanded = false;
	rows_rebuild(t);
}

/* Row of node index i if visible (rows are ascending node indexes). */
static bool
row_of_index(const struct jtree *t, uint32_t i, size_t *row)
{
	size_t lo = 0, hi = t->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->rows[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nrows && t->rows[lo] == i) {
		*row = lo;
		return true;
	}
	return false;
}

bool
jtree_parent(const struct jtree *t, size_t row, size_t *parent)
{
	const struct jnode *n = row_node(t, row);
	if (n == NULL || n->depth == 0)
		return false;
	return row_of_index(t, n->parent, parent);
}

bool
jtree_find_row(const struct jtree *t, const cJSON *node, size_t *row)
{
	uint32_t i = node_index(t, node);
	return i != NONE && i != 0 && row_of_index(t, i, row);
}

static bool
reveal_index(struct jtree *t, uint32_t i, size_t *row)
{
	bool changed = false;
	for (uint32_t p = t->nodes[i].parent; p != 0 && p != NONE; p = t->nodes[p].parent) {
		if (!t->nodes[p].expanded) {
			t->nodes[p].expanded = true;
			changed = true;
		}
	}
	if (changed)
		rows_rebuild(t);
	return row_of_index(t, i, row);
}

bool
jtree_reveal(struct jtree *t, const cJSON *node, size_t *row)
{
	uint32_t i = node_index(t, node);
	if (i == NONE || i == 0)
		return false;
	return reveal_index(t, i, row);
}

static unsigned char
ascii_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* needle is already lowercase. */
static bool
contains_nocase(const char *hay, const char *needle, size_t nlen)
{
	unsigned char first = (unsigned char)needle[0];
	for (const char *h = hay; *h; h++) {
		if (ascii_lower((unsigned char)*h) != first)
			continue;
		size_t k = 1;
		while (k < nlen && h[k] && ascii_lower((unsigned char)h[k]) == (unsigned char)needle[k])
			k++;
		if (k == nlen)
			return true;
	}
	return false;
}

static bool
node_matches(const struct jtree *t, const struct jnode *n, const char *needle, size_t nlen)
{
	const char *key = node_key(t, n);
	if (key && contains_nocase(key, needle, nlen))
		return true;
	if (n->container)
		return false;
	if (cJSON_IsString(n->json))
		return contains_nocase(n->json->valuestring ? n->json->valuestring : "", needle, nlen);
	struct strbuf sb = STRBUF_INIT;
	scalar_text(&sb, n->json, 0);
	bool hit = contains_nocase(sb.buf, needle, nlen);
	sb_free(&sb);
	return hit;
}

bool
jtree_search(struct jtree *t, size_t from, const char *needle, bool forward, size_t *row)
{
	if (needle == NULL || needle[0] == '\0' || t->nnodes < 2)
		return false;
	size_t nlen = strlen(needle);
	char *low = xstrdup(needle);
	for (size_t k = 0; k < nlen; k++)
		low[k] = (char)ascii_lower((unsigned char)low[k]);
	/* Candidates are node indexes 1..m; start is where the walk begins (tried last). */
	uint32_t m = t->nnodes - 1;
	uint32_t start;
	if (from < t->nrows)
		start = t->rows[from];
	else
		start = forward ? m : 1;
	bool found = false;
	uint32_t i = start;
	for (uint32_t step = 0; step < m; step++) {
		if (forward)
			i = (i == m) ? 1 : i + 1;
		else
			i = (i == 1) ? m : i - 1;
		if (node_matches(t, &t->nodes[i], low, nlen)) {
			found = true;
			break;
		}
	}
	free(low);
	return found && reveal_index(t, i, row);
}

size_t
jtree_search_count(const struct jtree *t, size_t row, const char *needle, size_t *index)
{
	*index = 0;
	if (needle == NULL || needle[0] == '\0' || t->nnodes < 2)
		return 0;
	size_t nlen = strlen(needle);
	char *low = xstrdup(needle);
	for (size_t k = 0; k < nlen; k++)
		low[k] = (char)ascii_lower((unsigned char)low[k]);
	uint32_t at = row < t->nrows ? t->rows[row] : 0;
	size_t n = 0;
	for (uint32_t i = 1; i < t->nnodes; i++) {
		if (!node_matches(t, &t->nodes[i], low, nlen))
			continue;
		n++;
		if (i == at)
			*index = n;
	}
	free(low);
	return n;
}

static bool
is_go_identifier(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

/* A Go interpreted string literal that reads back to the bytes of s. */
static void
go_quote(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s);
	sb_putc(sb, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n;
		if (c == '"' || c == '\\') {
			sb_putc(sb, '\\');
			sb_putc(sb, (char)c);
			n = 1;
		} else if (c == '\n') {
			sb_puts(sb, "\\n");
			n = 1;
		} else if (c == '\t') {
			sb_puts(sb, "\\t");
			n = 1;
		} else if (c == '\r') {
			sb_puts(sb, "\\r");
			n = 1;
		} else if (c < 0x20 || c == 0x7f) {
			sb_printf(sb, "\\x%02x", c);
			n = 1;
		} else if (c < 0x80) {
			sb_putc(sb, (char)c);
			n = 1;
		} else if ((n = utf8_decode(s + i, len - i, &cp)) != 0) {
			sb_append(sb, s + i, n);
		} else {
			sb_printf(sb, "\\x%02x", c);
			n = 1;
		}
		i += n;
	}
	sb_putc(sb, '"');
}

static char *
path_of_index(const struct jtree *t, uint32_t idx)
{
	/* The chain of nodes from a depth-0 node down to idx. */
	size_t depth = 0;
	for (uint32_t p = idx; p != 0; p = t->nodes[p].parent)
		depth++;
	uint32_t *chain = depth ? xcalloc(depth, sizeof(*chain)) : NULL;
	size_t k = depth;
	for (uint32_t p = idx; p != 0; p = t->nodes[p].parent)
		chain[--k] = p;

	struct strbuf base = STRBUF_INIT;	/* operand so far; empty means "." */
	struct strbuf args = STRBUF_INIT;	/* pending arguments of index */
	for (k = 0; k < depth; k++) {
		const struct jnode *n = &t->nodes[chain[k]];
		const char *key = node_key(t, n);
		if (key && is_go_identifier(key)) {
			if (args.len) {
				char *inner = xasprintf("(index %s%s)", base.len ? base.buf : ".", args.buf);
				sb_reset(&base);
				sb_puts(&base, inner);
				free(inner);
				sb_reset(&args);
			}
			sb_putc(&base, '.');
			sb_puts(&base, key);
		} else if (key) {
			sb_putc(&args, ' ');
			go_quote(&args, key);
		} else {
			sb_printf(&args, " %u", (unsigned)n->index);
		}
	}
	free(chain);
	char *out;
	if (args.len)
		out = xasprintf("{{index %s%s}}", base.len ? base.buf : ".", args.buf);
	else
		out = xasprintf("{{%s}}", base.len ? base.buf : ".");
	sb_free(&base);
	sb_free(&args);
	return out;
}

char *
jtree_path(const struct jtree *t, size_t row)
{
	return row < t->nrows ? path_of_index(t, t->rows[row]) : NULL;
}

char *
jtree_node_path(const struct jtree *t, const cJSON *node)
{
	uint32_t i = node_index(t, node);
	return i == NONE ? NULL : path_of_index(t, i);
}

char *
jtree_value_json(const struct jtree *t, size_t row)
{
	const struct jnode *n = row_node(t, row);
	if (n == NULL)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	gojson_value(&sb, n->json, false);
	return sb_detach(&sb);
}
