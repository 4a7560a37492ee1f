#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "container_rows.h"
#include "container_status.h"
#include "format.h"
#include "i18n.h"
#include "xalloc.h"

const char *
container_column_title(enum container_column col)
{
	static const char *const titles[CONTAINER_COL_COUNT] = {
		[CONTAINER_COL_ID] = N_("CONTAINER ID"),
		[CONTAINER_COL_IMAGE] = N_("IMAGE"),
		[CONTAINER_COL_COMMAND] = N_("COMMAND"),
		[CONTAINER_COL_CREATED] = N_("CREATED"),
		[CONTAINER_COL_STATUS] = N_("STATUS"),
		[CONTAINER_COL_PORTS] = N_("PORTS"),
		[CONTAINER_COL_NAMES] = N_("NAMES"),
		[CONTAINER_COL_SIZE] = N_("SIZE"),
	};
	if ((unsigned)col >= CONTAINER_COL_COUNT)
		return "";
	return _(titles[col]);
}

const char *
container_cell(const struct container *c, enum container_column col, bool no_trunc, int64_t now,
	       char *buf, size_t n)
{
	if (n > 0)
		buf[0] = '\0';
	switch (col) {
	case CONTAINER_COL_ID:
		if (no_trunc)
			return c->id;
		format_short_id(buf, n, c->id);
		return buf;
	case CONTAINER_COL_IMAGE:
		if (!no_trunc)
			return c->image_short;
		return *c->image ? c->image : "<no image>";
	case CONTAINER_COL_COMMAND:
		return no_trunc ? c->command_quoted : c->command_short;
	case CONTAINER_COL_CREATED:
		format_created(buf, n, now, c->created);
		return buf;
	case CONTAINER_COL_STATUS:
		/* its age follows the clock, as CREATED's does */
		return container_status_at(c->status, c->status_at, now, buf, n, NULL);
	case CONTAINER_COL_PORTS:
		return c->ports_text;
	case CONTAINER_COL_NAMES:
		/* The CLI keeps the first name without '/'; when every name has one, all of them. */
		if (no_trunc || strchr(c->name, '/'))
			return c->names_joined;
		return c->name;
	case CONTAINER_COL_SIZE: {
		if (!c->has_size)
			return "";
		char rw[32], root[32];
		format_size(rw, sizeof(rw), c->size_rw);
		if (c->size_root_fs <= 0) {
			snprintf(buf, n, "%s", rw);
			return buf;
		}
		format_size(root, sizeof(root), c->size_root_fs);
		/* TRANSLATORS: the SIZE column of `docker container ls -s`: the container's own
		 * layer, then with its image. */
		snprintf(buf, n, _("%s (virtual %s)"), rw, root);
		return buf;
	}
	case CONTAINER_COL_COUNT:
		break;
	}
	return "";
}

size_t
container_rows_build(const struct container_list *list, struct container_row **rows)
{
	size_t n = list->ncontainers;
	struct container_row *r = xcalloc(n ? n : 1, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		r[i].container = &list->containers[i];
		r[i].order = (uint32_t)i;
	}
	*rows = r;
	return n;
}

/* ---- sorting and filtering ----------------------------------------------------- */

static int
cmp_order(const struct container_row *a, const struct container_row *b)
{
	return (a->order > b->order) - (a->order < b->order);
}

/* Names are unique, so with the order last, rows never swap on a reload. */
static int
cmp_name_then(const struct container_row *a, const struct container_row *b)
{
	int c = strcmp(a->container->name, b->container->name);
	return c ? c : cmp_order(a, b);
}

/* Within one second, the engine's own order (it sorts by the exact creation time, which the
 * list rounds to seconds): the rows are `docker container ls -a` line for line, and the first
 * page the engine sends (limit=N) is exactly their top. */
static int
cmp_created_rows(const struct container_row *a, const struct container_row *b)
{
	if (a->container->created != b->container->created)
		return a->container->created > b->container->created ? -1 : 1;
	return cmp_order(a, b);
}

