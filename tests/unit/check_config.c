/* The config file: every directive parsed, every mistake reported at its line (and the line
 * changing nothing), then applied: rebound keys act in the key tables and the help's reading
 * of them, settings come back as the views read them. */
#include "config.h"

#include <check.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_apply.h"
#include "config_file.h"
#include "draw.h"
#include "keymap.h"
#include "view.h"
#include "xalloc.h"

/* Parses text into a fresh config. */
static struct config
parsed(const char *text)
{
	struct config c;
	config_init(&c);
	config_parse(&c, text);
	return c;
}

/* Asserts text gives exactly one mistake, at line, whose text holds needle. */
static void
one_mistake(const char *text, int line, const char *needle)
{
	struct config c = parsed(text);
	ck_assert_msg(c.nerrors == 1, "%s: %zu mistakes", text, c.nerrors);
	ck_assert_int_eq(c.errors[0].line, line);
	ck_assert_msg(strstr(c.errors[0].text, needle), "%s: '%s' lacks '%s'", text, c.errors[0].text, needle);
	/* The bad line set nothing. */
	ck_assert_uint_eq(c.nbinds, 0);
	ck_assert_uint_eq(c.ncolors, 0);
	ck_assert_ptr_null(c.default_panel.value);
	ck_assert_ptr_null(c.images_sort.value);
	ck_assert_int_eq(c.mouse, -1);
	ck_assert_int_eq(c.confirm_quit, -1);
	ck_assert_int_eq(c.log_lines, 0);
	config_free(&c);
}

START_TEST(comments_and_blanks)
{
	struct config c = parsed("# a comment\n\n   \t\n  # indented\r\nbind images x remove # after\n");
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_uint_eq(c.nbinds, 1);
	ck_assert_int_eq(c.binds[0].line, 5);
	ck_assert_str_eq(c.binds[0].table, "images");
	ck_assert_int_eq(c.binds[0].key, 'x');
	ck_assert_str_eq(c.binds[0].action, "remove");
	config_free(&c);
}
END_TEST

