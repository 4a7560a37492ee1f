/* A modal confirmation over the screen: a title, the lines that say what will happen (what
 * goes, the equivalent docker command), optional switches toggled by a key (force, no-prune),
 * and y to proceed, n or Esc to cancel — the same keys for every confirmation in budu. */
#ifndef BUDU_DIALOG_H
#define BUDU_DIALOG_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define DIALOG_MAX_SWITCHES 4

struct dialog_switch {
	int key;		/* 'f' */
	char *label;		/* translated: "force (-f)"; owned */
	bool on;
};

struct dialog;

struct dialog_ops {
	/* y: do it. The dialog closes after, unless yes opened another. */
	void (*yes)(void *ctx, struct dialog *d);
	/* A switch was toggled: refill the dialog (dialog_open again, same ops). NULL: none. */
	void (*changed)(void *ctx, struct dialog *d, int key);
};

struct dialog {
	bool open;
	const struct dialog_ops *ops;
	void *ctx;
	char *title;
	char **lines;		/* sanitized when drawn */
	size_t nlines;
	struct dialog_switch sw[DIALOG_MAX_SWITCHES];
	int nsw;
	int scroll;
	bool can_proceed;	/* false: an informative box that only closes (nothing to do) */
	int changed_key;	/* the switch key of the last DIALOG_CHANGED */
};

enum dialog_result { DIALOG_NONE, DIALOG_YES, DIALOG_NO, DIALOG_CHANGED };

void dialog_open(struct dialog *d, const char *title, const struct dialog_ops *ops, void *ctx);
void dialog_add_line(struct dialog *d, const char *line);
/* A line made by printf, however long (no fixed buffer cuts a name: drawn, a line wider than
 * the dialog ends in "…"). */
void dialog_add_linef(struct dialog *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dialog_add_switch(struct dialog *d, int key, const char *label, bool on);
bool dialog_switch(const struct dialog *d, int key);
void dialog_close(struct dialog *d);
enum dialog_result dialog_key(struct dialog *d, wint_t ch, bool is_key);
/* dialog_key, then what it means: yes, changed, or closing. */
void dialog_handle(struct dialog *d, wint_t ch, bool is_key);
void dialog_draw(const struct dialog *d, WINDOW *w);

#endif
