/* One line of /events read for the lists (src/event.h): image events by ID or reference,
 * container events by their effect, commits, and the gaps (a prune, a line that does not
 * parse) that ask for the whole list again. The lines are docker's (moby's events.Message). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"

#define HEX "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static struct event
parse(const char *line)
{
	struct event ev;
	event_parse(line, strlen(line), &ev);
	return ev;
}

START_TEST(image_tag_by_id)
{
	struct event ev = parse("{\"status\":\"tag\",\"id\":\"sha256:" HEX "\",\"Type\":\"image\","
				"\"Action\":\"tag\",\"Actor\":{\"ID\":\"sha256:" HEX "\",\"Attributes\":"
				"{\"name\":\"cut/event:1\"}},\"scope\":\"local\",\"time\":1765000000,"
				"\"timeNano\":1765000000123456789}");
	ck_assert_uint_eq(ev.kinds, EVENT_IMAGE);
	ck_assert_int_eq(ev.image_op, EVENT_FETCH);
	ck_assert_str_eq(ev.image_key, "sha256:" HEX);
	ck_assert_int_eq(ev.container_op, EVENT_NONE);
	ck_assert_ptr_null(ev.container_id);
	event_clear(&ev);
	ck_assert_ptr_null(ev.image_key);
	/* Podman leaves the prefix out */
	ev = parse("{\"Type\":\"image\",\"Action\":\"untag\",\"Actor\":{\"ID\":\"" HEX "\"}}");
	ck_assert_int_eq(ev.image_op, EVENT_FETCH);
	ck_assert_str_eq(ev.image_key, "sha256:" HEX);
	event_clear(&ev);
}
END_TEST

START_TEST(image_pull_by_reference)
{
	struct event ev = parse("{\"status\":\"pull\",\"id\":\"127.0.0.1:5000/demo/app:1\",\"Type\":\"image\","
				"\"Action\":\"pull\",\"Actor\":{\"ID\":\"127.0.0.1:5000/demo/app:1\","
				"\"Attributes\":{\"name\":\"127.0.0.1:5000/demo/app\"}}}");
	ck_assert_int_eq(ev.image_op, EVENT_FETCH);
	ck_assert_str_eq(ev.image_key, "127.0.0.1:5000/demo/app:1");
	event_clear(&ev);
	/* no Actor.ID: the name attribute */
	ev = parse("{\"Type\":\"image\",\"Action\":\"push\",\"Actor\":{\"ID\":\"\",\"Attributes\":{\"name\":\"r/x:2\"}}}");
	ck_assert_int_eq(ev.image_op, EVENT_FETCH);
	ck_assert_str_eq(ev.image_key, "r/x:2");
	event_clear(&ev);
	/* neither: a gap */
	ev = parse("{\"Type\":\"image\",\"Action\":\"load\",\"Actor\":{\"ID\":\"\"}}");
	ck_assert_int_eq(ev.image_op, EVENT_GAP);
	ck_assert_ptr_null(ev.image_key);
	event_clear(&ev);
}
END_TEST

START_TEST(image_delete_and_prune)
{
	struct event ev = parse("{\"Type\":\"image\",\"Action\":\"delete\",\"Actor\":{\"ID\":\"sha256:" HEX "\"}}");
	ck_assert_int_eq(ev.image_op, EVENT_DROP);
	ck_assert_str_eq(ev.image_key, "sha256:" HEX);
	event_clear(&ev);
	/* a delete that names no image ID cannot be dropped: the list again */
	ev = parse("{\"Type\":\"image\",\"Action\":\"delete\",\"Actor\":{\"ID\":\"bb:1.0\"}}");
	ck_assert_int_eq(ev.image_op, EVENT_GAP);
	ck_assert_ptr_null(ev.image_key);
	event_clear(&ev);
	ev = parse("{\"Type\":\"image\",\"Action\":\"prune\",\"Actor\":{\"ID\":\"\",\"Attributes\":{\"reclaimed\":\"0\"}}}");
	ck_assert_uint_eq(ev.kinds, EVENT_IMAGE);
	ck_assert_int_eq(ev.image_op, EVENT_GAP);
	event_clear(&ev);
}
END_TEST

