#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "config_apply.h"
#include "format.h"
#include "i18n.h"
#include "layer_cache.h"
#include "layer_cmd.h"
#include "layer_stream.h"
#include "log_pane.h"
#include "pager_view.h"
#include "strbuf.h"
#include "view.h"
#include "xalloc.h"

#define TAB_STOP 8

/* A file's text as lines: one buffer, each line NUL-terminated, tabs expanded. */
struct pager_text {
	char *buf;
	size_t *start;
	size_t n;
};

struct pager_view {
	struct view base;
	struct layer_ref *ref;
	size_t layer;
	enum layer_view mode;
	uint32_t node;
	char *image_id, *image_name;
	char *path;			/* sanitized, for the screen */
	bool loaded;
	char *error;
	uint64_t size;			/* the file's whole size */
	size_t len;			/* of it read */
	bool cut, binary;
	struct pager_text text;
	struct log_pane log;
};

#define PV(v) ((struct pager_view *)(v))
enum { SLOT_CONTENT };

/* ---- the text as the log pane's source -------------------------------------------------- */

static size_t src_count(const void *src) { return ((const struct pager_text *)src)->n; }
static uint64_t src_dropped(const void *src) { (void)src; return 0; }

static bool
src_get(const void *src, size_t i, struct log_pane_line *out)
{
	const struct pager_text *t = src;
	if (i >= t->n)
		return false;
	*out = (struct log_pane_line){ .text = t->buf + t->start[i], .stream = LOG_STDOUT, .time = "" };
	return true;
}

static const struct log_pane_source text_source = { src_count, src_dropped, src_get };

/* On the worker: lines split at \n (a \r before it dropped), tabs expanded to the next stop
 * (sanitize would show them as "\t"). Columns count characters, not bytes. */
static void
split_lines(const char *data, size_t len, struct pager_text *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t cap = 64, n = 0, col = 0;
	size_t *start = xmalloc(cap * sizeof(*start));
	start[n++] = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c == '\n') {
			if (sb.len && sb.buf[sb.len - 1] == '\r')
				sb.len--;
			sb_putc(&sb, '\0');
			if (i + 1 == len)
				break;	/* a last newline ends the last line */
			if (n == cap) {
				cap *= 2;
				start = xrealloc(start, cap * sizeof(*start));
			}
			start[n++] = sb.len;
			col = 0;
		} else if (c == '\t') {
			do
				sb_putc(&sb, ' ');
			while (++col % TAB_STOP);
		} else {
			sb_putc(&sb, (char)c);
			if ((c & 0xc0) != 0x80)
				col++;
		}
	}
	if (!len || data[len - 1] != '\n')
		sb_putc(&sb, '\0');
	if (!len)
		n = 0;	/* an empty file has no line */
	out->buf = sb_detach(&sb);
	out->start = start;
	out->n = n;
}

static void
text_free(struct pager_text *t)
{
	free(t->buf);
	free(t->start);
	memset(t, 0, sizeof(*t));
}

/* ---- reading ---------------------------------------------------------------------------- */

struct content_fetch {
	struct fetch base;
	char *image_id;
	struct layer_pick *pick;
	enum archive_result result;
	struct layer_content c;
	struct pager_text text;
	char *err;
};

static void
content_run(struct fetch *f)
{
	struct content_fetch *cf = (struct content_fetch *)f;
	struct layer_source src = { .engine = f->engine, .image = cf->image_id, .fd = -1 };
	cf->result = layer_stream_content(&src, cf->pick, LAYER_CONTENT_MAX, &cf->c, &f->cancel, &cf->err);
	if (cf->result == ARCHIVE_RESULT_DONE && !cf->c.binary)
		split_lines(cf->c.data, cf->c.len, &cf->text);
}

static void
content_apply(struct fetch *f, void *owner)
{
	struct content_fetch *cf = (struct content_fetch *)f;
	struct pager_view *v = owner;
	v->loaded = true;
	free(v->error);
	v->error = NULL;
	if (cf->result != ARCHIVE_RESULT_DONE) {
		v->error = cf->err ? cf->err : xstrdup(_("Cancelled"));
		cf->err = NULL;
		return;
	}
	v->size = cf->c.size;
	v->len = cf->c.len;
	v->cut = cf->c.cut;
	v->binary = cf->c.binary;
	text_free(&v->text);
	v->text = cf->text;
	memset(&cf->text, 0, sizeof(cf->text));
	/* A pager starts at the top, not following. */
	log_pane_point(&v->log, &v->text);
	v->log.pos = (struct list_pos){ .n = v->text.n };
	v->log.following = false;
}

static void
content_release(struct fetch *f)
{
	struct content_fetch *cf = (struct content_fetch *)f;
	layer_pick_free(cf->pick);
	layer_content_free(&cf->c);
	text_free(&cf->text);
	free(cf->image_id);
	free(cf->err);
	free(cf);
}

static const struct fetch_ops content_ops = { content_run, content_apply, content_release };

static void
pager_reload(struct view *view, unsigned why)
{
	struct pager_view *v = PV(view);
	(void)why;
	struct layer_query q = { .layer = v->layer, .view = v->mode, .sort = LAYER_SORT_NAME, .show = LAYER_SHOW_ALL };
	char *err = NULL;
	/* A pick is the worker's to read: a new one for each read. */
	struct layer_pick *pick = layer_tree_pick(layer_ref_tree(v->ref), &q, v->node, &err);
	if (!pick) {
		v->loaded = true;
		free(v->error);
		v->error = err ? err : xstrdup(_("This file is not in the image any more"));
		return;
	}
	struct content_fetch *cf = xcalloc(1, sizeof(*cf));
	cf->image_id = xstrdup(v->image_id);
	cf->pick = pick;
	app_fetch(view, SLOT_CONTENT, &cf->base, &content_ops);
}

