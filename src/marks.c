#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "marks.h"
#include "strv.h"
#include "xalloc.h"

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The index of key, or where it would go (*found false). */
static size_t
find(const struct marks *m, const char *key, bool *found)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->keys[mid], key);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

bool
marks_has(const struct marks *m, const char *key)
{
	bool found = false;
	if (m->n)
		find(m, key, &found);
	return found;
}

bool
marks_toggle(struct marks *m, const char *key)
{
	bool found;
	size_t i = find(m, key, &found);
	if (found) {
		free(m->keys[i]);
		memmove(m->keys + i, m->keys + i + 1, (m->n - i - 1) * sizeof(*m->keys));
		m->n--;
		return false;
	}
	m->keys = xrealloc(m->keys, (m->n + 1) * sizeof(*m->keys));
	memmove(m->keys + i + 1, m->keys + i, (m->n - i) * sizeof(*m->keys));
	m->keys[i] = xstrdup(key);
	m->n++;
	return true;
}

void
marks_clear(struct marks *m)
{
	strv_free(m->keys, m->n);
	m->keys = NULL;
	m->n = 0;
}

/* Appends keys (taken) to the set, then sorts and drops duplicates. */
static void
merge(struct marks *m, char **keys, size_t n)
{
	m->keys = xrealloc(m->keys, (m->n + n + 1) * sizeof(*m->keys));
	memcpy(m->keys + m->n, keys, n * sizeof(*keys));
	m->n += n;
	free(keys);
	if (m->n > 1)
		qsort(m->keys, m->n, sizeof(*m->keys), cmp_key);
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (k && strcmp(m->keys[k - 1], m->keys[i]) == 0)
			free(m->keys[i]);
		else
			m->keys[k++] = m->keys[i];
	}
	m->n = k;
}

void
marks_add_all(struct marks *m, char **keys, size_t n)
{
	merge(m, keys, n);
}

void
marks_invert(struct marks *m, char **keys, size_t n)
{
	/* The marked ones among keys go, the others are added. Lookups first, while the set is
	 * whole; then the removals. */
	bool *drop = xcalloc(m->n ? m->n : 1, sizeof(*drop));
	size_t nadd = 0;
	for (size_t i = 0; i < n; i++) {
		bool found = false;
		size_t at = m->n ? find(m, keys[i], &found) : 0;
		if (found) {
			drop[at] = true;
			free(keys[i]);
		} else {
			keys[nadd++] = keys[i];
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (drop[i])
			free(m->keys[i]);
		else
			m->keys[k++] = m->keys[i];
	}
	m->n = k;
	free(drop);
	merge(m, keys, nadd);
}
