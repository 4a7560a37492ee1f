/* Keys are data: one table binds keys to actions per scope; the help overlay is generated
 * from the same table, so it cannot drift from what the keys do. */
#ifndef BUDU_KEYMAP_H
#define BUDU_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* X(name, help text): the order here is the order of the help overlay. */
#define ACTION_LIST(X) \
	X(HELP,		N_("Show this help")) \
	X(QUIT,		N_("Quit")) \
	X(DOWN,		N_("Move down")) \
	X(UP,		N_("Move up")) \
	X(PAGE_DOWN,	N_("Page down")) \
	X(PAGE_UP,	N_("Page up")) \
	X(FIRST,	N_("Go to the first row")) \
	X(LAST,		N_("Go to the last row")) \
	X(OPEN,		N_("Open the image's details")) \
	X(FILTER,	N_("Filter rows as you type (repository, tag, ID)")) \
	X(CLEAR_FILTER,	N_("Clear the filter")) \
	X(SORT,		N_("Cycle the sort order: created, repository, size")) \
	X(TOGGLE_ALL,	N_("Show or hide intermediate images (-a)")) \
	X(TOGGLE_DIGESTS, N_("Show or hide the DIGEST column (--digests)")) \
	X(TOGGLE_TRUNC,	N_("Show full or short image IDs (--no-trunc)")) \
	X(USAGE,	N_("Show all images, only unused ones, or only ones in use")) \
	X(NEXT_TAB,	N_("Next tab")) \
	X(PREV_TAB,	N_("Previous tab")) \
	X(TAB_INSPECT,	N_("Inspect tab")) \
	X(TAB_HISTORY,	N_("History tab")) \
	X(TAB_TAGS,	N_("Tags tab")) \
	X(TAB_CONTAINERS, N_("Containers tab")) \
	X(UNFOLD,	N_("Unfold the node")) \
	X(FOLD,		N_("Fold the node, or go to its parent")) \
	X(EXPAND_ALL,	N_("Unfold everything")) \
	X(COLLAPSE_ALL,	N_("Fold everything")) \
	X(SEARCH,	N_("Search keys and values")) \
	X(SEARCH_NEXT,	N_("Next match")) \
	X(SEARCH_PREV,	N_("Previous match")) \
	X(GOTO_PATH,	N_("Go to a path or --format template")) \
	X(COPY_VALUE,	N_("Copy the value (JSON) to the clipboard")) \
	X(COPY_PATH,	N_("Copy the path to the clipboard")) \
	X(FULL_WIDTH,	N_("Show CREATED BY in full or cut (--no-trunc)")) \
	X(HIDE_EMPTY,	N_("Hide or show empty layers (0B)")) \
	X(COPY_ID,	N_("Copy the image ID to the clipboard")) \
	X(COPY_REF,	N_("Copy repository:tag to the clipboard")) \
	X(MARK,		N_("Mark or unmark the row (for d)")) \
	X(PULL,		N_("Pull an image (prompt; -a for all tags)")) \
	X(TAG,		N_("Tag the selected image")) \
	X(REMOVE,	N_("Remove marked rows, or the selected one")) \
	X(PRUNE,	N_("Clean up dangling or unused images")) \
	X(CANCEL_JOB,	N_("Cancel the selected job")) \
	X(CLEAR_JOBS,	N_("Clear finished jobs")) \
	X(SHOW_IMAGES,	N_("Images panel")) \
	X(SHOW_JOBS,	N_("Jobs panel")) \
	X(SHOW_SEARCH,	N_("Search panel (Docker Hub and registries)")) \
	X(SEARCH_QUERY,	N_("Search: a term, with docker search's options")) \
	X(SEARCH_FILTERS, N_("Filters: --filter stars=N, is-official=true, --limit N")) \
	X(SEARCH_SORT,	N_("Sort by stars or by name")) \
	X(SEARCH_TRUNC,	N_("Full descriptions or cut (--no-trunc)")) \
	X(OPEN_REPO,	N_("Open a repository by name (host[:port]/path): its tags")) \
	X(PULL_THIS,	N_("Pull this tag or platform (by digest)")) \
	X(BACK,		N_("Back to the image list")) \
	X(RELOAD,	N_("Reload from the engine now")) \
	X(REDRAW,	N_("Redraw the screen"))

enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(name, help) ACT_##name,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

/* Where a binding applies. A view looks its keys up in a chain of scopes, most specific first
 * (Inspect, then Details, then Global): a key bound nearer shadows the same key further out. */
enum keymap_scope {
	KEYMAP_GLOBAL,
	KEYMAP_IMAGES,
	KEYMAP_DETAILS,
	KEYMAP_INSPECT,
	KEYMAP_HISTORY,
	KEYMAP_JOBS,
	KEYMAP_SEARCH,
	KEYMAP_SCOPE_COUNT
};

/* A chain of scopes, most specific first; KEYMAP_GLOBAL is always searched last. */
struct keymap_chain {
	enum keymap_scope scope[4];
	int n;
};

struct keybinding {
	int key;		/* a curses key code or a character */
	enum action action;
	enum keymap_scope scope;
};

/* The action bound to key in the chain, or ACT_NONE. */
enum action keymap_lookup(const struct keymap_chain *chain, int key);
/* The untranslated help text of an action (translate with _()). */
const char *keymap_action_help(enum action action);
/* "j", "Down", "PgDn", "Ctrl-L", "Esc": a key as the help overlay names it. */
void keymap_key_name(int key, char *buf, size_t n);
/* The keys that reach action through the chain (shadowed ones left out), as "j, Down". */
void keymap_keys_for(enum action action, const struct keymap_chain *chain, char *buf, size_t n);

/* The whole table, for the help overlay and tests. */
const struct keybinding *keymap_table(size_t *n);

#endif
