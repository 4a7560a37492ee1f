#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "fetch.h"
#include "worker.h"
#include "xalloc.h"

struct fetcher {
	struct worker *worker;
	struct fetch *live;	/* posted, not yet released */
};

struct fetcher *
fetcher_new(int nthreads)
{
	struct fetcher *fx = xcalloc(1, sizeof(*fx));
	fx->worker = worker_new(nthreads);
	return fx;
}

int
fetcher_wake_fd(const struct fetcher *fx)
{
	return worker_wake_fd(fx->worker);
}

void
fetcher_deliver(struct fetcher *fx)
{
	worker_deliver(fx->worker);
}

static void
disown(struct fetch *f)
{
	if (f->slot && f->slot->f == f)
		f->slot->f = NULL;
	f->slot = NULL;
}

void
fetcher_stop(struct fetcher *fx)
{
	for (struct fetch *f = fx->live; f; f = f->next) {
		disown(f);
		cancel_request(&f->cancel);
	}
}

void
fetcher_free(struct fetcher *fx)
{
	if (!fx)
		return;
	fetcher_stop(fx);
	worker_free(fx->worker);	/* releases every fetch that never came back */
	free(fx);
}

static void *
run_trampoline(void *arg)
{
	struct fetch *f = arg;
	f->ops->run(f);
	return NULL;
}

static void
done_trampoline(void *arg, void *result, bool cancelled)
{
	struct fetch *f = arg;
	(void)result;
	struct fetch_slot *slot = f->slot;
	disown(f);
	if (!cancelled && slot && f->ops->apply)
		f->ops->apply(f, f->owner);
	if (f->prev)
		f->prev->next = f->next;
	else
		f->fx->live = f->next;
	if (f->next)
		f->next->prev = f->prev;
	cancel_destroy(&f->cancel);
	engine_free(f->engine);
	f->ops->release(f);
}

void
fetch_post(struct fetcher *fx, struct fetch_slot *slot, struct fetch *f, const struct fetch_ops *ops,
	   void *owner, struct engine *engine)
{
	fetch_cancel(slot);
	f->ops = ops;
	f->owner = owner;
	f->engine = engine_ref(engine);
	f->fx = fx;
	f->slot = slot;
	slot->f = f;
	cancel_init(&f->cancel);
	f->prev = NULL;
	f->next = fx->live;
	if (fx->live)
		fx->live->prev = f;
	fx->live = f;
	worker_post(fx->worker, run_trampoline, done_trampoline, f);
}

void
fetch_cancel(struct fetch_slot *slot)
{
	struct fetch *f = slot->f;
	if (!f)
		return;
	disown(f);
	cancel_request(&f->cancel);
}

bool
fetch_busy(const struct fetch_slot *slot)
{
	return slot->f != NULL;
}

struct sent {
	struct fetch *f;
	void (*fn)(struct fetch *f, void *arg);
	void *arg;
	void (*drop)(void *arg);
};

static void
sent_deliver(void *arg, void *result, bool cancelled)
{
	struct sent *m = arg;
	(void)result;
	/* The fetch is alive: its own done is queued after this. */
	if (!cancelled && m->f->slot)
		m->fn(m->f, m->arg);
	if (m->drop)
		m->drop(m->arg);
	else
		free(m->arg);
	free(m);
}

void
fetch_send(struct fetch *f, void (*fn)(struct fetch *f, void *arg), void *arg, void (*drop)(void *arg))
{
	struct sent *m = xcalloc(1, sizeof(*m));
	m->f = f;
	m->fn = fn;
	m->arg = arg;
	m->drop = drop;
	worker_send(f->fx->worker, sent_deliver, m);
}

/* ---- parts on threads of their own ---------------------------------------------------- */

struct parts {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	size_t done;
};

struct part {
	struct fetch *f;
	size_t i;
	fetch_part_fn fn;
	void *ctx;
	struct cancel cancel;
	struct parts *all;
	pthread_t thread;
	bool started;
};

static void *
part_thread(void *arg)
{
	struct part *p = arg;
	p->fn(p->f, p->i, &p->cancel, p->ctx);
	pthread_mutex_lock(&p->all->lock);
	p->all->done++;
	pthread_cond_signal(&p->all->cond);
	pthread_mutex_unlock(&p->all->lock);
	return NULL;
}

static long long
mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
fetch_run_parts(struct fetch *f, size_t n, fetch_part_fn fn, void *ctx, int tick_ms,
		void (*tick)(struct fetch *f, void *arg))
{
	struct parts all = { .done = 0 };
	pthread_mutex_init(&all.lock, NULL);
	pthread_cond_init(&all.cond, NULL);
	struct part *p = xcalloc(n ? n : 1, sizeof(*p));
	size_t started = 0;
	for (size_t i = 0; i < n; i++) {
		p[i] = (struct part){ .f = f, .i = i, .fn = fn, .ctx = ctx, .all = &all };
		cancel_init(&p[i].cancel);
		p[i].started = pthread_create(&p[i].thread, NULL, part_thread, &p[i]) == 0;
		started += p[i].started;
	}
	bool cancelled = false;
	long long next_tick = tick_ms > 0 && tick ? mono_ms() + tick_ms : 0;
	pthread_mutex_lock(&all.lock);
	while (all.done < started) {
		long long wait = 50;
		if (next_tick) {
			long long left = next_tick - mono_ms();
			wait = left < 0 ? 0 : left < wait ? left : wait;
		}
		struct timespec at;
		clock_gettime(CLOCK_REALTIME, &at);
		at.tv_nsec += wait * 1000000L;
		at.tv_sec += at.tv_nsec / 1000000000L;
		at.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&all.cond, &all.lock, &at);
		if (!cancelled && atomic_load(&f->cancel.cancelled)) {
			cancelled = true;
			for (size_t i = 0; i < n; i++)
				cancel_request(&p[i].cancel);
		}
		if (next_tick && all.done < started && mono_ms() >= next_tick) {
			fetch_send(f, tick, NULL, NULL);
			next_tick += tick_ms;
		}
	}
	pthread_mutex_unlock(&all.lock);
	for (size_t i = 0; i < n; i++) {
		if (p[i].started) {
			pthread_join(p[i].thread, NULL);
		} else {
			if (atomic_load(&f->cancel.cancelled))
				cancel_request(&p[i].cancel);
			fn(f, i, &p[i].cancel, ctx);
		}
		cancel_destroy(&p[i].cancel);
	}
	free(p);
	pthread_mutex_destroy(&all.lock);
	pthread_cond_destroy(&all.cond);
}
