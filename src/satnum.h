/* Saturating int64 arithmetic for numbers from outside (engine, registry): a hostile size or
 * time must neither overflow (undefined behaviour) nor wrap into a negative total. Pure, any
 * thread, O(1). */
#ifndef BUDU_SATNUM_H
#define BUDU_SATNUM_H

#include <stdint.h>

static inline int64_t
sat_add(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return INT64_MAX;
	if (b < 0 && a < INT64_MIN - b)
		return INT64_MIN;
	return a + b;
}

static inline int64_t
sat_sub(int64_t a, int64_t b)
{
	if (b < 0 && a > INT64_MAX + b)
		return INT64_MAX;
	if (b > 0 && a < INT64_MIN + b)
		return INT64_MIN;
	return a - b;
}

/* A size as a count of bytes: never below 0. */
static inline int64_t
size_nonneg(int64_t v)
{
	return v < 0 ? 0 : v;
}

/* total + size, a negative size counting as 0, saturating at INT64_MAX. */
static inline int64_t
size_add(int64_t total, int64_t size)
{
	return sat_add(total, size_nonneg(size));
}

#endif
