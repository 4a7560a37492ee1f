#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_private.h"
#include "draw.h"
#include "format.h"
#include "help.h"
#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

static const struct keymap_chain images_chain = { .scope = { KEYMAP_IMAGES }, .n = 1 };

static const struct keymap_chain jobs_chain = { .scope = { KEYMAP_JOBS }, .n = 1 };
static const struct keymap_chain search_chain = { .scope = { KEYMAP_SEARCH }, .n = 1 };

const struct keymap_chain *
app_chain(const struct app *app)
{
	if (app->show_jobs)
		return &jobs_chain;
	if (app->show_search)
		return &search_chain;
	return app->details ? details_view_chain(app->details) : &images_chain;
}

/* Rows of the list on screen, the page size for PgUp/PgDn. */
int
app_list_rows(const struct app *app)
{
	int h = LINES - 3 - (app->term_note ? 1 : 0);
	return h > 1 ? h : 1;
}

/* ---- drawing -------------------------------------------------------------- */

static void
draw_title(struct app *app, int cols)
{
	char left[256], right[256];
	if (app->show_jobs) {
		snprintf(left, sizeof(left), " budu  %s", _("Jobs"));
		snprintf(right, sizeof(right), "%s ", _("x cancels, c clears finished, Esc back"));
	} else if (app->show_search) {
		snprintf(left, sizeof(left), " budu  %s", _("Search"));
		snprintf(right, sizeof(right), "%s ", _("/ search, f filters, r repository, Enter opens, p pulls"));
	} else if (app->details) {
		/* Where you are: the list, then the image. */
		snprintf(left, sizeof(left), " budu  %s \xe2\x80\xba %s", _("Images"), details_view_title(app->details));
		right[0] = '\0';
	} else {
		char cmd[96];
		images_view_describe(app->images, cmd, sizeof(cmd));
		static const char *const usage[USAGE_COUNT] = { "", N_("unused only"), N_("in use only") };
		enum usage_filter u = images_view_usage(app->images);
		snprintf(left, sizeof(left), " budu  %s  %s %s%s%s", _("Images"), _("sort:"),
			 image_sort_name(images_view_sort(app->images)), u ? "  \xc2\xb7 " : "", u ? _(usage[u]) : "");
		/* The equivalent docker command, right-aligned: what you see is what it would print. */
		snprintf(right, sizeof(right), "%s ", cmd);
	}
	if (app->demo_note) {
		char note[sizeof(right)];
		snprintf(note, sizeof(note), "%s", right);
		snprintf(right, sizeof(right), "[%.100s]  %.120s", app->demo_note, note);
	}
	draw_text(stdscr, 0, 0, left, cols, draw_attr(ROLE_TITLE));
	int rw = text_width(right);
	if (rw && rw < cols - text_width(left) - 2)
		draw_text(stdscr, 0, cols - rw, right, rw, draw_attr(ROLE_TITLE));
}

/* The status line: address, engine, images, size, filter matches. detail 3 has it all, 2 drops
 * the API version, 1 the engine's version, 0 the address too. */
static char *
status_text(struct app *app, int detail)
{
	struct strbuf sb = STRBUF_INIT;
	if (detail > 0)
		sb_printf(&sb, " %s ·", engine_host(app->engine)->display);
	if (app->conn == CONN_UP && app->info.engine_version[0] && detail > 1) {
		sb_printf(&sb, " Docker %s", app->info.engine_version);
		if (detail > 2)
			sb_printf(&sb, " (API %s)", app->info.api_version);
		sb_puts(&sb, " ·");
	} else if (app->conn == CONN_DOWN) {
		sb_printf(&sb, " %s ·", _("not connected"));
	}
	if (images_view_has_data(app->images)) {
		char size[32];
		format_size(size, sizeof(size), images_view_total_size(app->images));
		size_t n = images_view_image_count(app->images);
		sb_puts(&sb, " ");
		sb_printf(&sb, ngettext("%zu image", "%zu images", n), n);
		sb_printf(&sb, " · %s", size);
		if (images_view_filter(app->images)[0]) {
			sb_printf(&sb, " · ");
			sb_printf(&sb, _("%zu of %zu rows match"), images_view_visible_count(app->images),
				  images_view_row_count(app->images));
		}
		size_t marks = images_view_mark_count(app->images);
		if (marks) {
			sb_printf(&sb, " · ");
			sb_printf(&sb, ngettext("%zu marked", "%zu marked", marks), marks);
		}
	}
	/* Running jobs show from every panel. */
	char *jobs = joblist_status(&app->jobs);
	if (jobs) {
		sb_printf(&sb, "%s %s", sb.len ? " ·" : "", jobs);
		free(jobs);
	} else if (sb.len >= 2 && strcmp(sb.buf + sb.len - 2, " \xc2\xb7") == 0) {
		sb.len -= 3;	/* the dangling " ·" */
		sb.buf[sb.len] = '\0';
	}
	return sb_detach(&sb);
}

