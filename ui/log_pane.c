#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "log_pane.h"
#include "sanitize.h"
#include "xalloc.h"

static size_t ring_count(const void *src) { return ((const struct log_ring *)src)->count; }

static uint64_t
ring_dropped(const void *src)
{
	const struct log_ring *r = src;
	return r->total - r->count;
}

static bool
ring_get(const void *src, size_t i, struct log_pane_line *out)
{
	const struct log_ring_item *it = log_ring_get(src, i);
	if (!it)
		return false;
	*out = (struct log_pane_line){ .text = it->text, .stream = it->stream, .time = it->time };
	return true;
}

const struct log_pane_source log_pane_ring = { ring_count, ring_dropped, ring_get };

static bool find(void *owner, const char *needle, bool forward, bool skip_current);

void
log_pane_init(struct log_pane *p, const struct log_pane_source *source, const void *src)
{
	*p = (struct log_pane){ .source = source, .src = src, .following = true };
	p->search = (struct search_prompt){ .find = find, .owner = p, .typing_forward = false };
}

void
log_pane_point(struct log_pane *p, const void *src)
{
	p->src = src;
}

uint64_t
log_pane_dropped(const struct log_pane *p)
{
	return p->src ? p->source->dropped(p->src) : 0;
}

void
log_pane_free(struct log_pane *p)
{
	search_prompt_free(&p->search);
}

static size_t
count(const struct log_pane *p)
{
	return p->src ? p->source->count(p->src) : 0;
}

static bool
get(const struct log_pane *p, size_t i, struct log_pane_line *out)
{
	return p->src && p->source->get(p->src, i, out);
}

void
log_pane_restart(struct log_pane *p)
{
	p->pos = (struct list_pos){ 0 };
	p->following = true;
}

void
log_pane_pushed(struct log_pane *p, uint64_t dropped_before)
{
	p->pos.n = count(p);
	if (p->following) {
		p->pos.cursor = p->pos.n ? p->pos.n - 1 : 0;
		return;
	}
	/* The ring dropped old lines: the cursor and the window stay on the lines they showed. */
	size_t dropped = (size_t)(log_pane_dropped(p) - dropped_before);
	p->pos.cursor = p->pos.cursor > dropped ? p->pos.cursor - dropped : 0;
	p->pos.top = p->pos.top > dropped ? p->pos.top - dropped : 0;
}

/* The gutter marks a line's kind, so it shows without colour too. */
static const char *
gutter(enum log_stream s)
{
	return s == LOG_STDERR ? "!" : s == LOG_STEP ? ">" : " ";
}

void
log_pane_draw(struct log_pane *p, WINDOW *w, int y, int height, const char *empty, enum role role)
{
	int cols = getmaxx(w);
	p->pos.n = count(p);
	if (!p->pos.n) {
		draw_note(w, y, height, empty, role);
		return;
	}
	if (p->following)
		p->pos.cursor = p->pos.n - 1;
	list_clamp(&p->pos, height);
	for (int i = 0; i < height; i++) {
		struct log_pane_line l;
		const struct log_pane_line *it = get(p, p->pos.top + (size_t)i, &l) ? &l : NULL;
		if (!it) {
			draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
			continue;
		}
		bool sel = p->pos.top + (size_t)i == p->pos.cursor && !p->following;
		enum role r = sel ? ROLE_SELECTED : it->stream == LOG_STDERR ? ROLE_ERROR
			: it->stream == LOG_STEP ? ROLE_INSTRUCTION : ROLE_NORMAL;
		attr_t attr = draw_attr(r);
		draw_fill(w, y + i, 0, attr);
		int x = draw_text(w, y + i, 0, gutter(it->stream), 1, attr);
		if (it->time && it->time[0] && x < cols)
			x += draw_text(w, y + i, x, it->time, 31 < cols - x ? 31 : cols - x, draw_attr(ROLE_DIM));
		/* Horizontal scroll: skip characters of the text. */
		char *clean = sanitize(it->text);
		const char *s = clean;
		for (int skip = p->hscroll; skip > 0 && *s; skip--) {
			s++;
			while ((*s & 0xc0) == 0x80)
				s++;
		}
		if (x < cols)
			draw_text(w, y + i, x, s, cols - x, attr);
		free(clean);
	}
}

