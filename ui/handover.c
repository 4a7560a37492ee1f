/* The terminal handed over to a process in a container (exec, attach): curses is suspended,
 * the terminal goes raw, and the bytes go both ways over the hijacked connection until the
 * process ends or the detach keys are typed; window size changes follow. Then curses comes
 * back as it was. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "handover.h"
#include "hijack.h"
#include "i18n.h"
#include "terminal.h"

static void
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Without a TTY the engine sends stdcopy frames: 8-byte header, then the payload. */
struct demux {
	unsigned char hdr[8];
	size_t hlen;
	size_t left;
	int fd;
};

static void
demux_feed(struct demux *d, const char *p, size_t n)
{
	while (n > 0) {
		if (d->left == 0) {
			d->hdr[d->hlen++] = (unsigned char)*p++;
			n--;
			if (d->hlen == 8) {
				d->fd = d->hdr[0] == 2 ? STDERR_FILENO : STDOUT_FILENO;
				d->left = (size_t)d->hdr[4] << 24 | (size_t)d->hdr[5] << 16 | (size_t)d->hdr[6] << 8 | d->hdr[7];
				d->hlen = 0;
			}
			continue;
		}
		size_t k = n < d->left ? n : d->left;
		write_all(d->fd, p, k);
		p += k;
		n -= k;
		d->left -= k;
	}
}

static void
window_size(int *rows, int *cols)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	} else {
		*rows = LINES;
		*cols = COLS;
	}
}

/* Ctrl-P Ctrl-Q, docker's detach keys. The engine watches for them in what it reads from
 * stdin; budu watches too, because a container without stdin never reads them. */
static bool
detach_typed(const char *buf, size_t n, bool *half)
{
	for (size_t i = 0; i < n; i++) {
		if (*half && buf[i] == 0x11)
			return true;
		*half = buf[i] == 0x10;
	}
	return false;
}

void
handover_run(struct hijack *h, bool tty, const char *banner, handover_resize_fn resize, void *ctx)
{
	bool half = false;
	def_prog_mode();
	endwin();
	struct termios saved, raw;
	bool have_tty = tcgetattr(STDIN_FILENO, &saved) == 0;
	if (banner) {
		write_all(STDOUT_FILENO, banner, strlen(banner));
		write_all(STDOUT_FILENO, "\r\n", 2);
	}
	if (have_tty && tty) {
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	int rows = 0, cols = 0;
	window_size(&rows, &cols);
	if (resize && tty)
		resize(ctx, rows, cols);
	struct demux dm = { .fd = STDOUT_FILENO };
	bool stdin_open = true;
	for (;;) {
		/* Without a TTY the terminal is not raw: Ctrl-C is a signal, not a byte for the
		 * process. It leaves the session, as it leaves `docker exec -i` (not budu). */
		struct pollfd fds[3] = {
			{ .fd = hijack_fd(h), .events = POLLIN },
			{ .fd = stdin_open ? STDIN_FILENO : -1, .events = POLLIN },
			{ .fd = term_interrupt_fd(), .events = POLLIN },
		};
		/* A resize is noticed within half a second (SIGWINCH also wakes poll). */
		int rc = poll(fds, 3, 500);
		if (rc < 0 && errno != EINTR)
			break;
		if (term_interrupts() > 0)
			break;
		int r2, c2;
		window_size(&r2, &c2);
		if (tty && resize && (r2 != rows || c2 != cols)) {
			rows = r2;
			cols = c2;
			resize(ctx, rows, cols);
		}
		if (rc <= 0)
			continue;
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			char buf[16384];
			long n = hijack_read(h, buf, sizeof(buf));
			if (n == 0 || n == -1)
				break;	/* the process ended, or detached */
			if (n > 0) {
				if (tty)
					write_all(STDOUT_FILENO, buf, (size_t)n);
				else
					demux_feed(&dm, buf, (size_t)n);
			}
		}
		if (stdin_open && (fds[1].revents & (POLLIN | POLLHUP))) {
			char buf[4096];
			ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n > 0) {
				bool detach = detach_typed(buf, (size_t)n, &half);
				if (hijack_write(h, buf, (size_t)n) < 0 || detach)
					break;
			} else if (n == 0) {
				stdin_open = false;
				hijack_close_write(h);
			}
		}
	}
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}
