#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "i18n.h"
#include "sanitize.h"
#include "utf8.h"
#include "xalloc.h"

static attr_t role_attr[ROLE_COUNT];

void
draw_init_colors(bool colors)
{
	/* Without colour (NO_COLOR, mono terminals) roles still differ by attribute. */
	role_attr[ROLE_NORMAL] = A_NORMAL;
	role_attr[ROLE_TITLE] = A_REVERSE | A_BOLD;
	role_attr[ROLE_HEADER] = A_BOLD | A_UNDERLINE;
	role_attr[ROLE_SELECTED] = A_REVERSE;
	role_attr[ROLE_STATUS] = A_REVERSE;
	role_attr[ROLE_ERROR] = A_BOLD;
	role_attr[ROLE_NOTE] = A_NORMAL;
	role_attr[ROLE_DIM] = A_DIM;
	role_attr[ROLE_KEY] = A_BOLD;
	role_attr[ROLE_PROMPT] = A_BOLD;
	role_attr[ROLE_TAB] = A_NORMAL;
	role_attr[ROLE_TAB_ACTIVE] = A_REVERSE | A_BOLD;
	/* Without colour the JSON kinds still differ: keys bold, numbers underlined, null dim. */
	role_attr[ROLE_JSON_KEY] = A_BOLD;
	role_attr[ROLE_JSON_STRING] = A_NORMAL;
	role_attr[ROLE_JSON_NUMBER] = A_UNDERLINE;
	role_attr[ROLE_JSON_BOOL] = A_UNDERLINE;
	role_attr[ROLE_JSON_NULL] = A_DIM;
	role_attr[ROLE_INSTRUCTION] = A_BOLD | A_UNDERLINE;
	role_attr[ROLE_BAR] = A_NORMAL;
	role_attr[ROLE_MARKED] = A_BOLD | A_UNDERLINE;
	/* The Files tab's rows also carry a letter (A, M, R): these only help the eye. */
	role_attr[ROLE_ADDED] = A_BOLD;
	role_attr[ROLE_MODIFIED] = A_UNDERLINE;
	role_attr[ROLE_REMOVED] = A_DIM;
	if (!colors)
		return;
	static const struct { enum role role; short fg, bg; attr_t extra; } pairs[] = {
		{ ROLE_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD },
		{ ROLE_HEADER, COLOR_CYAN, -1, A_BOLD },
		{ ROLE_SELECTED, COLOR_BLACK, COLOR_CYAN, 0 },
		{ ROLE_STATUS, COLOR_BLACK, COLOR_WHITE, 0 },
		{ ROLE_ERROR, COLOR_RED, -1, A_BOLD },
		{ ROLE_NOTE, COLOR_YELLOW, -1, 0 },
		{ ROLE_KEY, COLOR_GREEN, -1, A_BOLD },
		{ ROLE_PROMPT, COLOR_YELLOW, -1, A_BOLD },
		{ ROLE_TAB_ACTIVE, COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		{ ROLE_JSON_KEY, COLOR_BLUE, -1, A_BOLD },
		{ ROLE_JSON_STRING, COLOR_GREEN, -1, 0 },
		{ ROLE_JSON_NUMBER, COLOR_MAGENTA, -1, 0 },
		{ ROLE_JSON_BOOL, COLOR_YELLOW, -1, 0 },
		{ ROLE_JSON_NULL, COLOR_RED, -1, A_DIM },
		{ ROLE_INSTRUCTION, COLOR_YELLOW, -1, A_BOLD },
		{ ROLE_BAR, COLOR_CYAN, -1, 0 },
		{ ROLE_MARKED, COLOR_YELLOW, -1, A_BOLD },
		{ ROLE_ADDED, COLOR_GREEN, -1, 0 },
		{ ROLE_MODIFIED, COLOR_YELLOW, -1, 0 },
		{ ROLE_REMOVED, COLOR_RED, -1, 0 },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		short pair = (short)(i + 1);
		init_pair(pair, pairs[i].fg, pairs[i].bg);
		role_attr[pairs[i].role] = COLOR_PAIR(pair) | pairs[i].extra;
	}
}

attr_t
draw_attr(enum role role)
{
	return role_attr[role];
}

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_NORMAL] = "normal", [ROLE_TITLE] = "title", [ROLE_HEADER] = "header",
	[ROLE_SELECTED] = "selected", [ROLE_STATUS] = "status", [ROLE_ERROR] = "error",
	[ROLE_NOTE] = "note", [ROLE_DIM] = "dim", [ROLE_KEY] = "key", [ROLE_PROMPT] = "prompt",
	[ROLE_TAB] = "tab", [ROLE_TAB_ACTIVE] = "tab-active", [ROLE_JSON_KEY] = "json-key",
	[ROLE_JSON_STRING] = "json-string", [ROLE_JSON_NUMBER] = "json-number",
	[ROLE_JSON_BOOL] = "json-bool", [ROLE_JSON_NULL] = "json-null",
	[ROLE_INSTRUCTION] = "instruction", [ROLE_BAR] = "bar", [ROLE_MARKED] = "marked",
	[ROLE_ADDED] = "added", [ROLE_MODIFIED] = "modified", [ROLE_REMOVED] = "removed",
};

