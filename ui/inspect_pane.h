/* The Inspect tab of Details views (an image, a container): a JSON document as a foldable tree
 * with a footer that shows the selected value whole, search, and --format look-up evaluated with
 * the document's Go schema, as `docker ... inspect --format` does. A view that has one points
 * view->inspect at it and lists inspect_pane_keys among its tables. */
#ifndef BUDU_INSPECT_PANE_H
#define BUDU_INSPECT_PANE_H

#include <curses.h>

#include "jtree.h"
#include "list.h"
#include "search_prompt.h"
#include "template.h"
#include "view.h"

struct inspect_pane {
	struct jtree *tree;		/* borrowed from the view's data; NULL: none (see error) */
	const char *error;		/* borrowed: why there is no tree */
	const struct template_schema *schema;	/* for --format: &template_schema_image... */
	struct list_pos pos;
	char *format_text;		/* the last --format template and its output, for the footer */
	char *format_output;
	size_t format_row;		/* the row it named; the footer shows it while the cursor stays */
	struct search_prompt search;	/* / n N */
};

/* The tree and the error are the view's; the pane keeps cursor and folds where they still fit. */
void inspect_pane_set(struct inspect_pane *p, struct jtree *tree, const char *error);
/* Frees what the pane owns (not the tree). */
void inspect_pane_free(struct inspect_pane *p);
size_t inspect_pane_rows(const struct inspect_pane *p);
void inspect_pane_draw(struct inspect_pane *p, WINDOW *w, int y, int height);

/* Its keys: unfold, fold, search, --format, copy. The commands reach the pane through
 * view->inspect. */
extern const struct keytable inspect_pane_keys;

#endif