static void
draw_status(struct app *app, int y, int cols)
{
	if (app->prompt.kind != PROMPT_NONE) {
		prompt_draw(&app->prompt, stdscr, y);
		return;
	}
	curs_set(0);
	if (app->message) {
		draw_text(stdscr, y, 0, app->message, cols,
			  draw_attr(app->message_is_error ? ROLE_ERROR : ROLE_NOTE));
		return;
	}
	const char *right = _("? help ");
	int rw = text_width(right);
	/* Most detail first; on a narrow terminal drop the engine's API, its version, then the address. */
	char *left = NULL;
	for (int detail = 3; detail >= 0; detail--) {
		free(left);
		left = status_text(app, detail);
		if (text_width(left) <= cols - rw)
			break;
	}
	/* draw_text pads the left part up to where the help key starts. */
	draw_text(stdscr, y, 0, left, cols > rw ? cols - rw : cols, draw_attr(ROLE_STATUS));
	free(left);
	if (cols > rw)
		draw_text(stdscr, y, cols - rw, right, rw, draw_attr(ROLE_STATUS));
}

static void
draw_engine_state(struct app *app, int y, int rows, int cols)
{
	for (int i = 0; i < rows; i++)
		draw_fill(stdscr, y + i, 0, draw_attr(ROLE_NORMAL));
	if (app->conn == CONN_DOWN && app->conn_error) {
		int used = draw_wrapped(stdscr, y + 1, 2, rows - 3, cols - 4, app->conn_error,
					draw_attr(ROLE_ERROR));
		long long wait = app->retry_at ? (app->retry_at - now_ms() + 999) / 1000 : 0;
		char line[160];
		snprintf(line, sizeof(line), _("Retrying in %lld s; R retries now, q quits."), wait > 0 ? wait : 0);
		if (rows > used + 2)
			draw_text(stdscr, y + 2 + used, 2, line, cols - 4, draw_attr(ROLE_NOTE));
	} else {
		char line[256];
		snprintf(line, sizeof(line), _("Connecting to the Docker engine at %s…"),
			 engine_host(app->engine)->display);
		draw_text(stdscr, y + 1, 2, line, cols - 4, draw_attr(ROLE_NOTE));
	}
}

void
draw_screen(struct app *app)
{
	int rows = LINES, cols = COLS;
	if (rows < 3 || cols < 10) {
		werase(stdscr);
		draw_text(stdscr, 0, 0, _("Terminal too small"), cols, draw_attr(ROLE_ERROR));
		wnoutrefresh(stdscr);
		return;
	}
	draw_title(app, cols);
	int body_y = 1, body_h = rows - 2;
	if (app->term_note && body_h > 2) {
		draw_text(stdscr, body_y, 0, app->term_note, cols, draw_attr(ROLE_NOTE));
		body_y++;
		body_h--;
	}
	if (app->show_jobs) {
		jobs_view_draw(app->jobs_view, stdscr, body_y, body_h, now_ms());
	} else if (app->show_search) {
		search_view_draw(app->search_view, stdscr, body_y, body_h);
	} else if (app->details) {
		details_view_draw(app->details, stdscr, body_y, body_h, time(NULL));
	} else if (images_view_has_data(app->images) && app->conn != CONN_DOWN) {
		images_view_draw(app->images, stdscr, body_y, body_h, time(NULL));
		if (images_view_visible_count(app->images) == 0 && body_h > 2) {
			const char *empty = images_view_filter(app->images)[0]
				? _("No image matches the filter; Esc clears it.")
				: _("No images on this engine.");
			draw_text(stdscr, body_y + 2, 2, empty, cols - 4, draw_attr(ROLE_DIM));
		}
	} else {
		draw_engine_state(app, body_y, body_h, cols);
	}
	draw_status(app, rows - 1, cols);
	if (app->dialog.open)
		dialog_draw(&app->dialog, stdscr);
	if (app->help) {
		int lines = help_draw(stdscr, app_chain(app), app->help_scroll);
		if (app->help_scroll >= lines)
			app->help_scroll = lines > 0 ? lines - 1 : 0;
	}
	wnoutrefresh(stdscr);
}

