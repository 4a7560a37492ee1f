/* A foldable tree of display rows over a cJSON document (the Details view of an image's
 * inspect document).
 *
 * Rows are the visible nodes in document order. The root itself is not a row: its members
 * (or elements, for an array root) are, at depth 0. A new tree shows the depth-0 rows with
 * every container folded.
 *
 * Cost: jtree_new indexes every node once (O(document)). Reading a row is O(1) (its texts
 * are capped, see jtree_value_text); jtree_parent and jtree_find_row are O(log rows).
 * Folding changes rebuild the row list in O(visible rows). jtree_search is O(document).
 *
 * Texts come back raw (keys and string values are whatever the engine sent): the UI passes
 * them through sanitize() before drawing. Not thread-safe; one tree per view. */
#ifndef BUDU_JTREE_H
#define BUDU_JTREE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

enum jtree_kind {
	JTREE_OBJECT,
	JTREE_ARRAY,
	JTREE_STRING,
	JTREE_NUMBER,
	JTREE_BOOL,
	JTREE_NULL
};

struct jtree;

/* What a row shows. key points into the document (valid while the tree lives). */
struct jtree_row {
	const cJSON *node;
	int depth;		/* 0 for members of the root */
	enum jtree_kind kind;
	size_t nchildren;	/* members or elements of a container; 0 for scalars */
	bool expanded;		/* containers with children only */
	const char *key;	/* member of an object: its key (raw); element of an array: NULL */
	size_t index;		/* position among its siblings: the i of "[i]" */
};

/* Takes ownership of root (freed by jtree_free; NULL is an empty document). */
struct jtree *jtree_new(cJSON *root);
void jtree_free(struct jtree *t);
/* The document, e.g. to evaluate a --format template on it (src/template.h). */
const cJSON *jtree_doc(const struct jtree *t);

/* Number of visible rows. */
size_t jtree_count(const struct jtree *t);
/* Fills *out for visible row `row`; false when row >= jtree_count(). */
bool jtree_row(const struct jtree *t, size_t row, struct jtree_row *out);
/* The row's cJSON node, or NULL when row is out of range. */
const cJSON *jtree_node(const struct jtree *t, size_t row);

/* The row's label: its object key, or "[i]" for an array element. New string; NULL when row
 * is out of range. */
char *jtree_label(const struct jtree *t, size_t row);

/* Strings longer than this many bytes are cut (at a character boundary) before escaping. */
#define JTREE_TEXT_MAX 1024

/* The row's one-line value text. New string; NULL when row is out of range.
 *   folded container:   "{N}" / "[N]" (N = nchildren); an empty one "{}" / "[]"
 *   expanded container: ""
 *   string:  quoted and JSON-escaped as Go writes it (control characters such as ESC become
 *            \u001b, so the text holds none); a string longer than JTREE_TEXT_MAX bytes
 *            is cut first and the text ends in "…\"" (U+2026, then the quote)
 *   number:  integers up to 2^53 as integers ("5000000000"), others in the shortest form that
 *            reads back to the same double
 *   bool/null: true, false, null */
char *jtree_value_text(const struct jtree *t, size_t row);

/* Folding. Each returns true when the row list changed (rows after `row` may move; `row`
 * itself stays where it is). Scalars and empty containers do not fold. */
bool jtree_expand(struct jtree *t, size_t row);
bool jtree_collapse(struct jtree *t, size_t row);
bool jtree_toggle(struct jtree *t, size_t row);
/* Expands the row and every container below it. */
bool jtree_expand_subtree(struct jtree *t, size_t row);
void jtree_expand_all(struct jtree *t);
/* Back to the initial state: only depth-0 rows. */
void jtree_collapse_all(struct jtree *t);

/* Row of the parent of `row` in *parent; false for depth-0 rows (and rows out of range). */
bool jtree_parent(const struct jtree *t, size_t row, size_t *parent);
/* Row showing `node` if it is visible now, without unfolding anything. */
bool jtree_find_row(const struct jtree *t, const cJSON *node, size_t *row);
/* Expands every ancestor of `node` (a node of this document, not the root) so it becomes
 * visible and stores its row in *row. False when node is not in the document or is the root. */
bool jtree_reveal(struct jtree *t, const cJSON *node, size_t *row);

/* Finds the next (forward) or previous node after/before row `from`, in document order over
 * ALL nodes, folded or not, wrapping around (the node of `from` itself is tried last), whose
 * key or scalar value (string contents, or the value text of a number, bool or null)
 * contains `needle`, ignoring ASCII case. The match is revealed (ancestors unfolded) and its
 * row stored in *row. `from` out of range starts at the top (forward) or bottom (backward).
 * An empty needle matches nothing. */
bool jtree_search(struct jtree *t, size_t from, const char *needle, bool forward, size_t *row);
/* How many nodes of the whole document (folded or not) match needle as jtree_search matches,
 * and in *index the 1-based place among them of row's node (0 when it does not match). O(nodes). */
size_t jtree_search_count(const struct jtree *t, size_t row, const char *needle, size_t *index);

/* The row's path as a complete --format template, always with braces, valid both for
 * `docker image inspect --format` and for template_eval (which resolves it back to this node):
 *   {{.Config.Cmd}}                       keys that are Go identifiers ([A-Za-z_][A-Za-z0-9_]*)
 *   {{index .RepoTags 0}}                 array elements
 *   {{index .Config.Labels "org.example"}} other keys, as Go string literals
 *   {{(index .RootFS.Layers 0).Foo}}      an identifier key after an index
 * New string; NULL when row is out of range. */
char *jtree_path(const struct jtree *t, size_t row);
/* Same for any node of the document (the root gives "{{.}}"); NULL when not in it. */
char *jtree_node_path(const struct jtree *t, const cJSON *node);

/* The row's value as compact JSON (members in document order, strings escaped as Go does,
 * numbers as in jtree_value_text but never cut). New string; NULL when row is out of range. */
char *jtree_value_json(const struct jtree *t, size_t row);

#endif
