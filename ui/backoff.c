/* ui/backoff.c: growing, capped retry delays per stream; see backoff.h. */
#include "config.h"

#include "backoff.h"

void
backoff_init(struct backoff *b, int min_ms, int max_ms, int healthy_ms)
{
	b->min_ms = min_ms;
	b->max_ms = max_ms;
	b->healthy_ms = healthy_ms;
	b->delay_ms = min_ms;
	b->up_since = 0;
	b->at = 0;
}

void
backoff_up(struct backoff *b, long long now)
{
	b->up_since = now;
	b->at = 0;
	if (b->healthy_ms == 0)
		b->delay_ms = b->min_ms;
}

int
backoff_fail(struct backoff *b, long long now)
{
	if (b->up_since && b->healthy_ms && now - b->up_since >= b->healthy_ms)
		b->delay_ms = b->min_ms;
	b->up_since = 0;
	int d = b->delay_ms;
	b->delay_ms = d > b->max_ms / 2 ? b->max_ms : d * 2;
	b->at = now + d;
	return d;
}

void
backoff_reset(struct backoff *b)
{
	b->delay_ms = b->min_ms;
	b->at = 0;
}

long long
backoff_in(const struct backoff *b, long long now)
{
	long long wait = b->at ? (b->at - now + 999) / 1000 : 0;
	return wait > 0 ? wait : 0;
}
