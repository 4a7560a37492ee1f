/* The config file (src/config_file.h) put to work: its key bindings into the key tables (so the
 * keys act and `?` names them as rebound), its colours into the roles, its settings where the
 * views read them. What the core could not check (key tables, actions, roles, panels) is
 * checked here and reported with its line through config_error; a bad line changes nothing.
 *
 * Threads: the UI thread, once at the start (config_apply before the views are made,
 * config_apply_colors once curses has started). The settings read back are plain values. */
#ifndef BUDU_CONFIG_APPLY_H
#define BUDU_CONFIG_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "config_file.h"
#include "panels.h"

struct app;
struct keytable;

/* Binds c's keys and takes its settings; its mistakes go into c. Needs no terminal (budu
 * --check-config runs it alone). */
void config_apply(struct config *c);
/* What needs the app and its panels' roots: the Images and Containers panels' sorts
 * (images-sort, containers-sort: a column's title) and the mouse. A column no view sorts by is
 * a mistake in c. */
void config_apply_app(struct config *c, struct app *app);
/* c's colours over the roles' defaults; colors: the terminal shows colours (not NO_COLOR).
 * A colour the terminal lacks is a mistake in c. */
void config_apply_colors(struct config *c, bool colors);
/* Back to the built-in keys and settings (tests). */
void config_apply_reset(void);

/* The panel shown first (default-panel; Images when unset). */
enum panel config_default_panel(void);
/* Whether q and Ctrl-C ask while jobs run (confirm-quit; yes when unset). */
bool config_confirm_quit(void);
/* The lines a log view keeps: $BUDU_LOG_LINES, else log-lines, else dflt. */
size_t config_log_lines(size_t dflt);

/* The key tables of every view, each once, for the config and the tests. NULL-terminated. */
const struct keytable *const *config_keytables(void);
/* The first key bound to the command action of the table named table ("images", "pull"),
 * named ("p"), as the config file left it; the action's name when none. */
void config_key_of(const char *table, const char *action, char *buf, size_t n);

#endif