const char *
draw_role_name(enum role role)
{
	return role < ROLE_COUNT ? role_names[role] : "";
}

int
draw_role_by_name(const char *name)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (strcmp(name, role_names[r]) == 0)
			return r;
	return -1;
}

bool
draw_set_role(enum role role, bool colors, int fg, int bg, attr_t attrs)
{
	if (!colors) {
		if (attrs)
			role_attr[role] = attrs;
		return true;
	}
	if (fg >= COLORS || bg >= COLORS)
		return false;
	/* Pairs after the built-in ones, one a role. */
	short pair = (short)(32 + role);
	if (pair >= COLOR_PAIRS || init_pair(pair, (short)fg, (short)bg) == ERR)
		return false;
	role_attr[role] = COLOR_PAIR(pair) | attrs;
	return true;
}

/* A curses cell holds a character and at most CCHARW_MAX - 1 combining marks: past them
 * waddstr fails and draws nothing more of the line. Drops the marks a cell cannot hold (a
 * terminal would pile them on one cell, unreadable, anyway), in place. */
static void
cap_marks(char *s)
{
	char *out = s, *end = s + strlen(s);
	int marks = 0;
	while (s < end) {
		uint32_t cp;
		size_t len = utf8_decode(s, (size_t)(end - s), &cp);
		if (len == 0)
			len = 1;
		bool mark = len > 1 && wcwidth((wchar_t)cp) == 0;
		marks = mark ? marks + 1 : 0;
		if (!mark || marks < CCHARW_MAX) {
			memmove(out, s, len);
			out += len;
		}
		s += len;
	}
	*out = '\0';
}

