/* The marks of a list: a set of owned keys (a container ID, "id repo:tag" for an image row)
 * that outlives reloads. Kept sorted, so a lookup is a binary search and marking every one of
 * 10,000 rows stays O(n log n).
 * No state beyond the set; UI thread in practice, no locking. */
#ifndef BUDU_MARKS_H
#define BUDU_MARKS_H

#include <stdbool.h>
#include <stddef.h>

struct marks {
	char **keys;	/* sorted by strcmp, no duplicates */
	size_t n;
};

bool marks_has(const struct marks *m, const char *key);
/* Marks key if it was not, unmarks it if it was. Returns whether it is marked now. */
bool marks_toggle(struct marks *m, const char *key);
void marks_clear(struct marks *m);
/* Marks every one of keys[0..n) (the rows shown); other marks stay. Takes the keys (frees
 * them, and the array). */
void marks_add_all(struct marks *m, char **keys, size_t n);
/* Toggles every one of keys[0..n) (the rows shown; no duplicates among them); other marks
 * stay. Takes the keys and the array. */
void marks_invert(struct marks *m, char **keys, size_t n);

#endif