/* ---- drawing ------------------------------------------------------------------------------ */

static void
headline(const struct pager_view *v, struct strbuf *sb)
{
	char size[32];
	format_size(size, sizeof(size), v->size > INT64_MAX ? INT64_MAX : (int64_t)v->size);
	sb_puts(sb, v->path);
	if (!v->loaded || v->error)
		return;
	if (v->cut) {
		sb_printf(sb, " · %s %s", _("first 1 MiB of"), size);
	} else {
		sb_printf(sb, " · %s", size);
		if (v->size >= 1000)
			sb_printf(sb, " (%llu %s)", (unsigned long long)v->size, _("bytes"));
	}
}

static bool
pager_draw(struct view *view, WINDOW *w, int y, int height)
{
	struct pager_view *v = PV(view);
	if (height < 2)
		return true;
	struct strbuf sb = STRBUF_INIT;
	headline(v, &sb);
	draw_fill(w, y, 0, draw_attr(ROLE_NOTE));
	draw_text(w, y, 1, sb.buf, getmaxx(w) - 2, draw_attr(ROLE_NOTE));
	sb_free(&sb);
	y++;
	height--;
	if (!v->loaded) {
		char *msg = xasprintf(_("Reading %s from the image's archive…"), v->path);
		draw_note(w, y, height, msg, ROLE_NOTE);
		free(msg);
		return true;
	}
	if (v->error) {
		draw_note(w, y, height, v->error, ROLE_ERROR);
		return true;
	}
	if (v->binary) {
		char size[32];
		format_size(size, sizeof(size), v->size > INT64_MAX ? INT64_MAX : (int64_t)v->size);
		char key[32];
		config_key_of("files", "extract", key, sizeof(key));
		char *msg = xasprintf(_("Binary content (%s): not shown. %s in the Files tab extracts the file."), size, key);
		draw_note(w, y, height, msg, ROLE_DIM);
		free(msg);
		return true;
	}
	log_pane_draw(&v->log, w, y, height, _("(an empty file)"), ROLE_DIM);
	return true;
}

/* ---- the view ---------------------------------------------------------------------------- */

static bool
cmd_back(struct view *view)
{
	(void)view;
	return false;
}

static const struct view_key pager_keys[] = {
	{ 0, REQ_BACK, cmd_back, N_("Close the file"), NULL, NULL },
	{ 'q', REQ_BACK, NULL, NULL, NULL, NULL },
};

static const struct keytable pager_table = KEYTABLE("file", N_("File"), pager_keys);
static const struct keytable *const pager_tables[] = { &log_pane_keys, &pager_table, NULL };

static void
pager_title(struct view *view, char *buf, size_t n)
{
	snprintf(buf, n, "%s", PV(view)->path);
}

static void
pager_describe(struct view *view, char *buf, size_t n)
{
	struct pager_view *v = PV(view);
	char *cmd = layer_cmd_cat(v->image_name, v->path);
	snprintf(buf, n, "%s", cmd);
	free(cmd);
}

static struct list_pos *
pager_pos(struct view *view)
{
	struct pager_view *v = PV(view);
	v->log.pos.n = v->text.n;
	v->log.following = false;	/* moving never follows: the file does not grow */
	return &v->log.pos;
}

static void
pager_status(struct view *view, struct strbuf *sb)
{
	struct pager_view *v = PV(view);
	if (!v->loaded || v->error || v->binary)
		return;
	sb_printf(sb, ngettext("%zu line", "%zu lines", v->text.n), v->text.n);
	if (v->text.n)
		sb_printf(sb, " · %s %zu", _("line"), v->log.pos.cursor + 1);
	if (v->cut)
		sb_printf(sb, " · %s", _("cut at 1 MiB"));
}

static void
pager_free(struct view *view)
{
	struct pager_view *v = PV(view);
	log_pane_free(&v->log);
	text_free(&v->text);
	layer_ref_drop(v->ref);
	free(v->image_id);
	free(v->image_name);
	free(v->path);
	free(v->error);
	free(v);
}

const struct view_ops pager_view_ops = {
	.name = N_("File"),
	.tables = pager_tables,
	.title = pager_title,
	.describe = pager_describe,
	.reload = pager_reload,
	.draw = pager_draw,
	.pos = pager_pos,
	.status = pager_status,
	.free = pager_free,
};

struct view *
pager_view_new(struct app *app, struct layer_ref *ref, size_t layer, enum layer_view mode, uint32_t node,
	       const char *image_id, const char *image_name)
{
	struct pager_view *v = xcalloc(1, sizeof(*v));
	view_init(&v->base, &pager_view_ops, app);
	v->ref = layer_ref_take(ref);
	v->layer = layer;
	v->mode = mode;
	v->node = node;
	v->image_id = xstrdup(image_id);
	v->image_name = xstrdup(image_name);
	v->path = layer_tree_path_label(layer_ref_tree(ref), node);
	log_pane_init(&v->log, &text_source, NULL);
	v->log.following = false;
	v->log.search.typing_forward = true;	/* a file is read from the top down */
	v->base.log = &v->log;
	return &v->base;
}
