#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#include "draw.h"
#include "i18n.h"
#include "terminal.h"
#include "xalloc.h"

static SCREEN *screen;
static bool colors;

static bool
terminfo_exists(const char *name)
{
	int err = 0;
	if (setupterm(name, STDOUT_FILENO, &err) != OK)
		return false;
	del_curterm(cur_term);
	cur_term = NULL;
	return true;
}

bool
term_start(char **note, char **err)
{
	*note = NULL;
	*err = NULL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*err = xstrdup(_("standard input and output must be a terminal"));
		return false;
	}
	const char *term = getenv("TERM");
	const char *use = term && *term ? term : NULL;
	if (!use || !terminfo_exists(use)) {
		static const char *const fallbacks[] = { "xterm-256color", "xterm", "vt100", "ansi", "dumb" };
		use = NULL;
		for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]) && !use; i++)
			if (terminfo_exists(fallbacks[i]))
				use = fallbacks[i];
		if (!use) {
			*err = xasprintf(_("No terminfo entry for TERM=%s nor any fallback; install ncurses-base"),
					 term ? term : "");
			return false;
		}
		*note = xasprintf(_("Unknown terminal type \"%s\": using %s"), term ? term : "", use);
	}
	screen = newterm(use, stdout, stdin);
	if (!screen) {
		*err = xasprintf(_("Cannot start the terminal %s"), use);
		return false;
	}
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* Lets ncurses scroll with insert/delete line instead of repainting rows. */
	idlok(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors = getenv("NO_COLOR") == NULL && has_colors();
	if (colors) {
		start_color();
		use_default_colors();
	}
	draw_init_colors(colors);
	return true;
}

void
term_stop(void)
{
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
}

bool
term_has_colors(void)
{
	return colors;
}
