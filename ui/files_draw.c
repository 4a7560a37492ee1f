/* The Files tab on screen: a summary line, the layers on the left, the selected layer's files
 * on the right, and a footer with the whole step and the whole path. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "draw.h"
#include "files_internal.h"
#include "format.h"
#include "history.h"
#include "i18n.h"
#include "sanitize.h"
#include "xalloc.h"

#define FOOTER_ROWS 2
#define FSIZE_COLS 7	/* "999.9kB" */

/* ---- words ------------------------------------------------------------------------------ */

void
files_mode_string(uint32_t mode, char *b)
{
	b[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' : S_ISBLK(mode) ? 'b'
		: S_ISFIFO(mode) ? 'p' : S_ISSOCK(mode) ? 's' : '-';
	static const char rwx[] = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		b[1 + i] = (mode & (0400u >> i)) ? rwx[i] : '-';
	/* The special bits take the x of their class, in upper case when x is not set. */
	if (mode & S_ISUID)
		b[3] = (mode & 0100) ? 's' : 'S';
	if (mode & S_ISGID)
		b[6] = (mode & 0010) ? 's' : 'S';
	if (mode & S_ISVTX)
		b[9] = (mode & 0001) ? 't' : 'T';
	b[10] = '\0';
}

char *
files_layer_step(const struct layer_info *li)
{
	const char *keyword = NULL;
	char *rest = NULL;
	if (!li->created_by[0])
		return xstrdup(li->comment);	/* imported, committed, or not known yet */
	history_instruction(li->created_by, &keyword, &rest);
	if (!keyword)
		return rest;
	char *s = xasprintf("%s%s%s", keyword, rest[0] ? " " : "", rest);
	free(rest);
	return s;
}

static const char *
state_word(enum layer_state s)
{
	switch (s) {
	case LAYER_STATE_PENDING: return _("pending");
	case LAYER_STATE_READING: return _("reading…");
	case LAYER_STATE_FAILED: return _("failed");
	case LAYER_STATE_DONE: break;
	}
	return "";
}

static char
change_letter(enum layer_change c)
{
	return c == LAYER_ADDED ? 'A' : c == LAYER_MODIFIED ? 'M' : c == LAYER_REMOVED ? 'R' : ' ';
}

static enum role
change_role(const struct layer_entry *e)
{
	switch (e->change) {
	case LAYER_ADDED: return ROLE_ADDED;
	case LAYER_MODIFIED: return ROLE_MODIFIED;
	case LAYER_REMOVED: return ROLE_REMOVED;
	case LAYER_UNCHANGED: break;
	}
	return e->implicit ? ROLE_DIM : ROLE_NORMAL;
}

static void
size_text(char *buf, size_t n, uint64_t bytes)
{
	format_size(buf, n, bytes > INT64_MAX ? INT64_MAX : (int64_t)bytes);
}

/* Draws s at (y, x) in its own width, at most room columns (draw_text pads to the width it is
 * given); returns the columns used. */
static int
put(WINDOW *w, int y, int x, const char *s, int room, attr_t attr)
{
	if (room <= 0)
		return 0;
	char *clean = sanitize_is_clean(s) ? NULL : sanitize(s);
	int tw = text_width(clean ? clean : s);
	free(clean);
	return draw_text(w, y, x, s, tw < room ? tw : room, attr);
}

/* ---- the summary ---------------------------------------------------------------------- */

static void
summary(struct files_pane *p, const struct layer_tree_status *st, struct strbuf *sb, enum role *role)
{
	char a[32], b[32], again[32], cancel[32], waste[32];
	struct layer_tree *t = files_tree(p);
	*role = ROLE_NOTE;
	/* the keys, as bound */
	view_named_key(p->view, "files", again, sizeof(again));
	view_named_key(p->view, "cancel", cancel, sizeof(cancel));
	view_named_key(p->view, "waste", waste, sizeof(waste));
	if (p->error && st->state == LAYER_TREE_STREAMING) {
		*role = ROLE_ERROR;
		sb_printf(sb, _("Cannot read the image's files: %s"), p->error);
		sb_printf(sb, " · ");
		sb_printf(sb, _("%s reads it again"), again);
		return;
	}
	switch (st->state) {
	case LAYER_TREE_STREAMING: {
		uint64_t total = st->total ? st->total : p->expected;
		size_text(a, sizeof(a), st->bytes);
		if (total) {
			size_text(b, sizeof(b), total);
			/* The archive is a little larger than the image (tar headers): stay below 100. */
			unsigned pct = st->bytes >= total ? 99 : (unsigned)(st->bytes * 100 / total);
			sb_printf(sb, _("Reading the image: %s of %s (%u%%)"), a, b, pct > 99 ? 99 : pct);
		} else {
			sb_printf(sb, _("Reading the image: %s"), a);
		}
		if (st->ordered)
			sb_printf(sb, " · %s %zu/%zu", _("layers"), st->layers_done, st->layers);
		else
			sb_printf(sb, " · %s %zu", _("layers read"), st->layers_done);
		sb_printf(sb, " · ");
		sb_printf(sb, _("%s cancels"), cancel);
		return;
	}
	case LAYER_TREE_FAILED:
		*role = ROLE_ERROR;
		sb_printf(sb, _("Reading the image failed: %s"), st->error ? st->error : "");
		sb_printf(sb, " · ");
		sb_printf(sb, _("%s reads it again"), again);
		return;
	case LAYER_TREE_CANCELLED:
		*role = ROLE_DIM;
		size_text(a, sizeof(a), st->bytes);
		sb_printf(sb, _("Cancelled after %s: what was read is shown"), a);
		sb_printf(sb, " · ");
		sb_printf(sb, _("%s reads it again"), again);
		return;
	case LAYER_TREE_DONE:
		break;
	}
	if (!p->eff_valid) {
		layer_efficiency_free(&p->eff);
		layer_tree_efficiency(t, &p->eff);
		p->eff_valid = true;
	}
	size_text(a, sizeof(a), p->eff.size);
	size_text(b, sizeof(b), p->eff.wasted);
	sb_printf(sb, ngettext("Image %s in %zu layer", "Image %s in %zu layers", st->layers), a, st->layers);
	/* dive's figures: wasted space, its share of the layers above the base, the score. */
	sb_printf(sb, " · %s %s (%d%%)", _("wasted"), b, (int)(100 * p->eff.wasted_user));
	sb_printf(sb, " · %s %d%%", _("efficiency"), (int)(100 * p->eff.score));
	if (p->eff.nitems) {
		sb_printf(sb, " · ");
		sb_printf(sb, _("%s lists it"), waste);
	}
	if (p->extracting) {
		sb_printf(sb, " · ");
		sb_printf(sb, _("extracting… %s cancels"), cancel);
	}
}

/* ---- the layers ------------------------------------------------------------------------ */

static int
digits(size_t n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void
draw_layers(struct files_pane *p, WINDOW *w, int y, int rows, int width)
{
	struct layer_tree *t = files_tree(p);
	size_t n = layer_tree_layers(t);
	int dw = digits(n ? n - 1 : 0);
	if (p->layer < p->layers_top)
		p->layers_top = p->layer;
	if (rows > 0 && p->layer >= p->layers_top + (size_t)rows)
		p->layers_top = p->layer - (size_t)rows + 1;
	for (int i = 0; i < rows; i++) {
		size_t l = p->layers_top + (size_t)i;
		struct layer_info li;
		if (l >= n || !layer_tree_layer(t, l, &li)) {
			draw_text(w, y + i, 0, "", width, draw_attr(ROLE_NORMAL));
			continue;
		}
		bool sel = l == p->layer;
		attr_t attr = draw_attr(sel ? ROLE_SELECTED : li.state == LAYER_STATE_PENDING ? ROLE_DIM : ROLE_NORMAL);
		char pos[48], size[32];
		snprintf(pos, sizeof(pos), "%*zu ", dw < 20 ? dw : 20, l);
		size_text(size, sizeof(size), li.size);
		if (li.state == LAYER_STATE_PENDING)
			size[0] = '\0';
		char sized[48];
		snprintf(sized, sizeof(sized), "%*s  ", FSIZE_COLS, size);
		const char *state = state_word(li.state);
		int sw = state[0] ? text_width(state) + 1 : 0;
		int x = put(w, y + i, 0, pos, width, attr);
		x += put(w, y + i, x, sized, width - x, attr);
		char *step = files_layer_step(&li);
		/* Before the config comes, the layer has no step: its digest stands in. */
		const char *text = step[0] ? step : li.digest[0] ? li.digest : li.blob;
		int room = width - x - sw;
		x += put(w, y + i, x, text, room, attr);
		free(step);
		/* The state at the right edge. */
		if (sw && x < width - sw) {
			draw_text(w, y + i, x, "", width - sw - x, attr);
			x = width - sw;
		}
		if (sw && x < width)
			x += put(w, y + i, x, state, width - x, sel ? attr : draw_attr(ROLE_DIM));
		if (x < width)
			draw_text(w, y + i, x, "", width - x, attr);
	}
}

/* ---- the tree -------------------------------------------------------------------------- */

/* What a narrow tree leaves out first, so that names keep NAME_ROOM columns: the owner, then
 * the mode. */
#define NAME_ROOM 24
enum tree_cols { COLS_ALL, COLS_MODE, COLS_SIZE };

static enum tree_cols
columns(const struct files_pane *p, int width)
{
	int base = 2 + FSIZE_COLS + 1 + NAME_ROOM;
	if (width >= base + 11 + p->owner_width + 1)
		return COLS_ALL;
	return width >= base + 11 ? COLS_MODE : COLS_SIZE;
}

static void
draw_tree_row(struct files_pane *p, WINDOW *w, int y, int x0, int width, const struct files_row *r, bool sel)
{
	const struct layer_entry *e = &r->e;
	attr_t attr = draw_attr(sel ? ROLE_SELECTED : change_role(e));
	char line[96], mode[11], size[32], owner[32];
	files_mode_string(e->mode, mode);
	snprintf(owner, sizeof(owner), "%u:%u", (unsigned)e->uid, (unsigned)e->gid);
	size_text(size, sizeof(size), e->size);
	if (S_ISLNK(e->mode) || e->hardlink)
		size[0] = '\0';
	switch (columns(p, width)) {
	case COLS_ALL:
		snprintf(line, sizeof(line), "%c %s %-*s %*s ", change_letter(e->change), mode, p->owner_width, owner,
			 FSIZE_COLS, size);
		break;
	case COLS_MODE:
		snprintf(line, sizeof(line), "%c %s %*s ", change_letter(e->change), mode, FSIZE_COLS, size);
		break;
	case COLS_SIZE:
		snprintf(line, sizeof(line), "%c %*s ", change_letter(e->change), FSIZE_COLS, size);
		break;
	}
	int x = x0 + put(w, y, x0, line, width, attr);
	int room = x0 + width - x;
	int indent = 2 * (int)r->depth;
	if (indent > room / 2)
		indent = room / 2;	/* deep trees keep room for the names */
	if (indent > 0 && x + indent < x0 + width)
		x += draw_text(w, y, x, "", indent, attr);
	const char *marker = "  ";
	if (S_ISDIR(e->mode) && e->children) {
		bool open = p->filter.text[0] || files_is_open(p, e->node);
		marker = open ? (draw_utf8() ? "\xe2\x96\xbe " : "- ") : (draw_utf8() ? "\xe2\x96\xb8 " : "+ ");
	}
	if (x + 2 <= x0 + width)
		x += draw_text(w, y, x, marker, 2, attr);
	struct strbuf name = STRBUF_INIT;
	sb_puts(&name, e->label);
	if (S_ISDIR(e->mode))
		sb_putc(&name, '/');
	if (e->link_label && e->hardlink)
		sb_printf(&name, " => /%s", e->link_label);
	else if (e->link_label)
		sb_printf(&name, " -> %s", e->link_label);
	x += put(w, y, x, name.buf, x0 + width - x, attr);
	sb_free(&name);
	if (x < x0 + width)
		draw_text(w, y, x, "", x0 + width - x, attr);
}

static void
draw_tree(struct files_pane *p, WINDOW *w, int y, int rows, int x0, int width, const struct layer_tree_status *st)
{
	if (!p->nrows) {
		const char *msg = p->filter.text[0] ? _("Nothing matches the filter (Esc clears it)")
			: p->only_changes || p->mode == LAYER_VIEW_CHANGES ? _("This layer changes no file")
			: _("No file");
		if (st->state == LAYER_TREE_STREAMING)
			msg = _("Reading…");
		for (int i = 0; i < rows; i++)
			draw_text(w, y + i, x0, "", width, draw_attr(ROLE_NORMAL));
		if (rows > 1)
			draw_text(w, y + 1, x0 + 1, msg, width - 1, draw_attr(ROLE_DIM));
		return;
	}
	list_clamp(&p->pos, rows);
	for (int i = 0; i < rows; i++) {
		size_t idx = p->pos.top + (size_t)i;
		if (idx >= p->nrows)
			draw_text(w, y + i, x0, "", width, draw_attr(ROLE_NORMAL));
		else
			draw_tree_row(p, w, y + i, x0, width, &p->rows[idx], idx == p->pos.cursor);
	}
}

/* ---- the footer ------------------------------------------------------------------------ */

static void
draw_footer(struct files_pane *p, WINDOW *w, int y)
{
	struct layer_tree *t = files_tree(p);
	int cols = getmaxx(w);
	struct layer_info li;
	draw_text(w, y, 0, "", cols, draw_attr(ROLE_HEADER));
	draw_fill(w, y + 1, 0, draw_attr(ROLE_NORMAL));
	draw_fill(w, y + 2, 0, draw_attr(ROLE_NORMAL));
	if (layer_tree_layer(t, p->layer, &li)) {
		struct strbuf sb = STRBUF_INIT;
		char size[32];
		size_text(size, sizeof(size), li.size);
		sb_printf(&sb, _("Layer %zu"), p->layer);
		sb_printf(&sb, " · %s", size);
		if (li.digest[0])
			sb_printf(&sb, " · %.19s", li.digest);
		char *step = files_layer_step(&li);
		if (step[0])
			sb_printf(&sb, " · %s", step);
		free(step);
		if (li.error)
			sb_printf(&sb, " · %s", li.error);
		draw_text(w, y + 1, 1, sb.buf, cols - 2, draw_attr(li.error ? ROLE_ERROR : ROLE_NORMAL));
		sb_free(&sb);
	}
	const struct files_row *r = files_cursor(p);
	if (!r)
		return;
	char *path = layer_tree_path_label(t, r->e.node);
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, path);
	if (r->e.link_label)
		sb_printf(&sb, r->e.hardlink ? " => /%s" : " -> %s", r->e.link_label);
	if (!S_ISDIR(r->e.mode) && !S_ISLNK(r->e.mode) && !r->e.hardlink)
		sb_printf(&sb, " · %llu %s", (unsigned long long)r->e.size, _("bytes"));
	if (r->e.layer != LAYER_NONE)
		sb_printf(&sb, " · %s %zu", r->e.change == LAYER_REMOVED ? _("removed, was from layer") : _("from layer"),
			  r->e.layer);
	draw_text(w, y + 2, 1, sb.buf, cols - 2, draw_attr(ROLE_DIM));
	sb_free(&sb);
	free(path);
}

/* ---- the pane --------------------------------------------------------------------------- */

void
files_pane_draw(struct files_pane *p, WINDOW *w, int y, int height)
{
	struct layer_tree *t = files_tree(p);
	int cols = getmaxx(w);
	if (!t) {
		draw_note(w, y, height, _("Reading the image's files…"), ROLE_NOTE);
		return;
	}
	files_ensure_rows(p);
	struct layer_tree_status st;
	layer_tree_status(t, &st);
	struct strbuf sb = STRBUF_INIT;
	enum role role;
	summary(p, &st, &sb, &role);
	draw_fill(w, y, 0, draw_attr(role));
	draw_text(w, y, 1, sb.buf, cols - 2, draw_attr(role));
	sb_free(&sb);
	if (height < 4)
		return;
	if (!layer_tree_layers(t)) {
		draw_note(w, y + 1, height - 1, st.state == LAYER_TREE_STREAMING && !p->error
			  ? _("Reading the image's archive: its layers come as the engine sends them…")
			  : _("No layer was read."), ROLE_DIM);
		return;
	}
	int footer = height >= 12 ? FOOTER_ROWS + 1 : 0;
	int rows = height - 2 - footer;
	/* The layers take two fifths, never less than 30 columns while the files keep as many. */
	int lw = cols * 2 / 5;
	if (lw < 30)
		lw = cols >= 60 ? 30 : cols / 2;
	int x0 = lw + 2, rw = cols - x0;
	char head[64];
	snprintf(head, sizeof(head), "%*s %*s  %s", digits(layer_tree_layers(t) - 1), "#", FSIZE_COLS, _("SIZE"),
		 _("CREATED BY"));
	draw_text(w, y + 1, 0, head, lw, draw_attr(ROLE_HEADER));
	draw_text(w, y + 1, lw, "", 2, draw_attr(ROLE_HEADER));
	switch (columns(p, rw)) {
	case COLS_ALL:
		snprintf(head, sizeof(head), "  %-10s %-*s %*s %s", _("MODE"), p->owner_width, _("UID:GID"), FSIZE_COLS,
			 _("SIZE"), _("NAME"));
		break;
	case COLS_MODE:
		snprintf(head, sizeof(head), "  %-10s %*s %s", _("MODE"), FSIZE_COLS, _("SIZE"), _("NAME"));
		break;
	case COLS_SIZE:
		snprintf(head, sizeof(head), "  %*s %s", FSIZE_COLS, _("SIZE"), _("NAME"));
		break;
	}
	draw_text(w, y + 1, x0, head, rw, draw_attr(ROLE_HEADER));
	draw_layers(p, w, y + 2, rows, lw);
	const char *bar = draw_utf8() ? "\xe2\x94\x82" : "|";
	for (int i = 0; i < rows; i++) {
		draw_text(w, y + 2 + i, lw, bar, 1, draw_attr(ROLE_DIM));
		draw_text(w, y + 2 + i, lw + 1, "", 1, draw_attr(ROLE_NORMAL));
	}
	draw_tree(p, w, y + 2, rows, x0, rw, &st);
	if (footer)
		draw_footer(p, w, y + 2 + rows);
}

void
files_pane_status(struct files_pane *p, struct strbuf *sb)
{
	struct layer_tree *t = files_tree(p);
	char size[32];
	if (!t || !layer_tree_layers(t))
		return;
	files_ensure_rows(p);
	sb_printf(sb, p->mode == LAYER_VIEW_CHANGES ? _("layer %zu: its changes") : _("after layer %zu"), p->layer);
	if (p->only_changes)
		sb_printf(sb, " · %s", _("only changes"));
	if (p->filter.text[0])
		sb_printf(sb, " · %s %s", _("filter:"), p->filter.text);
	sb_printf(sb, " · %s", p->sort == LAYER_SORT_SIZE ? _("by size") : _("by name"));
	const struct layer_totals *tt = &p->totals;
	size_text(size, sizeof(size), tt->bytes);
	sb_puts(sb, " · ");
	sb_printf(sb, ngettext("%zu file", "%zu files", tt->files), tt->files);
	sb_puts(sb, ", ");
	sb_printf(sb, ngettext("%zu folder", "%zu folders", tt->dirs), tt->dirs);
	sb_printf(sb, ", %s", size);
	if (tt->added || tt->modified || tt->removed)
		sb_printf(sb, " · %zu A, %zu M, %zu R", tt->added, tt->modified, tt->removed);
}
