/* The other stream bodies, line by line as the engine's stream reader gives them: push
 * (src/push.c), build (src/build.c's log), load and import (src/archive_load.c,
 * src/archive_import.c), and /events as the session reads each line (src/event.c). Every
 * consumer gets the whole stream; then what the Jobs view draws. */
#include <stdbool.h>
#include <string.h>

#include "archive_import.h"
#include "archive_load.h"
#include "build.h"
#include "event.h"
#include "fuzz.h"
#include "push.h"

FUZZ_UTF8_INITIALIZE

struct consumers {
	struct push push;
	struct build_log build;
	struct archive_loaded loaded;
	struct archive_imported imported;
};

/* What the session's event stream reads of each line (src/event.c, for ui/live.c). */
static void
event(const char *line, size_t len)
{
	struct event ev;
	event_parse(line, len, &ev);
	FUZZ_ASSERT(ev.kinds && !(ev.kinds & ~(EVENT_IMAGE | EVENT_CONTAINER)), "event kinds %u", ev.kinds);
	FUZZ_ASSERT(!ev.container_id || strspn(ev.container_id, "0123456789abcdef") == 64,
		    "container ID %s", ev.container_id);
	FUZZ_ASSERT(ev.container_id || (ev.container_op != EVENT_FETCH && ev.container_op != EVENT_DROP),
		    "container op %d with no ID", (int)ev.container_op);
	FUZZ_ASSERT(ev.image_key || (ev.image_op != EVENT_FETCH && ev.image_op != EVENT_DROP),
		    "image op %d with no key", (int)ev.image_op);
	FUZZ_ASSERT(!ev.settle || ev.container_id, "settle with no container");
	event_clear(&ev);
}

static bool
feed(const char *line, size_t len, void *ctx)
{
	struct consumers *c = ctx;
	push_feed(&c->push, line, len);	/* on past an error line: take anything */
	build_log_feed(&c->build, line, len);
	archive_loaded_feed(&c->loaded, line, len);
	archive_imported_feed(&c->imported, line, len);
	event(line, len);
	return true;
}

static void
check_push(const struct push *p)
{
	struct push_totals t;
	push_totals(p, &t);
	FUZZ_ASSERT(t.layers_done <= t.layers && t.bytes_done >= 0 && t.bytes_total >= 0,
		    "push totals: %zu/%zu layers, %lld/%lld bytes", t.layers_done, t.layers,
		    (long long)t.bytes_done, (long long)t.bytes_total);
	int pc = push_percent(p);
	FUZZ_ASSERT(pc >= -1 && pc <= 100, "push percent %d", pc);
	char buf[4096];
	push_summary(p, buf, sizeof(buf));
	fuzz_check_clean(buf);
	for (size_t i = 0; i < p->nrows; i++) {
		push_row_text(&p->rows[i], buf, sizeof(buf));
		fuzz_check_clean(buf);
		push_row_counts(&p->rows[i], buf, sizeof(buf));
		fuzz_check_clean(buf);
	}
	for (size_t i = 0; i < p->nlog; i++)
		fuzz_check_clean(p->log[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct consumers c;
	push_init(&c.push);
	build_log_init(&c.build);
	archive_loaded_init(&c.loaded);
	archive_imported_init(&c.imported);
	fuzz_lines(data, size, feed, &c);
	check_push(&c.push);
	if (size & 1) {
		push_finish(&c.push);
		build_log_finish(&c.build);
	} else {
		push_fail(&c.push, "engine lost");
		build_log_fail(&c.build, "engine lost");
	}
	check_push(&c.push);
	if (c.build.error)
		fuzz_check_clean(c.build.error);
	if (c.build.step_text)
		fuzz_check_clean(c.build.step_text);
	push_free(&c.push);
	build_log_free(&c.build);
	archive_loaded_free(&c.loaded);
	archive_imported_free(&c.imported);
	return 0;
}