static int
cmp_created(const void *pa, const void *pb)
{
	return cmp_created_rows(pa, pb);
}

static int
cmp_name(const void *pa, const void *pb)
{
	return cmp_name_then(pa, pb);
}

static int
cmp_image(const void *pa, const void *pb)
{
	const struct container_row *a = pa, *b = pb;
	int c = strcmp(a->container->image_short, b->container->image_short);
	return c ? c : cmp_name_then(a, b);
}

static int
state_rank(const char *state)
{
	static const char *const order[] = {
		"running", "paused", "restarting", "removing", "created", "exited", "dead",
	};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(state, order[i]) == 0)
			return (int)i;
	return (int)(sizeof(order) / sizeof(order[0]));
}

static int
cmp_status(const void *pa, const void *pb)
{
	const struct container_row *a = pa, *b = pb;
	int ra = state_rank(a->container->state), rb = state_rank(b->container->state);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return cmp_created_rows(a, b);
}

static int
cmp_id(const void *pa, const void *pb)
{
	const struct container_row *a = pa, *b = pb;
	int c = strcmp(a->container->id, b->container->id);
	return c ? c : cmp_order(a, b);
}

static int
cmp_command(const void *pa, const void *pb)
{
	const struct container_row *a = pa, *b = pb;
	int c = strcmp(a->container->command, b->container->command);
	return c ? c : cmp_name_then(a, b);
}

static int
cmp_ports(const void *pa, const void *pb)
{
	const struct container_row *a = pa, *b = pb;
	int c = strcmp(a->container->ports_text, b->container->ports_text);
	return c ? c : cmp_name_then(a, b);
}

void
container_rows_sort_dir(struct container_row *rows, size_t n, enum container_sort sort, bool reverse)
{
	static int (*const cmp[CONTAINER_SORT_COUNT])(const void *, const void *) = {
		[CONTAINER_SORT_CREATED] = cmp_created,
		[CONTAINER_SORT_NAME] = cmp_name,
		[CONTAINER_SORT_IMAGE] = cmp_image,
		[CONTAINER_SORT_STATUS] = cmp_status,
		[CONTAINER_SORT_ID] = cmp_id,
		[CONTAINER_SORT_COMMAND] = cmp_command,
		[CONTAINER_SORT_PORTS] = cmp_ports,
	};
	if (n < 2 || (unsigned)sort >= CONTAINER_SORT_COUNT)
		return;
	qsort(rows, n, sizeof(*rows), cmp[sort]);
	for (size_t i = 0; reverse && i < n / 2; i++) {
		struct container_row t = rows[i];
		rows[i] = rows[n - 1 - i];
		rows[n - 1 - i] = t;
	}
}

void
container_rows_sort(struct container_row *rows, size_t n, enum container_sort sort)
{
	container_rows_sort_dir(rows, n, sort, false);
}

const char *
container_sort_name(enum container_sort sort)
{
	static const char *const names[CONTAINER_SORT_COUNT] = {
		[CONTAINER_SORT_CREATED] = N_("created"),
		[CONTAINER_SORT_NAME] = N_("name"),
		[CONTAINER_SORT_IMAGE] = N_("image"),
		[CONTAINER_SORT_STATUS] = N_("status"),
		[CONTAINER_SORT_ID] = N_("container ID"),
		[CONTAINER_SORT_COMMAND] = N_("command"),
		[CONTAINER_SORT_PORTS] = N_("ports"),
	};
	if ((unsigned)sort >= CONTAINER_SORT_COUNT)
		return "";
	return _(names[sort]);
}

bool
container_row_matches(const struct container_row *row, const char *needle)
{
	if (!needle || !*needle)
		return true;
	const struct container *c = row->container;
	/* names_joined holds every name; the full ID holds the short one. */
	return strcasestr(c->id, needle) || strcasestr(c->names_joined, needle) ||
	       strcasestr(c->image, needle) || strcasestr(c->image_short, needle) ||
	       strcasestr(c->command, needle);
}