int
draw_text(WINDOW *w, int y, int x, const char *s, int width, attr_t attr)
{
	if (width <= 0)
		return 0;
	char stackbuf[512];
	char *clean = NULL;
	if (!sanitize_is_clean(s))
		s = clean = sanitize(s);
	/* Each column needs at most 4 bytes (a UTF-8 sequence), plus the ellipsis; combining marks
	 * take bytes but no column, so a text with more bytes than that gets room for all of them
	 * (cells fit by display width whatever the byte count). */
	size_t need = (size_t)width * 4 + 8, len = strlen(s);
	if (len > need - (size_t)width - 8)
		need = len + (size_t)width + 8;
	char *buf = need <= sizeof(stackbuf) ? stackbuf : xmalloc(need);
	int cols = text_fit(buf, need, s, width, true);
	cap_marks(buf);
	wattrset(w, attr);
	mvwaddstr(w, y, x, buf);
	/* whatever the text did not cover is erased: no cell keeps the previous frame's text */
	for (int c = cols; c < width && getcurx(w) < getmaxx(w); c++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	if (buf != stackbuf)
		free(buf);
	free(clean);
	return cols;
}

void
draw_fill(WINDOW *w, int y, int x, attr_t attr)
{
	int width = getmaxx(w) - x;
	if (width <= 0)
		return;
	wattrset(w, attr);
	wmove(w, y, x);
	for (int i = 0; i < width; i++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
}

int
draw_wrapped(WINDOW *win, int y, int x, int h, int w, const char *s, attr_t attr)
{
	if (w <= 0 || h <= 0)
		return 0;
	char *clean = sanitize(s);
	/* room for all of it, as in draw_text: combining marks take bytes but no column, and a
	 * byte budget per column would cut a line of them short */
	size_t need = (size_t)w * 4 + 8, len0 = strlen(clean);
	if (len0 > need - (size_t)w - 8)
		need = len0 + (size_t)w + 8;
	char *line = xmalloc(need);
	char *p = clean;
	int rows = 0;
	while (*p && rows < h) {
		/* Take as much as fits, then back up to the last space when there is one. */
		text_fit(line, need, p, w, false);
		size_t len = strlen(line);
		bool cut = strncmp(line, p, len) != 0;
		if (cut) {
			/* text_fit added an ellipsis: measure the prefix without it. */
			len = strlen(line) - strlen("\xe2\x80\xa6");
		}
		if (p[len] && p[len] != ' ') {
			const char *sp = memrchr(p, ' ', len);
			if (sp && sp > p)
				len = (size_t)(sp - p);
		}
		if (len == 0) {
			/* Not even one character fits (a wide one in a 1-column box): take it anyway,
			 * draw_text cuts it, and the loop moves on. */
			len = 1;
			while ((p[len] & 0xc0) == 0x80)
				len++;
		}
		char save = p[len];
		p[len] = '\0';
		if (win)
			draw_text(win, y + rows, x, p, w, attr);
		p[len] = save;
		p += len;
		while (*p == ' ')
			p++;
		rows++;
	}
	free(line);
	free(clean);
	return rows;
}

const char *
draw_sort_mark(bool descending)
{
	if (draw_utf8())
		return descending ? " \xe2\x96\xbc" : " \xe2\x96\xb2";
	return descending ? " v" : " ^";
}

bool
draw_utf8(void)
{
	static int utf8 = -1;
	if (utf8 < 0)
		utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return utf8;
}

void
draw_note(WINDOW *w, int y, int height, const char *msg, enum role role)
{
	for (int i = 0; i < height; i++)
		draw_fill(w, y + i, 0, draw_attr(ROLE_NORMAL));
	if (height > 1)
		draw_wrapped(w, y + 1, 2, height - 1, getmaxx(w) - 4, msg, draw_attr(role));
}

void
draw_bar(WINDOW *w, int y, int x, int width, long long value, long long max, bool brackets, attr_t attr)
{
	int inner = brackets ? width - 2 : width;
	if (inner < 1 || value < 0)
		return;
	int cells = max > 0 ? (int)((double)value / (double)max * inner + 0.5) : 0;
	if (value > 0 && cells == 0)
		cells = 1;
	if (cells > inner)
		cells = inner;
	char buf[512];
	size_t k = 0;
	if (brackets)
		buf[k++] = '[';
	for (int i = 0; i < inner && k + 5 < sizeof(buf); i++) {
		if (i < cells && draw_utf8()) {
			memcpy(buf + k, "\xe2\x96\x88", 3);	/* full block */
			k += 3;
		} else {
			buf[k++] = i < cells ? '#' : ' ';
		}
	}
	if (brackets)
		buf[k++] = ']';
	buf[k] = '\0';
	draw_text(w, y, x, buf, width, attr);
}

static int
tab_label(char *label, size_t size, const char *const *names, const long *count, int t)
{
	if (count[t] >= 0)
		snprintf(label, size, " %s (%ld) ", _(names[t]), count[t]);
	else
		snprintf(label, size, " %s ", _(names[t]));
	return text_width(label);
}

void
draw_tabs(WINDOW *w, int y, const char *const *names, const long *count, int n, int active)
{
	int x = 0, cols = getmaxx(w);
	draw_fill(w, y, 0, draw_attr(ROLE_NORMAL));
	for (int t = 0; t < n && x < cols; t++) {
		char label[96];
		int lw = tab_label(label, sizeof(label), names, count, t);
		if (lw > cols - x)
			lw = cols - x;
		draw_text(w, y, x, label, lw, draw_attr(t == active ? ROLE_TAB_ACTIVE : ROLE_TAB));
		x += lw + 1;
	}
}

int
draw_tab_at(const char *const *names, const long *count, int n, int x)
{
	int at = 0;
	for (int t = 0; t < n; t++) {
		char label[96];
		int lw = tab_label(label, sizeof(label), names, count, t);
		if (x >= at && x < at + lw)
			return t;
		at += lw + 1;
	}
	return -1;
}
