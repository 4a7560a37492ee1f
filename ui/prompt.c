#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "prompt.h"
#include "sanitize.h"
#include "xalloc.h"

#define PROMPT_MAX 1024

static void wipe(struct prompt *p);

void
prompt_open(struct prompt *p, const char *label, const char *initial, const struct prompt_ops *ops, void *ctx)
{
	wipe(p);
	p->ops = ops;
	p->ctx = ctx;
	p->label = label;
	sb_reset(&p->text);
	if (initial)
		sb_puts(&p->text, initial);
	p->cursor = p->text.len;
	/* typing replaces a prefill; a movement key keeps it to edit */
	p->selected = p->text.len > 0;
	p->recall = 0;
	p->complete = NULL;
	free(p->draft);
	p->draft = NULL;
	free(p->error);
	p->error = NULL;
}

/* ---- the history of each kind of prompt (its ops), newest last ---------------------------- */

#define HISTORY_KINDS 32
#define HISTORY_MAX 50

static struct history {
	const struct prompt_ops *ops;
	char *lines[HISTORY_MAX];
	int n;
} histories[HISTORY_KINDS];

static struct history *
history_of(const struct prompt_ops *ops, bool make)
{
	for (int i = 0; i < HISTORY_KINDS; i++)
		if (histories[i].ops == ops)
			return &histories[i];
	if (!make)
		return NULL;
	for (int i = 0; i < HISTORY_KINDS; i++)
		if (!histories[i].ops) {
			histories[i].ops = ops;
			return &histories[i];
		}
	return NULL;
}

static void
history_add(const struct prompt_ops *ops, const char *line)
{
	struct history *h = history_of(ops, true);
	if (!h || !*line || (h->n && strcmp(h->lines[h->n - 1], line) == 0))
		return;
	if (h->n == HISTORY_MAX) {
		free(h->lines[0]);
		memmove(h->lines, h->lines + 1, (HISTORY_MAX - 1) * sizeof(h->lines[0]));
		h->n--;
	}
	h->lines[h->n++] = xstrdup(line);
}

static void
history_clear(void)
{
	for (int i = 0; i < HISTORY_KINDS; i++) {
		for (int k = 0; k < histories[i].n; k++)
			free(histories[i].lines[k]);
		histories[i] = (struct history){ 0 };
	}
}

/* Clears the bytes of a secret before the buffer is reused or freed. */
static void
wipe(struct prompt *p)
{
	if (p->secret && p->text.buf) {
		volatile char *b = p->text.buf;
		for (size_t i = 0; i < p->text.cap; i++)
			b[i] = 0;
	}
	p->secret = false;
}

void
prompt_set_secret(struct prompt *p)
{
	/* Room for the longest text at once: growing would leave copies behind in freed memory. */
	if (p->text.cap < PROMPT_MAX + 8) {
		char *old = p->text.buf;
		size_t len = p->text.len;
		p->text.buf = xmalloc(PROMPT_MAX + 8);
		memcpy(p->text.buf, old ? old : "", len);
		p->text.buf[len] = '\0';
		if (old) {
			volatile char *b = old;
			for (size_t i = 0; i < p->text.cap; i++)
				b[i] = 0;
			free(old);
		}
		p->text.cap = PROMPT_MAX + 8;
	}
	p->secret = true;
}

void
prompt_set_complete(struct prompt *p, prompt_complete_fn fn)
{
	p->complete = fn;
}

void
prompt_close(struct prompt *p)
{
	wipe(p);
	p->ops = NULL;
	p->ctx = NULL;
	free(p->error);
	p->error = NULL;
	free(p->draft);
	p->draft = NULL;
}

void
prompt_free(struct prompt *p)
{
	prompt_close(p);
	sb_free(&p->text);
	history_clear();
}

const char *
prompt_text(const struct prompt *p)
{
	return p->text.buf ? p->text.buf : "";
}

bool
prompt_is_open(const struct prompt *p)
{
	return p->ops != NULL;
}

