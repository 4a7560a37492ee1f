#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "view.h"
#include "xalloc.h"

/* The tables the config file rebound: each a heap copy of its rows, found by the original. */
struct rebound {
	const struct keytable *t;
	struct view_key *rows;
	size_t n;
};

static struct rebound *rebound;
static size_t nrebound;

const struct view_key *
keytable_rows(const struct keytable *t, size_t *n)
{
	for (size_t i = 0; i < nrebound; i++) {
		if (rebound[i].t == t) {
			*n = rebound[i].n;
			return rebound[i].rows;
		}
	}
	*n = t->n;
	return t->rows;
}

void
keytable_bind(const struct keytable *t, int key, const struct view_key *row)
{
	struct rebound *r = NULL;
	for (size_t i = 0; i < nrebound && !r; i++)
		if (rebound[i].t == t)
			r = &rebound[i];
	if (!r) {
		rebound = xrealloc(rebound, (nrebound + 1) * sizeof(*rebound));
		r = &rebound[nrebound++];
		r->t = t;
		r->n = t->n;
		r->rows = xmalloc((t->n + 1) * sizeof(*r->rows));
		memcpy(r->rows, t->rows, t->n * sizeof(*r->rows));
	}
	/* The key's old rows go; the row it reaches now comes last, so the defaults keep their
	 * order in the help. */
	size_t k = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->rows[i].key != key)
			r->rows[k++] = r->rows[i];
	r->n = k;
	r->rows = xrealloc(r->rows, (r->n + 1) * sizeof(*r->rows));
	struct view_key *added = &r->rows[r->n++];
	if (row)
		*added = *row;
	else
		*added = (struct view_key){ .req = REQ_NONE };
	added->key = key;
}

void
keytable_reset(void)
{
	for (size_t i = 0; i < nrebound; i++)
		free(rebound[i].rows);
	free(rebound);
	rebound = NULL;
	nrebound = 0;
}

void
view_init(struct view *v, const struct view_ops *ops, struct app *app)
{
	memset(v, 0, sizeof(*v));
	v->ops = ops;
	v->app = app;
}

void
view_close(struct view *v)
{
	if (!v)
		return;
	for (int i = 0; i < VIEW_SLOTS; i++)
		fetch_cancel(&v->slot[i]);
	v->ops->free(v);
}

bool
view_uses(const struct view *v, const struct keytable *t)
{
	return !v->ops->uses || v->ops->uses(v, t);
}

/* Calls fn on each row of the tables v uses now, most specific first, until fn says stop. */
#define FOR_EACH_ROW(v, row)                                                          \
	for (const struct keytable *const *t_ = (v)->ops->tables; t_ && *t_; t_++)    \
		if (view_uses((v), *t_))                                              \
			for (size_t n_, i_ = 0; i_ == 0; i_ = 1)                      \
				for (const struct view_key *r0_ = keytable_rows(*t_, &n_), \
				     *row = r0_; row < r0_ + n_; row++)

const struct view_key *
view_row_for(struct view *v, enum request req)
{
	if (req == REQ_NONE)
		return NULL;
	FOR_EACH_ROW(v, row)
		if (row->key == 0 && row->req == req)
			return row;
	return NULL;
}

static const struct view_key *
own_row(struct view *v, int key)
{
	FOR_EACH_ROW(v, row)
		if (row->key == key)
			return row;
	return NULL;
}

void
view_resolve(struct view *v, int key, const struct view_key **row, enum request *req)
{
	const struct view_key *r = key ? own_row(v, key) : NULL;
	if (r) {
		*req = r->req;
		*row = r->fn ? r : view_row_for(v, r->req);
		return;
	}
	*req = keymap_request(key);
	*row = view_row_for(v, *req);
}

bool
view_key_free(struct view *v, int key)
{
	return own_row(v, key) == NULL;
}

static void
append_key(char *buf, size_t n, size_t *used, int key)
{
	char name[32];
	keymap_key_name(key, name, sizeof(name));
	/* Once per name: Enter has three codes. */
	size_t len = strlen(name);
	for (const char *p = buf; (p = strstr(p, name)) != NULL; p += len)
		if ((p == buf || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
			return;
	int w = snprintf(buf + *used, n - *used, "%s%s", *used ? ", " : "", name);
	if (w > 0 && (size_t)w < n - *used)
		*used += (size_t)w;
}

void
view_row_keys(struct view *v, const struct view_key *row, char *buf, size_t n)
{
	size_t used = strlen(buf);
	if (row->key) {
		append_key(buf, n, &used, row->key);
		return;
	}
	/* The generic keys of the request that v leaves alone, then v's own keys for it (q). */
	size_t nb;
	const struct keybinding *b = keymap_table(&nb);
	for (size_t i = 0; i < nb; i++)
		if (b[i].key && b[i].req == row->req && !keymap_key_is_alias(b[i].key) && view_key_free(v, b[i].key))
			append_key(buf, n, &used, b[i].key);
	FOR_EACH_ROW(v, r)
		if (r->key && !r->fn && r->req == row->req)
			append_key(buf, n, &used, r->key);
}

/* Keeps the first of "j, Down". */
static void
first_key(char *buf)
{
	char *comma = strstr(buf, ", ");
	if (comma)
		*comma = '\0';
}

void
view_request_key(struct view *v, enum request req, char *buf, size_t n)
{
	struct view_key row = { .req = req };
	buf[0] = '\0';
	view_row_keys(v, &row, buf, n);
	first_key(buf);
}

void
view_request_word(struct view *v, enum request req, char *buf, size_t n)
{
	view_request_key(v, req, buf, n);
	if (!buf[0])
		keymap_request_name(req, buf, n);
}

void
view_named_key(struct view *v, const char *name, char *buf, size_t n)
{
	buf[0] = '\0';
	FOR_EACH_ROW(v, row) {
		if (row->key && row->fn && row->name && strcmp(row->name, name) == 0 && own_row(v, row->key) == row) {
			keymap_key_name(row->key, buf, n);
			return;
		}
	}
	snprintf(buf, n, "%s", name);
}

void
keytable_key_of(const struct keytable *t, const char *name, char *buf, size_t n)
{
	size_t nrows;
	const struct view_key *rows = keytable_rows(t, &nrows);
	buf[0] = '\0';
	for (size_t i = 0; i < nrows; i++) {
		if (rows[i].key && rows[i].name && strcmp(rows[i].name, name) == 0) {
			keymap_key_name(rows[i].key, buf, n);
			return;
		}
	}
	snprintf(buf, n, "%s", name);
}

void
view_key_of(struct view *v, view_cmd_fn fn, char *buf, size_t n)
{
	buf[0] = '\0';
	FOR_EACH_ROW(v, row) {
		if (row->fn != fn)
			continue;
		char keys[64] = "";
		view_row_keys(v, row, keys, sizeof(keys));
		if (!keys[0])
			continue;
		first_key(keys);
		snprintf(buf, n, "%s", keys);
		return;
	}
}

void
view_hints(struct view *v, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	FOR_EACH_ROW(v, row) {
		if (!row->hint)
			continue;
		char key[64];
		view_key_of(v, row->fn, key, sizeof(key));
		if (!key[0])
			continue;
		int w = snprintf(buf + used, n - used, "%s%s %s", used ? ", " : "", key, _(row->hint));
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}