START_TEST(container_effects)
{
	struct event ev = parse("{\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":\"" HEX "\","
				"\"Attributes\":{\"image\":\"bb:1.0\",\"name\":\"x\"}}}");
	ck_assert_uint_eq(ev.kinds, EVENT_CONTAINER);
	ck_assert_int_eq(ev.container_op, EVENT_FETCH);
	ck_assert_str_eq(ev.container_id, HEX);
	ck_assert(!ev.settle);
	ck_assert_int_eq(ev.image_op, EVENT_NONE);
	event_clear(&ev);
	ev = parse("{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"" HEX "\",\"Attributes\":{\"exitCode\":\"3\"}}}");
	ck_assert_int_eq(ev.container_op, EVENT_FETCH);
	ck_assert(ev.settle);
	event_clear(&ev);
	ev = parse("{\"Type\":\"container\",\"Action\":\"destroy\",\"Actor\":{\"ID\":\"" HEX "\"}}");
	ck_assert_int_eq(ev.container_op, EVENT_DROP);
	ck_assert_str_eq(ev.container_id, HEX);
	event_clear(&ev);
	ev = parse("{\"Type\":\"container\",\"Action\":\"exec_start: sh\",\"Actor\":{\"ID\":\"" HEX "\"}}");
	ck_assert_int_eq(ev.container_op, EVENT_NONE);
	ck_assert_ptr_null(ev.container_id);
	event_clear(&ev);
	/* an ID that is not 64 hex digits names no row: the list again */
	ev = parse("{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"ABC\"}}");
	ck_assert_int_eq(ev.container_op, EVENT_GAP);
	ck_assert_ptr_null(ev.container_id);
	ck_assert(!ev.settle);
	event_clear(&ev);
	ev = parse("{\"Type\":\"container\",\"Action\":\"prune\",\"Actor\":{\"ID\":\"\"}}");
	ck_assert_int_eq(ev.container_op, EVENT_GAP);
	event_clear(&ev);
}
END_TEST

START_TEST(commit_makes_an_image)
{
	struct event ev = parse("{\"Type\":\"container\",\"Action\":\"commit\",\"Actor\":{\"ID\":\"" HEX "\","
				"\"Attributes\":{\"comment\":\"\",\"imageID\":\"sha256:" HEX "\",\"imageRef\":\"x:1\"}}}");
	ck_assert_uint_eq(ev.kinds, EVENT_CONTAINER | EVENT_IMAGE);
	ck_assert_int_eq(ev.image_op, EVENT_FETCH);
	ck_assert_str_eq(ev.image_key, "sha256:" HEX);
	event_clear(&ev);
	ev = parse("{\"Type\":\"container\",\"Action\":\"commit\",\"Actor\":{\"ID\":\"" HEX "\"}}");
	ck_assert_int_eq(ev.image_op, EVENT_GAP);
	event_clear(&ev);
}
END_TEST

START_TEST(gaps)
{
	static const char *const lines[] = {
		"{\"Type\":\"image\",\"Action\":\"tag\",\"Actor\":{\"ID\":\"sha256:" HEX,	/* half a line */
		"not json",
		"[]",
		"{\"Type\":\"image\"}",
		"{\"Action\":\"tag\"}",
		"{\"Type\":1,\"Action\":\"tag\"}",
		"",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++) {
		struct event ev = parse(lines[i]);
		ck_assert_uint_eq(ev.kinds, EVENT_IMAGE | EVENT_CONTAINER);
		ck_assert_int_eq(ev.image_op, EVENT_GAP);
		ck_assert_int_eq(ev.container_op, EVENT_GAP);
		ck_assert_ptr_null(ev.image_key);
		ck_assert_ptr_null(ev.container_id);
		event_clear(&ev);
	}
	/* the length counts, not a NUL: the line ends where the stream reader says */
	const char *two = "{\"Type\":\"image\",\"Action\":\"delete\",\"Actor\":{\"ID\":\"sha256:" HEX "\"}}garbage";
	struct event ev;
	event_parse(two, strlen(two) - 7, &ev);
	ck_assert_int_eq(ev.image_op, EVENT_DROP);
	event_clear(&ev);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("event");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, image_tag_by_id);
	tcase_add_test(tc, image_pull_by_reference);
	tcase_add_test(tc, image_delete_and_prune);
	tcase_add_test(tc, container_effects);
	tcase_add_test(tc, commit_makes_an_image);
	tcase_add_test(tc, gaps);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