enum prompt_result
prompt_handle(struct prompt *p, wint_t ch, bool is_key)
{
	const struct prompt_ops *ops = p->ops;
	void *ctx = p->ctx;
	enum prompt_result res = prompt_key(p, ch, is_key);
	char *err = NULL;
	if (res == PROMPT_EDITED && ops->edited) {
		ops->edited(ctx, prompt_text(p), &err);
	} else if (res == PROMPT_CANCELLED) {
		if (ops->cancel)
			ops->cancel(ctx);
		prompt_close(p);
	} else if (res == PROMPT_ACCEPTED) {
		/* The text may be what accept reopens the prompt with: hand it a copy. */
		bool secret = p->secret;
		char *text = xstrdup(prompt_text(p));
		if (!secret && !ops->edited)
			history_add(ops, text);
		bool done = ops->accept(ctx, text, &err);
		if (secret) {
			volatile char *b = text;
			for (size_t i = 0; b[i]; i++)
				b[i] = 0;
		}
		free(text);
		if (done && p->ops == ops && p->ctx == ctx)
			prompt_close(p);
	}
	if (err && p->ops)
		prompt_set_error(p, err);
	free(err);
	return res;
}

void
prompt_set_error(struct prompt *p, const char *msg)
{
	free(p->error);
	p->error = msg ? xstrdup(msg) : NULL;
}

/* ---- editing --------------------------------------------------------------------------- */

static size_t
prev_char(const char *b, size_t at)
{
	while (at > 0 && (b[--at] & 0xc0) == 0x80)
		;
	return at;
}

static size_t
next_char(const char *b, size_t len, size_t at)
{
	if (at < len)
		at++;
	while (at < len && (b[at] & 0xc0) == 0x80)
		at++;
	return at;
}

static bool
is_word(char c)
{
	return isalnum((unsigned char)c) || (c & 0x80);
}

/* Alt-B and Alt-F: over non-word characters, then the word (readline's words). */
static size_t
word_back(const char *b, size_t at)
{
	while (at > 0 && !is_word(b[at - 1]))
		at--;
	while (at > 0 && is_word(b[at - 1]))
		at--;
	return at;
}

static size_t
word_forward(const char *b, size_t len, size_t at)
{
	while (at < len && !is_word(b[at]))
		at++;
	while (at < len && is_word(b[at]))
		at++;
	return at;
}

/* Removes text[from, to) and leaves the cursor at from. */
static void
cut(struct prompt *p, size_t from, size_t to)
{
	struct strbuf *sb = &p->text;
	memmove(sb->buf + from, sb->buf + to, sb->len - to + 1);
	sb->len -= to - from;
	p->cursor = from;
}

static void
insert(struct prompt *p, const char *s, size_t n)
{
	struct strbuf *sb = &p->text;
	size_t tail = sb->len - p->cursor;
	sb_append(sb, s, n);	/* room, then move the tail behind the new bytes */
	memmove(sb->buf + p->cursor + n, sb->buf + p->cursor, tail);
	memcpy(sb->buf + p->cursor, s, n);
	sb->buf[sb->len] = '\0';
	p->cursor += n;
}

static void
set_text(struct prompt *p, const char *s)
{
	sb_reset(&p->text);
	sb_puts(&p->text, s);
	p->cursor = p->text.len;
}

/* Up (older) and Down (newer) through the history of this kind of prompt. */
static enum prompt_result
recall(struct prompt *p, int step)
{
	struct history *h = history_of(p->ops, false);
	int n = h ? h->n : 0;
	int to = p->recall + step;
	if (to < 0 || to > n || to == p->recall)
		return PROMPT_UNCHANGED;
	if (p->recall == 0) {
		free(p->draft);
		p->draft = xstrdup(prompt_text(p));
	}
	p->recall = to;
	set_text(p, to == 0 ? (p->draft ? p->draft : "") : h->lines[n - to]);
	p->selected = false;
	return PROMPT_EDITED;
}

