/* One line of /events, read for the lists: see event.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "containers.h"
#include "event.h"
#include "json.h"
#include "xalloc.h"

static bool
is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[n] == '\0';
}

/* "sha256:<hex>" for an image ID given with or without its prefix; NULL for anything else. */
static char *
image_id(const char *s)
{
	if (!s)
		return NULL;
	if (strncmp(s, "sha256:", 7) == 0 && strlen(s) == 71 && is_hex(s + 7, 64))
		return xstrdup(s);
	if (strlen(s) == 64 && is_hex(s, 64))
		return xasprintf("sha256:%s", s);
	return NULL;
}

static const char *
str_at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void
image_event(struct event *ev, const char *action, const char *id, const cJSON *attrs)
{
	static const char *const fetch[] = { "tag", "untag", "import", "load", "loadfromarchive", "pull", "push" };
	char *iid = image_id(id);
	ev->kinds |= EVENT_IMAGE;
	if (strcmp(action, "delete") == 0 || strcmp(action, "remove") == 0) {
		ev->image_op = iid ? EVENT_DROP : EVENT_GAP;
		ev->image_key = iid;
		return;
	}
	for (size_t i = 0; i < sizeof(fetch) / sizeof(fetch[0]); i++) {
		if (strcmp(action, fetch[i]) == 0) {
			/* A pull or push names the reference; the others the ID. */
			const char *ref = id && *id ? id : str_at(attrs, "name");
			ev->image_op = iid || (ref && *ref) ? EVENT_FETCH : EVENT_GAP;
			ev->image_key = iid ? iid : (ref && *ref ? xstrdup(ref) : NULL);
			return;
		}
	}
	free(iid);
	ev->image_op = EVENT_GAP;	/* a prune, or what is not known */
}

static void
container_event(struct event *ev, const char *action, const char *id, const cJSON *attrs)
{
	ev->kinds |= EVENT_CONTAINER;
	/* A commit makes an image, though docker reports it as a container's event. */
	if (strcmp(action, "commit") == 0) {
		ev->kinds |= EVENT_IMAGE;
		ev->image_key = image_id(str_at(attrs, "imageID"));
		ev->image_op = ev->image_key ? EVENT_FETCH : EVENT_GAP;
		return;
	}
	bool idok = id && strlen(id) == 64 && is_hex(id, 64);
	switch (container_event_effect(action)) {
	case CONTAINER_EVENT_ADD:
	case CONTAINER_EVENT_UPDATE:
		ev->container_op = idok ? EVENT_FETCH : EVENT_GAP;
		break;
	case CONTAINER_EVENT_REMOVE:
		ev->container_op = idok ? EVENT_DROP : EVENT_GAP;
		break;
	case CONTAINER_EVENT_RELOAD:
		ev->container_op = EVENT_GAP;
		break;
	case CONTAINER_EVENT_IGNORE:
		ev->container_op = EVENT_NONE;
		break;
	}
	if (idok && ev->container_op != EVENT_GAP && ev->container_op != EVENT_NONE)
		ev->container_id = xstrdup(id);
	ev->settle = ev->container_op == EVENT_FETCH && (strcmp(action, "die") == 0 || strcmp(action, "oom") == 0);
}

void
event_parse(const char *line, size_t len, struct event *ev)
{
	*ev = (struct event){ 0 };
	cJSON *doc = json_parse(line, len);
	const char *type = str_at(doc, "Type");
	const char *action = str_at(doc, "Action");
	const cJSON *actor = cJSON_GetObjectItemCaseSensitive(doc, "Actor");
	const char *id = str_at(actor, "ID");
	const cJSON *attrs = cJSON_GetObjectItemCaseSensitive(actor, "Attributes");
	if (!type || !action) {
		ev->kinds = EVENT_IMAGE | EVENT_CONTAINER;
		ev->image_op = ev->container_op = EVENT_GAP;
	} else if (strcmp(type, "container") == 0) {
		container_event(ev, action, id, attrs);
	} else {
		image_event(ev, action, id, attrs);
	}
	cJSON_Delete(doc);
}

void
event_clear(struct event *ev)
{
	free(ev->image_key);
	free(ev->container_id);
	*ev = (struct event){ 0 };
}
