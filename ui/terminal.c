#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "draw.h"
#include "i18n.h"
#include "terminal.h"
#include "xalloc.h"

static SCREEN *screen;
static bool colors;

/* ---- giving the terminal back from a signal handler ------------------------------------ */

/* The tty's settings before curses changed them, and the bytes that undo what curses sent
 * (attributes, the hidden cursor, keypad mode, the alternate screen or, without one, the last
 * screen): all a handler needs, with write(2) and tcsetattr(3) only, both async-signal-safe. */
static struct termios shell_tio;
static bool have_shell_tio;
static char restore_seq[512];
static size_t restore_len;
static volatile sig_atomic_t active;	/* curses has the terminal: a handler gives it back */

/* The signals after which budu does not go on: the terminal first, then what the signal did
 * before (the default action, so that a core and the exit status stay right, or the handler
 * that was there, such as a sanitizer's). */
static const int fatal_signals[] = {
	SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGXCPU, SIGXFSZ,
};
static struct sigaction old_action[NSIG];
static bool installed[NSIG];

/* Ctrl-C: a byte down this pipe for each, read by the loop (term_interrupts). */
static int interrupt_pipe[2] = { -1, -1 };

static void
restore_now(void)
{
	if (!active)
		return;
	active = 0;
	/* Suspended (Ctrl-Z), budu gave the terminal back already and the shell has it now. */
	if (tcgetpgrp(STDOUT_FILENO) != getpgrp())
		return;
	for (size_t off = 0; off < restore_len;) {
		ssize_t n = write(STDOUT_FILENO, restore_seq + off, restore_len - off);
		if (n > 0)
			off += (size_t)n;
		else if (n < 0 && errno == EINTR)
			continue;
		else
			break;
	}
	if (have_shell_tio)
		tcsetattr(STDOUT_FILENO, TCSADRAIN, &shell_tio);
}

static void
on_fatal(int sig, siginfo_t *info, void *uctx)
{
	int saved_errno = errno;
	restore_now();
	const struct sigaction *old = &old_action[sig];
	if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) {
		old->sa_sigaction(sig, info, uctx);
	} else if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
	} else {
		struct sigaction dfl;
		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		sigemptyset(&dfl.sa_mask);
		sigaction(sig, &dfl, NULL);
		/* A fault (si_code > 0: the kernel's, not kill's) comes again on return from the
		 * instruction that made it, so the core shows where. Else the default action now:
		 * the signal is blocked in its handler, so unblock it too. */
		bool fault = info && info->si_code > 0 &&
			(sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL);
		if (!fault) {
			raise(sig);
			sigset_t set;
			sigemptyset(&set);
			sigaddset(&set, sig);
			sigprocmask(SIG_UNBLOCK, &set, NULL);
		}
	}
	errno = saved_errno;
}

static void
on_interrupt(int sig)
{
	(void)sig;
	int saved_errno = errno;
	if (interrupt_pipe[1] >= 0) {
		ssize_t n = write(interrupt_pipe[1], "i", 1);
		(void)n;	/* a full pipe already says it */
	}
	errno = saved_errno;
}

