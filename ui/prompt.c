#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
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
	free(p->error);
	p->error = NULL;
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
prompt_close(struct prompt *p)
{
	wipe(p);
	p->ops = NULL;
	p->ctx = NULL;
	free(p->error);
	p->error = NULL;
}

void
prompt_free(struct prompt *p)
{
	prompt_close(p);
	sb_free(&p->text);
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

enum prompt_result
prompt_key(struct prompt *p, wint_t ch, bool is_key)
{
	struct strbuf *sb = &p->text;
	free(p->error);
	p->error = NULL;
	if (!is_key && (ch == '\r' || ch == '\n'))
		return PROMPT_ACCEPTED;
	if (is_key && ch == KEY_ENTER)
		return PROMPT_ACCEPTED;
	if (!is_key && ch == KEY_ESC)
		return PROMPT_CANCELLED;
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		if (sb->len == 0)
			return PROMPT_UNCHANGED;
		/* Back over one whole UTF-8 character. */
		while (sb->len > 0) {
			sb->len--;
			if ((sb->buf[sb->len] & 0xc0) != 0x80)
				break;
		}
		sb->buf[sb->len] = '\0';
		return PROMPT_EDITED;
	}
	if (!is_key && ch == 21) {	/* Ctrl-U empties the line, as in a shell */
		sb_reset(sb);
		return PROMPT_EDITED;
	}
	if (!is_key && ch >= 32 && ch != 127) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		size_t n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n == (size_t)-1 || sb->len + n > PROMPT_MAX)
			return PROMPT_UNCHANGED;
		sb_append(sb, mb, n);
		return PROMPT_EDITED;
	}
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
	int room = cols - x - 1;
	if (p->error)
		room -= text_width(p->error) + 2;
	if (room < 1)
		room = 1;
	/* Keep the end of a long text in view, where the typing happens. */
	int tw = text_width(text);
	while (tw > room && *text) {
		text++;
		while ((*text & 0xc0) == 0x80)
			text++;
		tw = text_width(text);
	}
	if (x < cols)
		draw_text(w, y, x, text, tw, draw_attr(ROLE_NORMAL));
	if (p->error && x + tw + 2 < cols)
		draw_text(w, y, x + tw + 2, p->error, cols - x - tw - 2, draw_attr(ROLE_ERROR));
	curs_set(1);
	wmove(w, y, x + tw < cols ? x + tw : cols - 1);
}
