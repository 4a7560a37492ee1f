#include "config.h"

#include <stdlib.h>

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
