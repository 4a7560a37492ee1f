#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef HAVE_SYS_EVENTFD_H
#include <sys/eventfd.h>
#endif

#include "http.h"
#include "worker.h"
#include "xalloc.h"

struct task {
	job_run_fn run;
	job_done_fn done;
	void *arg;
	void *result;
	struct task *next;
};

struct queue {
	struct task *head, *tail;
};

struct worker {
	pthread_mutex_t lock;
	pthread_cond_t more;	/* jobs were queued, or stopping */
	struct queue jobs;	/* waiting for a thread */
	struct queue results;	/* waiting for worker_deliver */
	atomic_bool stopping;
	pthread_t *threads;
	int nthreads;
	int wake_read, wake_write;	/* the same eventfd twice, or a pipe */
};

static void
queue_push(struct queue *q, struct task *j)
{
	j->next = NULL;
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

static struct task *
queue_take_all(struct queue *q)
{
	struct task *j = q->head;
	q->head = q->tail = NULL;
	return j;
}

static struct task *
queue_pop(struct queue *q)
{
	struct task *j = q->head;
	if (j) {
		q->head = j->next;
		if (!q->head)
			q->tail = NULL;
	}
	return j;
}

void
worker_wake(struct worker *w)
{
#ifdef HAVE_SYS_EVENTFD_H
	uint64_t one = 1;
	ssize_t n = write(w->wake_write, &one, sizeof(one));
#else
	char one = 1;
	ssize_t n = write(w->wake_write, &one, 1);
#endif
	(void)n;	/* EAGAIN means a wake-up is already pending: enough. */
}

static void
drain_wake(struct worker *w)
{
	char buf[64];
	while (read(w->wake_read, buf, sizeof(buf)) > 0)
		;
}

static void *
thread_main(void *data)
{
	struct worker *w = data;
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->jobs.head && !atomic_load(&w->stopping))
			pthread_cond_wait(&w->more, &w->lock);
		if (atomic_load(&w->stopping))
			break;
		struct task *j = queue_pop(&w->jobs);
		pthread_mutex_unlock(&w->lock);

		j->result = j->run ? j->run(j->arg) : NULL;

		pthread_mutex_lock(&w->lock);
		queue_push(&w->results, j);
		worker_wake(w);
		if (!w->jobs.head) {
			/* going idle: the connection the job kept open goes (http.h keep_alive) */
			pthread_mutex_unlock(&w->lock);
			http_thread_release();
			pthread_mutex_lock(&w->lock);
		}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct worker *
worker_new(int nthreads)
{
	struct worker *w = xcalloc(1, sizeof(*w));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->more, NULL);
	atomic_init(&w->stopping, false);
#ifdef HAVE_SYS_EVENTFD_H
	w->wake_read = w->wake_write = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (w->wake_read < 0)
		abort();
#else
	int fds[2];
	if (pipe(fds) < 0)
		abort();
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	}
	w->wake_read = fds[0];
	w->wake_write = fds[1];
#endif
	w->nthreads = nthreads < 1 ? 1 : nthreads;
	w->threads = xcalloc((size_t)w->nthreads, sizeof(*w->threads));
	for (int i = 0; i < w->nthreads; i++)
		if (pthread_create(&w->threads[i], NULL, thread_main, w) != 0)
			abort();
	return w;
}

void
worker_post(struct worker *w, job_run_fn run, job_done_fn done, void *arg)
{
	struct task *j = xcalloc(1, sizeof(*j));
	j->run = run;
	j->done = done;
	j->arg = arg;
	pthread_mutex_lock(&w->lock);
	queue_push(&w->jobs, j);
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->lock);
}

void
worker_send(struct worker *w, job_done_fn done, void *arg)
{
	struct task *j = xcalloc(1, sizeof(*j));
	j->done = done;
	j->arg = arg;
	pthread_mutex_lock(&w->lock);
	queue_push(&w->results, j);
	worker_wake(w);
	pthread_mutex_unlock(&w->lock);
}

int
worker_wake_fd(const struct worker *w)
{
	return w->wake_read;
}

static int
finish_all(struct task *j, bool cancelled)
{
	int n = 0;
	while (j) {
		struct task *next = j->next;
		if (j->done)
			j->done(j->arg, j->result, cancelled);
		free(j);
		j = next;
		n++;
	}
	return n;
}

int
worker_deliver(struct worker *w)
{
	drain_wake(w);
	pthread_mutex_lock(&w->lock);
	struct task *done = queue_take_all(&w->results);
	pthread_mutex_unlock(&w->lock);
	return finish_all(done, false);
}

bool
worker_stopping(const struct worker *w)
{
	return atomic_load(&w->stopping);
}

void
worker_free(struct worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	atomic_store(&w->stopping, true);
	pthread_cond_broadcast(&w->more);
	pthread_mutex_unlock(&w->lock);
	for (int i = 0; i < w->nthreads; i++)
		pthread_join(w->threads[i], NULL);

	/* The UI is going away: results are only released, like jobs that never ran. */
	finish_all(queue_take_all(&w->results), true);
	finish_all(queue_take_all(&w->jobs), true);

	close(w->wake_read);
	if (w->wake_write != w->wake_read)
		close(w->wake_write);
	pthread_cond_destroy(&w->more);
	pthread_mutex_destroy(&w->lock);
	free(w->threads);
	free(w);
}