/* Tab: the word before the cursor to the longest prefix its candidates share. */
static enum prompt_result
complete(struct prompt *p)
{
	if (!p->complete)
		return PROMPT_UNCHANGED;
	const char *b = prompt_text(p);
	size_t start = p->cursor;
	while (start > 0 && b[start - 1] != ' ')
		start--;
	size_t wlen = p->cursor - start;
	char **v = NULL;
	size_t n = 0;
	p->complete(p->ctx, &v, &n);
	size_t matches = 0, common = 0;
	const char *first = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(v[i], b + start, wlen) != 0)
			continue;
		if (!first) {
			first = v[i];
			common = strlen(first);
		} else {
			size_t k = 0;
			while (k < common && first[k] == v[i][k])
				k++;
			common = k;
		}
		matches++;
	}
	enum prompt_result res = PROMPT_UNCHANGED;
	if (!matches) {
		prompt_set_error(p, _("no local image matches"));
	} else if (common > wlen) {
		char *add = xstrndup(first + wlen, common - wlen);
		insert(p, add, strlen(add));
		free(add);
		if (matches == 1 && p->cursor == p->text.len)
			insert(p, " ", 1);
		res = PROMPT_EDITED;
	} else if (matches > 1) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, ngettext("%zu match:", "%zu matches:", matches), matches);
		size_t shown = 0;
		for (size_t i = 0; i < n && shown < 5; i++)
			if (strncmp(v[i], b + start, wlen) == 0) {
				sb_printf(&sb, " %s", v[i]);
				shown++;
			}
		if (matches > shown)
			sb_puts(&sb, " …");
		prompt_set_error(p, sb.buf);
		sb_free(&sb);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return res;
}

/* Alt-B, Alt-F, Alt-D arrive as Esc and the letter at once: a lone Esc cancels. */
static int
alt_key(void)
{
	wint_t next;
	int rc = wget_wch(stdscr, &next);
	if (rc == ERR)
		return 0;
	if (rc == OK && (next == 'b' || next == 'f' || next == 'd'))
		return (int)next;
	unget_wch(next);
	return 0;
}