void
log_pane_status(const struct log_pane *p, bool ended, struct strbuf *sb)
{
	size_t n = count(p);
	sb_printf(sb, ngettext("%zu line", "%zu lines", n), n);
	if (log_pane_dropped(p))
		sb_printf(sb, " (%s)", _("older ones dropped"));
	sb_printf(sb, " · %s", ended ? _("ended") : p->following ? _("following") : _("paused: End follows"));
}

/* ---- keys --------------------------------------------------------------------------- */

/* Moving up pauses following; End (or G) resumes it. */
static bool
pane_move(struct view *view, enum request req, bool follow)
{
	struct log_pane *p = view->log;
	p->following = follow;
	p->pos.n = count(p);
	list_move(&p->pos, req, app_page(view->app));
	return true;
}

static bool cmd_up(struct view *v) { return pane_move(v, REQ_UP, false); }
static bool cmd_page_up(struct view *v) { return pane_move(v, REQ_PAGE_UP, false); }
static bool cmd_first(struct view *v) { return pane_move(v, REQ_FIRST, false); }
static bool cmd_end(struct view *v) { return pane_move(v, REQ_LAST, true); }

static bool
cmd_scroll_right(struct view *view)
{
	view->log->hscroll += 8;
	return true;
}

static bool
cmd_scroll_left(struct view *view)
{
	struct log_pane *p = view->log;
	p->hscroll = p->hscroll > 8 ? p->hscroll - 8 : 0;
	return true;
}

static bool
find(void *owner, const char *needle, bool forward, bool skip_current)
{
	struct log_pane *p = owner;
	size_t n = count(p), cur = p->pos.cursor;
	if (!n || !needle || !*needle)
		return false;
	for (size_t k = skip_current ? 1 : 0; k <= n; k++) {
		size_t i = forward ? (cur + k) % n : (cur + n - k % n) % n;
		struct log_pane_line it;
		if (get(p, i, &it) && strstr(it.text, needle)) {
			p->following = false;
			p->pos.cursor = i;
			return true;
		}
	}
	return false;
}

static bool
cmd_search(struct view *view)
{
	search_prompt_open(&view->log->search, view->app, _("Search the log: "));
	return true;
}

/* The log is searched newest first: n goes to older lines, N to newer ones. */
static bool cmd_next(struct view *v) { search_prompt_again(&v->log->search, v->app, true); return true; }
static bool cmd_prev(struct view *v) { search_prompt_again(&v->log->search, v->app, false); return true; }

static const struct view_key rows[] = {
	{ 0, REQ_UP, cmd_up, N_("Up: pauses following"), NULL, NULL },
	{ 0, REQ_PAGE_UP, cmd_page_up, N_("Page up: pauses following"), NULL, NULL },
	{ 0, REQ_FIRST, cmd_first, N_("The oldest line held: pauses following"), NULL, NULL },
	{ 0, REQ_LAST, cmd_end, N_("The newest line, and follow again"), NULL, NULL },
	{ KEY_RIGHT, 0, cmd_scroll_right, N_("Scroll long lines right"), NULL, "scroll-right" },
	{ KEY_LEFT, 0, cmd_scroll_left, N_("Scroll long lines left"), NULL, "scroll-left" },
	{ 0, REQ_FILTER, cmd_search, N_("Search the log, newest first"), NULL, NULL },
	{ 0, REQ_SEARCH_NEXT, cmd_next, N_("Next (older) match"), NULL, NULL },
	{ 0, REQ_SEARCH_PREV, cmd_prev, N_("Previous (newer) match"), NULL, NULL },
};

const struct keytable log_pane_keys = KEYTABLE("log", N_("Log"), rows);
