/* ui/backoff.h: when to try a failed stream or request again, one back-off per stream (the
 * event stream, the list loads), so that one stream's success never hurries another's retries.
 *
 * The delay starts at min_ms and doubles on each failure up to max_ms; it starts again from
 * min_ms only after the stream itself was healthy: for a one-shot request an answer (backoff_up
 * with healthy_ms 0), for a long-lived stream having lasted healthy_ms since it (re)started
 * (a stream refused or closed at once keeps growing its delay; one the engine ended after
 * hours is tried again soon). No clock of its own: callers pass now (monotonic ms). O(1), the
 * UI thread only. */
#ifndef BUDU_BACKOFF_H
#define BUDU_BACKOFF_H

struct backoff {
	int min_ms, max_ms, healthy_ms;
	int delay_ms;		/* the next failure's delay */
	long long up_since;	/* when the stream last (re)started or answered; 0 = not up */
	long long at;		/* the planned try, monotonic ms; 0 = none */
};

void backoff_init(struct backoff *b, int min_ms, int max_ms, int healthy_ms);
/* The stream (re)started, or a request answered: with healthy_ms 0 the delay is reset now. */
void backoff_up(struct backoff *b, long long now);
/* It failed: plans the next try (b->at) and returns the delay used. */
int backoff_fail(struct backoff *b, long long now);
/* Asked by the user (R): the shortest delay again, nothing planned. */
void backoff_reset(struct backoff *b);
/* Seconds until the planned try, rounded up; 0 when none is planned. */
long long backoff_in(const struct backoff *b, long long now);

#endif