/* Takes sig unless it is ignored (nohup's SIGHUP stays ignored). */
static void
take(int sig, void (*fn)(int), void (*fn_info)(int, siginfo_t *, void *))
{
	struct sigaction sa;
	if (sigaction(sig, NULL, &old_action[sig]) != 0 || old_action[sig].sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sigfillset(&sa.sa_mask);
	if (fn_info) {
		sa.sa_sigaction = fn_info;
		sa.sa_flags = SA_SIGINFO | SA_RESTART;
	} else {
		sa.sa_handler = fn;
		sa.sa_flags = SA_RESTART;
	}
	if (sigaction(sig, &sa, NULL) == 0)
		installed[sig] = true;
}

static void
untake(int sig)
{
	if (installed[sig])
		sigaction(sig, &old_action[sig], NULL);
	installed[sig] = false;
}

/* Before newterm: ncurses then leaves SIGINT and SIGTERM to us (it takes only those still at
 * their default). SIGTSTP and SIGWINCH stay ncurses'. */
static void
install_handlers(void)
{
	if (interrupt_pipe[0] < 0 && pipe(interrupt_pipe) == 0) {
		for (int i = 0; i < 2; i++) {
			fcntl(interrupt_pipe[i], F_SETFD, FD_CLOEXEC);
			fcntl(interrupt_pipe[i], F_SETFL, O_NONBLOCK);
		}
	}
	if (interrupt_pipe[0] >= 0)
		take(SIGINT, on_interrupt, NULL);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		take(fatal_signals[i], NULL, on_fatal);
}

static int
add_byte(int c)
{
	if (restore_len < sizeof(restore_seq))
		restore_seq[restore_len++] = (char)c;
	return c;
}

static void
add_cap(const char *name)
{
	char *s = tigetstr(name);
	if (s && s != (char *)-1)
		tputs(s, 1, add_byte);
}

static bool
has_cap(const char *name)
{
	char *s = tigetstr(name);
	return s && s != (char *)-1 && *s;
}

/* What endwin sends, made once while curses runs: attributes and colours off, the cursor
 * shown, keypad mode off, then the main screen back, or the screen cleared where there is no
 * alternate one (TERM=linux, vt100), as the last frame must not stay behind. */
static void
make_restore_seq(void)
{
	restore_len = 0;
	add_cap("sgr0");
	add_cap("op");
	add_cap("cnorm");
	add_cap("rmkx");
	/* mouse reports off (ncurses turns them on with these xterm modes where kmous exists) */
	if (has_cap("kmous"))
		for (const char *m = "\033[?1006l\033[?1002l\033[?1000l"; *m; m++)
			add_byte(*m);
	if (has_cap("rmcup"))
		add_cap("rmcup");
	else
		add_cap("clear");
}

/* ---- starting and stopping --------------------------------------------------------------- */

/* TERM's terminfo entry exists; *usable when it can place the cursor (dumb, hardcopy cannot). */
static bool
terminfo_exists(const char *name, bool *usable)
{
	int err = 0;
	if (setupterm(name, STDOUT_FILENO, &err) != OK)
		return false;
	*usable = has_cap("cup");
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
	bool usable = false;
	if (use && terminfo_exists(use, &usable)) {
		if (!usable) {
			/* TERM=dumb (Emacs' shell, some CI logs): a blank screen would be all budu could
			 * show. */
			*err = xasprintf(_("TERM=%s cannot move the cursor, and budu draws the whole screen: run it "
					   "in a terminal such as xterm (TERM=xterm-256color)"), use);
			return false;
		}
	} else {
		static const char *const fallbacks[] = { "xterm-256color", "xterm", "vt100", "ansi" };
		use = NULL;
		for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]) && !use; i++)
			if (terminfo_exists(fallbacks[i], &usable) && usable)
				use = fallbacks[i];
		if (!use) {
			*err = xasprintf(_("No terminfo entry for TERM=%s nor any fallback; install ncurses-base"),
					 term ? term : "");
			return false;
		}
		*note = xasprintf(_("Unknown terminal type \"%s\": using %s"), term ? term : "", use);
	}
	have_shell_tio = tcgetattr(STDOUT_FILENO, &shell_tio) == 0;
	install_handlers();
	screen = newterm(use, stdout, stdin);
	if (!screen) {
		*err = xasprintf(_("Cannot start the terminal %s"), use);
		term_stop();
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
	make_restore_seq();
	/* ncurses 6.4 sends its buffer after every cursor move until the screen has once been
	 * left and resumed (that first state is for programs that move the cursor without
	 * curses), so each frame went out a row at a time: a write, a pty wake-up and, over
	 * ssh, a packet per row. Left and resumed once, before anything is drawn, it writes
	 * each frame at once, as it does after a shell-out. */
	endwin();
	doupdate();
	active = 1;
	return true;
}

int
term_rows(void)
{
	if (screen && LINES > 0)
		return LINES;
	const char *env = getenv("LINES");
	int n = env ? atoi(env) : 0;
	struct winsize ws;
	if (n <= 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		n = ws.ws_row;
	return n > 0 ? n : 24;
}

void
term_stop(void)
{
	if (screen) {
		endwin();
		/* Without an alternate screen the last frame would stay: clear it. */
		if (!has_cap("rmcup") && has_cap("clear")) {
			putp(tigetstr("clear"));
			fflush(stdout);
		}
		active = 0;
		delscreen(screen);
		screen = NULL;
	}
	/* Ctrl-C from now on ends budu at once: nothing reads the pipe any more. */
	untake(SIGINT);
}

int
term_interrupt_fd(void)
{
	return interrupt_pipe[0];
}

int
term_interrupts(void)
{
	char buf[64];
	int n = 0, saved_errno = errno;	/* a caller may still look at poll's EINTR */
	ssize_t r;
	while (interrupt_pipe[0] >= 0 && (r = read(interrupt_pipe[0], buf, sizeof(buf))) > 0)
		n += (int)r;
	errno = saved_errno;
	return n;
}

bool
term_mouse(bool on)
{
	if (!screen)
		return false;
	/* On the Linux console ncurses would load libgpm, which keeps what it allocates to the end
	 * (LeakSanitizer reports it) and does nothing over ssh or in a terminal emulator: the
	 * console goes without budu's mouse. */
	const char *term = getenv("TERM");
	if (on && term && strncmp(term, "linux", 5) == 0)
		return false;
	/* ncurses tells a click from a double-click (events read together are resolved as one
	 * run, so the app could not time them itself); the wheel comes as presses. */
	mouseinterval(250);
	mmask_t want = on ? BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED : 0;
	mmask_t got = mousemask(want, NULL);
	return on ? (got & BUTTON1_CLICKED) != 0 : true;
}

bool
term_has_colors(void)
{
	return colors;
}