START_TEST(key_names)
{
	static const struct { const char *name; int key; } keys[] = {
		{ "x", 'x' }, { "X", 'X' }, { "@", '@' }, { "^X", 0x18 }, { "^x", 0x18 }, { "Ctrl-L", 0x0c },
		{ "ctrl-a", 0x01 }, { "F1", CONFIG_KEY_F0 + 1 }, { "F12", CONFIG_KEY_F0 + 12 },
		{ "Enter", '\r' }, { "Esc", 27 }, { "Tab", '\t' }, { "Space", ' ' }, { "Up", CONFIG_KEY_UP },
		{ "Down", CONFIG_KEY_DOWN }, { "Left", CONFIG_KEY_LEFT }, { "Right", CONFIG_KEY_RIGHT },
		{ "PgUp", CONFIG_KEY_PGUP }, { "PgDn", CONFIG_KEY_PGDN }, { "Home", CONFIG_KEY_HOME },
		{ "End", CONFIG_KEY_END }, { "pgdn", CONFIG_KEY_PGDN }, { "Shift-Tab", CONFIG_KEY_BTAB },
		{ "^", '^' },
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ck_assert_msg(config_parse_key(keys[i].name) == keys[i].key, "%s", keys[i].name);
	static const char *const bad[] = { "F0", "F13", "F1x", "^1", "Ctrl-", "Foo", "\xc3\xa9", "xy", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(config_parse_key(bad[i]) == -1, "%s", bad[i]);
	/* '#' is a key when quoted. */
	struct config c = parsed("bind images '#' pull\nbind generic \"Ctrl-R\" reload\n");
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_int_eq(c.binds[0].key, '#');
	ck_assert_int_eq(c.binds[1].key, 0x12);
	config_free(&c);
}
END_TEST

START_TEST(colors)
{
	struct config c = parsed("color selected black cyan bold underline\n"
				 "colour title default 33\n"
				 "color header color200 white normal reverse dim blink standout italic\n");
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_uint_eq(c.ncolors, 3);
	ck_assert_str_eq(c.colors[0].role, "selected");
	ck_assert_int_eq(c.colors[0].fg, 0);
	ck_assert_int_eq(c.colors[0].bg, 6);
	ck_assert_uint_eq(c.colors[0].attrs, CONFIG_ATTR_BOLD | CONFIG_ATTR_UNDERLINE);
	ck_assert_int_eq(c.colors[1].fg, CONFIG_COLOR_DEFAULT);
	ck_assert_int_eq(c.colors[1].bg, 33);
	ck_assert_uint_eq(c.colors[1].attrs, 0);
	ck_assert_int_eq(c.colors[2].fg, 200);
	ck_assert_uint_eq(c.colors[2].attrs, CONFIG_ATTR_REVERSE | CONFIG_ATTR_DIM | CONFIG_ATTR_BLINK |
			  CONFIG_ATTR_STANDOUT | CONFIG_ATTR_ITALIC);
	ck_assert_int_eq(c.colors[2].line, 3);
	config_free(&c);
}
END_TEST

START_TEST(settings)
{
	struct config c = parsed("set default-panel = containers\n"
				 "set images-sort = size reverse\n"
				 "set containers-sort name\n"
				 "set mouse = off\n"
				 "set confirm-quit = no\n"
				 "set log-lines = 5000\n"
				 "set confirm-remove = yes\n");
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_str_eq(c.default_panel.value, "containers");
	ck_assert_int_eq(c.default_panel.line, 1);
	ck_assert_str_eq(c.images_sort.value, "size");
	ck_assert(c.images_sort.reverse);
	ck_assert_str_eq(c.containers_sort.value, "name");
	ck_assert(!c.containers_sort.reverse);
	ck_assert_int_eq(c.mouse, 0);
	ck_assert_int_eq(c.confirm_quit, 0);
	ck_assert_int_eq(c.log_lines, 5000);
	config_free(&c);
	c = parsed("set mouse = yes\nset confirm-quit on\n");
	ck_assert_int_eq(c.mouse, 1);
	ck_assert_int_eq(c.confirm_quit, 1);
	config_free(&c);
}
END_TEST

/* Every mistake the core finds, each at its line, after good lines. */
START_TEST(mistakes_have_their_line)
{
	one_mistake("\n\nfrob x\n", 3, "unknown directive 'frob'");
	one_mistake("# c\nbind images x\n", 2, "bind takes a key table");
	one_mistake("bind images x remove extra\n", 1, "bind takes");
	one_mistake("\nbind images Foo remove\n", 2, "unknown key 'Foo'");
	struct config h = parsed("bind images Foo remove\n");
	ck_assert_ptr_nonnull(strstr(h.errors[0].hint, "^X, F1..F12, Enter"));
	h.path = xstrdup("cfg");
	char *text = config_errors_text(&h);
	ck_assert_str_eq(text, "cfg:1: unknown key 'Foo' (the defaults are used for this line); "
			       "budu --check-config says what it can be");
	free(text);
	config_free(&h);
	one_mistake("\n\n\n\nbind images 'x remove\n", 5, "quote");
	one_mistake("color selected black\n", 1, "color takes a role");
	one_mistake("\ncolor selected black pink\n", 2, "unknown colour 'pink'");
	one_mistake("color selected color256 cyan\n", 1, "unknown colour 'color256'");
	one_mistake("color selected black cyan fat\n", 1, "unknown attribute 'fat'");
	one_mistake("set\n", 1, "set takes a setting");
	one_mistake("set colour = red\n", 1, "unknown setting 'colour'");
	one_mistake("set mouse =\n", 1, "mouse needs a value");
	one_mistake("set mouse = maybe\n", 1, "mouse is yes or no, not 'maybe'");
	one_mistake("set confirm-quit = sometimes\n", 1, "confirm-quit is yes or no");
	one_mistake("\nset log-lines = 50\n", 2, "log-lines is a number from 100 to 1000000, not '50'");
	one_mistake("set log-lines = 5k\n", 1, "not '5k'");
	one_mistake("set log-lines = 99999999999999999999\n", 1, "log-lines is a number");
	one_mistake("set default-panel = a b\n", 1, "default-panel takes one word");
	one_mistake("set images-sort = size backwards\n", 1, "images-sort takes a column");
	/* The confirmations of what removes, overwrites or publishes stay. */
	one_mistake("set confirm-remove = no\n", 1, "confirm-remove cannot be turned off");
	one_mistake("set confirm-prune = off\n", 1, "confirm-prune cannot be turned off");
	one_mistake("set confirm-overwrite = no\n", 1, "cannot be turned off");
	one_mistake("set confirm-push = no\n", 1, "cannot be turned off");
	one_mistake("set confirm-logout = no\n", 1, "cannot be turned off");
}
END_TEST

START_TEST(good_lines_stay_around_bad_ones)
{
	struct config c = parsed("bind images x remove\nbind images x\nset mouse = off\nset mouse = maybe\n");
	ck_assert_uint_eq(c.nerrors, 2);
	ck_assert_int_eq(c.errors[0].line, 2);
	ck_assert_int_eq(c.errors[1].line, 4);
	ck_assert_uint_eq(c.nbinds, 1);
	ck_assert_int_eq(c.mouse, 0);
	/* The status line: the first, where, what budu did, how many more. */
	c.path = xstrdup("~/.config/budu/config");
	char *text = config_errors_text(&c);
	ck_assert_str_eq(text, "~/.config/budu/config:2: bind takes a key table, a key and an action "
			       "(bind images x remove) (the defaults are used for this line); 1 more: "
			       "budu --check-config lists it");
	free(text);
	char *list = config_errors_list(&c);
	ck_assert_ptr_nonnull(strstr(list, "~/.config/budu/config:2: bind takes"));
	ck_assert_ptr_nonnull(strstr(list, "\n~/.config/budu/config:4: mouse is yes or no, not 'maybe'\n"));
	free(list);
	/* Mistakes found later (by the UI) still come in the file's order. */
	config_error(&c, 3, "late");
	ck_assert_int_eq(c.errors[1].line, 3);
	ck_assert_str_eq(c.errors[1].text, "late");
	config_free(&c);
	c = parsed("");
	ck_assert_ptr_null(config_errors_text(&c));
	config_free(&c);
}
END_TEST

START_TEST(paths)
{
	bool given;
	char *p;
	setenv("HOME", "/home/u", 1);
	unsetenv("BUDU_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	p = config_path(NULL, &given);
	ck_assert_str_eq(p, "/home/u/.config/budu/config");
	ck_assert(!given);
	free(p);
	setenv("XDG_CONFIG_HOME", "/x", 1);
	p = config_path(NULL, &given);
	ck_assert_str_eq(p, "/x/budu/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);	/* ignored, as the spec says */
	p = config_path(NULL, &given);
	ck_assert_str_eq(p, "/home/u/.config/budu/config");
	free(p);
	setenv("BUDU_CONFIG", "/etc/b", 1);
	p = config_path(NULL, &given);
	ck_assert_str_eq(p, "/etc/b");
	ck_assert(given);
	free(p);
	p = config_path("/dev/null", &given);
	ck_assert_str_eq(p, "/dev/null");
	ck_assert(given);
	free(p);
	unsetenv("BUDU_CONFIG");
	unsetenv("XDG_CONFIG_HOME");

	/* Missing: silent by default, a mistake when named. */
	struct config c;
	config_init(&c);
	config_load(&c, "/home/u/.config/budu/config-none", false);
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_str_eq(c.path, "~/.config/budu/config-none");
	config_load(&c, "/nonexistent/budu", true);
	ck_assert_uint_eq(c.nerrors, 1);
	ck_assert_int_eq(c.errors[0].line, 0);
	char *text = config_errors_text(&c);
	ck_assert_str_eq(text, "/nonexistent/budu: cannot read it: No such file or directory (budu runs with the defaults)");
	free(text);
	config_free(&c);

	char tmp[] = "/tmp/check_config.XXXXXX";
	int fd = mkstemp(tmp);
	ck_assert_int_ge(fd, 0);
	const char body[] = "set mouse = off\nbind images x remve_typo\n";
	ck_assert_int_eq(write(fd, body, sizeof(body) - 1), (ssize_t)sizeof(body) - 1);
	close(fd);
	config_init(&c);
	config_load(&c, tmp, true);
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_int_eq(c.mouse, 0);
	ck_assert_uint_eq(c.nbinds, 1);
	config_free(&c);
	unlink(tmp);
}
END_TEST

/* ---- applied ---------------------------------------------------------------------------- */

static const struct keytable *
table(const char *name)
{
	for (const struct keytable *const *t = config_keytables(); *t; t++)
		if (strcmp((*t)->name, name) == 0)
			return *t;
	ck_abort_msg("no table %s", name);
	return NULL;
}

/* The row key reaches in t, or NULL. */
static const struct view_key *
row_of(const char *t, int key)
{
	size_t n;
	const struct view_key *rows = keytable_rows(table(t), &n);
	for (size_t i = 0; i < n; i++)
		if (rows[i].key == key)
			return &rows[i];
	return NULL;
}

static struct config
applied(const char *text)
{
	config_apply_reset();
	struct config c = parsed(text);
	config_apply(&c);
	return c;
}

START_TEST(tables_have_names)
{
	int n = 0;
	for (const struct keytable *const *t = config_keytables(); *t; t++, n++) {
		ck_assert_msg((*t)->name && (*t)->name[0], "table %s has no name", (*t)->heading);
		for (const struct keytable *const *u = config_keytables(); *u != *t; u++)
			ck_assert_msg(strcmp((*t)->name, (*u)->name) != 0, "two tables named %s", (*t)->name);
		/* A keyed command has a name; one name is one command, and no generic request's. */
		for (size_t i = 0; i < (*t)->n; i++) {
			const struct view_key *r = &(*t)->rows[i];
			if (r->key && r->fn)
				ck_assert_msg(r->name, "%s: key %d has no name", (*t)->name, r->key);
			if (!r->name)
				continue;
			ck_assert_msg(keymap_request_by_name(r->name) == REQ_NONE, "%s: %s is a generic name",
				      (*t)->name, r->name);
			ck_assert_msg(strcmp(r->name, "none") != 0, "none is no name");
			for (size_t k = 0; k < i; k++)
				if ((*t)->rows[k].name && strcmp((*t)->rows[k].name, r->name) == 0)
					ck_assert_msg((*t)->rows[k].fn == r->fn, "%s: %s names two commands",
						      (*t)->name, r->name);
		}
	}
	ck_assert_int_ge(n, 15);
}
END_TEST

START_TEST(request_names)
{
	char name[64];
	for (int r = REQ_NONE + 1; r < REQ_COUNT; r++) {
		keymap_request_name((enum request)r, name, sizeof(name));
		ck_assert_int_eq(keymap_request_by_name(name), r);
	}
	keymap_request_name(REQ_PAGE_DOWN, name, sizeof(name));
	ck_assert_str_eq(name, "page-down");
	keymap_request_name((enum request)(REQ_PANEL + PANEL_CONTAINERS), name, sizeof(name));
	ck_assert_str_eq(name, "panel-containers");
	ck_assert_int_eq(keymap_request_by_name("remove"), REQ_NONE);
}
END_TEST

START_TEST(bind_view_keys)
{
	struct config c = applied("bind images x remove\nbind images d none\nbind images F2 sort\n"
				  "bind images Enter pull\n");
	ck_assert_uint_eq(c.nerrors, 0);
	const struct view_key *x = row_of("images", 'x');
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->name, "remove");
	ck_assert_ptr_nonnull(x->fn);
	ck_assert_ptr_nonnull(x->help);
	const struct view_key *d = row_of("images", 'd');
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_null(d->fn);
	ck_assert_int_eq(d->req, REQ_NONE);
	const struct view_key *f2 = row_of("images", KEY_F(2));
	ck_assert_ptr_null(f2->fn);
	ck_assert_int_eq(f2->req, REQ_SORT);
	ck_assert_str_eq(row_of("images", '\r')->name, "pull");
	ck_assert_str_eq(row_of("images", '\n')->name, "pull");
	ck_assert_str_eq(row_of("images", KEY_ENTER)->name, "pull");
	/* Other tables keep their keys. */
	ck_assert_str_eq(row_of("containers", 'd')->name, "remove");
	ck_assert_ptr_null(row_of("containers", 'x'));
	config_free(&c);
	/* Taken back. */
	config_apply_reset();
	ck_assert_ptr_null(row_of("images", 'x'));
	ck_assert_str_eq(row_of("images", 'd')->name, "remove");
}
END_TEST

START_TEST(bind_an_unbound_action)
{
	/* The row that lost its key still answers to its name. */
	struct config c = applied("bind images d none\nbind images x remove\n");
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_str_eq(row_of("images", 'x')->name, "remove");
	config_free(&c);
	config_apply_reset();
}
END_TEST

START_TEST(bind_generic_keys)
{
	struct config c = applied("bind generic Q quit\nbind generic q none\nbind generic F2 panel-containers\n"
				  "bind generic ^N down\n");
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_int_eq(keymap_request('Q'), REQ_QUIT);
	ck_assert_int_eq(keymap_request('q'), REQ_NONE);
	ck_assert_int_eq(keymap_request(KEY_F(2)), REQ_PANEL + PANEL_CONTAINERS);
	ck_assert_int_eq(keymap_request(KEY_CTRL('n')), REQ_DOWN);
	ck_assert_int_eq(keymap_request('j'), REQ_DOWN);
	/* Each key once. */
	size_t n;
	const struct keybinding *b = keymap_table(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			ck_assert(b[i].key != b[j].key || b[i].key == 0);
	config_free(&c);
	config_apply_reset();
	ck_assert_int_eq(keymap_request('q'), REQ_QUIT);
	ck_assert_int_eq(keymap_request('Q'), REQ_NONE);
}
END_TEST

/* The UI's own mistakes: a table, an action, a role, a panel, each at its line. */
START_TEST(apply_mistakes)
{
	struct config c = applied("bind imgs x remove\n"
				  "bind images y remve\n"
				  "bind generic z remove\n"
				  "color selcted black cyan\n"
				  "set default-panel = kontainers\n"
				  "bind images x remove\n");
	ck_assert_uint_eq(c.nerrors, 5);
	ck_assert_int_eq(c.errors[0].line, 1);
	ck_assert_str_eq(c.errors[0].text, "unknown key table 'imgs'");
	ck_assert_ptr_nonnull(strstr(c.errors[0].hint, "generic, images,"));
	ck_assert_int_eq(c.errors[1].line, 2);
	ck_assert_str_eq(c.errors[1].text, "unknown action 'remve' for the images keys");
	ck_assert_ptr_nonnull(strstr(c.errors[1].hint, ", remove, "));
	ck_assert_ptr_nonnull(strstr(c.errors[1].hint, "none, or a generic action"));
	ck_assert_int_eq(c.errors[2].line, 3);
	ck_assert_str_eq(c.errors[2].text, "unknown action 'remove' for the generic keys");
	ck_assert_ptr_nonnull(strstr(c.errors[2].hint, "help, quit, down, up, page-down,"));
	ck_assert_ptr_nonnull(strstr(c.errors[2].hint, "panel-containers"));
	ck_assert_int_eq(c.errors[3].line, 4);
	ck_assert_str_eq(c.errors[3].text, "unknown colour role 'selcted'");
	ck_assert_ptr_nonnull(strstr(c.errors[3].hint, "normal, title, header, selected,"));
	ck_assert_int_eq(c.errors[4].line, 5);
	ck_assert_str_eq(c.errors[4].text, "unknown panel 'kontainers'");
	ck_assert_str_eq(c.errors[4].hint, "images, search, jobs, containers, registries, hosts, disk");
	/* The status line leaves the hint to --check-config. */
	c.path = xstrdup("cfg");
	char *text = config_errors_text(&c);
	ck_assert_str_eq(text, "cfg:1: unknown key table 'imgs' (the defaults are used for this line); 4 more: "
			       "budu --check-config lists them");
	free(text);
	char *list = config_errors_list(&c);
	ck_assert_ptr_nonnull(strstr(list, "cfg:4: unknown colour role 'selcted' (normal, title,"));
	free(list);
	/* The bad lines did nothing; the good one did. */
	ck_assert_ptr_null(row_of("images", 'y'));
	ck_assert_int_eq(keymap_request('z'), REQ_NONE);
	ck_assert_int_eq(config_default_panel(), PANEL_IMAGES);
	ck_assert_str_eq(row_of("images", 'x')->name, "remove");
	config_free(&c);
	config_apply_reset();
}
END_TEST

START_TEST(apply_settings)
{
	unsetenv("BUDU_LOG_LINES");
	struct config c = applied("");
	ck_assert_int_eq(config_default_panel(), PANEL_IMAGES);
	ck_assert(config_confirm_quit());
	ck_assert_uint_eq(config_log_lines(10000), 10000);
	config_free(&c);
	c = applied("set default-panel = containers\nset confirm-quit = no\nset log-lines = 5000\n");
	ck_assert_uint_eq(c.nerrors, 0);
	ck_assert_int_eq(config_default_panel(), PANEL_CONTAINERS);
	ck_assert(!config_confirm_quit());
	ck_assert_uint_eq(config_log_lines(10000), 5000);
	setenv("BUDU_LOG_LINES", "300", 1);	/* the environment over the file */
	ck_assert_uint_eq(config_log_lines(10000), 300);
	unsetenv("BUDU_LOG_LINES");
	config_free(&c);
	c = applied("set default-panel = disk\n");
	ck_assert_int_eq(config_default_panel(), PANEL_DISK);
	config_free(&c);
	config_apply_reset();
}
END_TEST

START_TEST(role_names)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		ck_assert_msg(draw_role_name((enum role)r)[0], "role %d has no name", r);
		ck_assert_int_eq(draw_role_by_name(draw_role_name((enum role)r)), r);
	}
	ck_assert_int_eq(draw_role_by_name("selected"), ROLE_SELECTED);
	ck_assert_int_eq(draw_role_by_name("nope"), -1);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *p = tcase_create("parse");
	tcase_add_test(p, comments_and_blanks);
	tcase_add_test(p, key_names);
	tcase_add_test(p, colors);
	tcase_add_test(p, settings);
	tcase_add_test(p, mistakes_have_their_line);
	tcase_add_test(p, good_lines_stay_around_bad_ones);
	tcase_add_test(p, paths);
	suite_add_tcase(s, p);
	TCase *a = tcase_create("apply");
	tcase_add_test(a, tables_have_names);
	tcase_add_test(a, request_names);
	tcase_add_test(a, bind_view_keys);
	tcase_add_test(a, bind_an_unbound_action);
	tcase_add_test(a, bind_generic_keys);
	tcase_add_test(a, apply_mistakes);
	tcase_add_test(a, apply_settings);
	tcase_add_test(a, role_names);
	suite_add_tcase(s, a);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(config_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