enum prompt_result
prompt_key(struct prompt *p, wint_t ch, bool is_key)
{
	struct strbuf *sb = &p->text;
	const char *b = prompt_text(p);
	size_t len = sb->len, at = p->cursor;
	bool was_selected = p->selected;
	p->selected = false;
	/* a key that edits a selected prefill edits all of it */
	if (was_selected && ((!is_key && ch >= 32 && ch != 127) || (is_key && ch == KEY_BACKSPACE) ||
			     (!is_key && (ch == 127 || ch == 8)) || (is_key && ch == KEY_DC))) {
		sb_reset(sb);
		p->cursor = 0;
		free(p->error);
		p->error = NULL;
		if (is_key || ch == 127 || ch == 8)
			return PROMPT_EDITED;
		b = prompt_text(p);
		len = 0;
		at = 0;
	}
	free(p->error);
	p->error = NULL;
	if (!is_key && (ch == '\r' || ch == '\n'))
		return PROMPT_ACCEPTED;
	if (is_key && ch == KEY_ENTER)
		return PROMPT_ACCEPTED;
	if (!is_key && ch == KEY_ESC) {
		switch (alt_key()) {
		case 'b': p->cursor = word_back(b, at); return PROMPT_UNCHANGED;
		case 'f': p->cursor = word_forward(b, len, at); return PROMPT_UNCHANGED;
		case 'd':
			if (at == len)
				return PROMPT_UNCHANGED;
			cut(p, at, word_forward(b, len, at));
			return PROMPT_EDITED;
		default: return PROMPT_CANCELLED;
		}
	}
	if (is_key) {
		switch (ch) {
		case KEY_BACKSPACE:
			if (at == 0)
				return PROMPT_UNCHANGED;
			cut(p, prev_char(b, at), at);
			return PROMPT_EDITED;
		case KEY_DC:
			if (at == len)
				return PROMPT_UNCHANGED;
			cut(p, at, next_char(b, len, at));
			return PROMPT_EDITED;
		case KEY_LEFT: p->cursor = prev_char(b, at); return PROMPT_UNCHANGED;
		case KEY_RIGHT: p->cursor = next_char(b, len, at); return PROMPT_UNCHANGED;
		case KEY_HOME: p->cursor = 0; return PROMPT_UNCHANGED;
		case KEY_END: p->cursor = len; return PROMPT_UNCHANGED;
		case KEY_UP:
		case KEY_DOWN:
			/* a filter's arrows move the list under it */
			if (p->ops && p->ops->edited) {
				p->selected = was_selected;
				return PROMPT_IGNORED;
			}
			return recall(p, ch == KEY_UP ? 1 : -1);
		default:
			p->selected = was_selected;
			return PROMPT_IGNORED;
		}
	}
	switch (ch) {
	case 127:
	case 8:
		if (at == 0)
			return PROMPT_UNCHANGED;
		cut(p, prev_char(b, at), at);
		return PROMPT_EDITED;
	case 1: p->cursor = 0; return PROMPT_UNCHANGED;		/* Ctrl-A */
	case 5: p->cursor = len; return PROMPT_UNCHANGED;	/* Ctrl-E */
	case 2: p->cursor = prev_char(b, at); return PROMPT_UNCHANGED;		/* Ctrl-B */
	case 6: p->cursor = next_char(b, len, at); return PROMPT_UNCHANGED;	/* Ctrl-F */
	case 4:		/* Ctrl-D: the character under the cursor */
		if (at == len)
			return PROMPT_UNCHANGED;
		cut(p, at, next_char(b, len, at));
		return PROMPT_EDITED;
	case 11:	/* Ctrl-K: to the end */
		if (at == len)
			return PROMPT_UNCHANGED;
		cut(p, at, len);
		return PROMPT_EDITED;
	case 21:	/* Ctrl-U: to the start, as in a shell */
		if (at == 0 && len == 0)
			return PROMPT_UNCHANGED;
		cut(p, 0, at);
		return PROMPT_EDITED;
	case 23: {	/* Ctrl-W: the word before the cursor, up to a blank */
		size_t from = at;
		while (from > 0 && b[from - 1] == ' ')
			from--;
		while (from > 0 && b[from - 1] != ' ')
			from--;
		if (from == at)
			return PROMPT_UNCHANGED;
		cut(p, from, at);
		return PROMPT_EDITED;
	}
	case '\t':
		return p->ops ? complete(p) : PROMPT_UNCHANGED;
	default:
		break;
	}
	if (ch >= 32 && ch != 127) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		size_t n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n == (size_t)-1 || sb->len + n > PROMPT_MAX)
			return PROMPT_UNCHANGED;
		insert(p, mb, n);
		return PROMPT_EDITED;
	}
	p->selected = was_selected;
	return PROMPT_IGNORED;
}

void
prompt_draw(const struct prompt *p, WINDOW *w, int y)
{
	int cols = getmaxx(w);
	draw_fill(w, y, 0, draw_attr(ROLE_NORMAL));
	int x = text_width(p->label);
	draw_text(w, y, 0, p->label, x < cols ? x : cols, draw_attr(ROLE_PROMPT));
	const char *text = p->secret ? "" : prompt_text(p);
	size_t cursor = p->secret ? 0 : p->cursor;
	int room = cols - x - 1;
	if (p->error)
		room -= text_width(p->error) + 2;
	if (room < 1)
		room = 1;
	/* Scroll so that the cursor is in view, with the text before it. */
	char *before = xstrndup(text, cursor);
	const char *from = before;
	while (text_width(from) > room - 1 && *from) {
		from++;
		while ((*from & 0xc0) == 0x80)
			from++;
	}
	size_t skip = (size_t)(from - before);
	int cx = x + text_width(from);
	free(before);
	const char *shown = text + skip;
	int tw = text_width(shown);
	if (tw > room)
		tw = room;
	if (x < cols)
		draw_text(w, y, x, shown, tw, draw_attr(p->selected ? ROLE_SELECTED : ROLE_NORMAL));
	if (p->error && x + tw + 2 < cols)
		draw_text(w, y, x + tw + 2, p->error, cols - x - tw - 2, draw_attr(ROLE_ERROR));
	curs_set(1);
	wmove(w, y, cx < cols ? cx : cols - 1);
}
