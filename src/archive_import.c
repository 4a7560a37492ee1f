#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "archive_dir.h"
#include "archive_import.h"
#include "cmdline.h"
#include "engine.h"
#include "i18n.h"
#include "image_target.h"
#include "json.h"
#include "reference.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

static void
query(struct strbuf *sb, const char *key, const char *value)
{
	char *esc = engine_escape(value ? value : "");
	sb_printf(sb, "%c%s=%s", sb->len && strchr(sb->buf, '?') ? '&' : '?', key, esc);
	free(esc);
}

bool
archive_import_path(const struct archive_import_opts *o, char **path, char **err)
{
	*path = NULL;
	*err = NULL;
	char *repo = NULL, *tag = NULL;
	if (!image_target_parse(o->reference, _("cannot import digest reference"), &repo, &tag, err))
		return false;
	if (!image_changes_check(o->changes, o->nchanges, err)) {
		free(repo);
		free(tag);
		return false;
	}
	/* url.Values.Encode: keys sorted, values in the order given */
	struct strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "/images/create");
	for (size_t i = 0; i < o->nchanges; i++)
		if (!image_change_blank(o->changes[i]))
			query(&sb, "changes", o->changes[i]);
	query(&sb, "fromSrc", "-");
	query(&sb, "message", o->message);
	query(&sb, "repo", repo);
	query(&sb, "tag", tag);
	free(repo);
	free(tag);
	*path = sb_detach(&sb);
	return true;
}

void
archive_imported_init(struct archive_imported *im)
{
	memset(im, 0, sizeof(*im));
}

void
archive_imported_free(struct archive_imported *im)
{
	free(im->id);
	free(im->error);
	memset(im, 0, sizeof(*im));
}

bool
archive_imported_feed(struct archive_imported *im, const char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\n'))
		len--;
	if (len == 0)
		return true;
	cJSON *j = json_parse_whole(line, len);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return true;
	}
	bool ok = true;
	const char *failure = json_stream_error(j);
	const char *status = json_raw_string(j, "status");
	if (failure) {
		char *m = *failure ? sanitize(failure) : xstrdup(_("the engine failed"));
		if (!im->failed) {
			im->failed = true;
			im->error = m;
		} else {
			free(m);
		}
		ok = false;
	} else if (strncmp(status, "sha256:", 7) == 0 && strlen(status) == 71) {
		free(im->id);
		im->id = sanitize(status);
	}
	cJSON_Delete(j);
	return ok;
}

static bool
on_line(const char *line, size_t len, void *ctx)
{
	return archive_imported_feed(ctx, line, len);
}

enum archive_result
archive_import(struct engine *e, const struct archive_import_opts *o, char **id, char **err)
{
	*id = NULL;
	*err = NULL;
	char *path;
	if (!archive_import_path(o, &path, err))
		return ARCHIVE_RESULT_FAILED;
	if (!o->source || !*o->source) {
		free(path);
		*err = xstrdup(_("no file or directory to import"));
		return ARCHIVE_RESULT_FAILED;
	}
	struct stat st;
	if (stat(o->source, &st) != 0) {
		free(path);
		*err = archive_errno_message(_("cannot open %s: %s"), o->source, errno);
		return ARCHIVE_RESULT_FAILED;
	}

	struct archive_meter meter;
	struct archive_source src;
	struct archive_dir *dir = NULL;
	struct engine_upload up = { 0 };
	if (S_ISDIR(st.st_mode)) {
		dir = archive_dir_open(o->source, o->cancel, err);
		if (!dir) {
			free(path);
			return ARCHIVE_RESULT_FAILED;
		}
		archive_meter_init(&meter, o->progress, o->progress_ctx, archive_dir_total(dir));
		archive_dir_set_meter(dir, &meter);
		up.body = archive_dir_read;
		up.body_ctx = dir;
	} else {
		if (!archive_source_open(&src, o->source, false, err)) {
			free(path);
			return ARCHIVE_RESULT_FAILED;
		}
		archive_meter_init(&meter, o->progress, o->progress_ctx, src.size);
		src.meter = &meter;
		src.cancel = o->cancel;
		up.body = archive_source_read;
		up.body_ctx = &src;
	}

	struct archive_imported im;
	archive_imported_init(&im);
	struct engine_response r = engine_upload(e, path, &up, on_line, &im, o->cancel);
	free(path);
	const char *source_error = dir ? archive_dir_error(dir) : src.error;
	enum archive_result status = ARCHIVE_RESULT_FAILED;
	if (source_error) {
		*err = xstrdup(source_error);
	} else if (r.status == ENGINE_CANCELLED && !im.failed) {
		status = ARCHIVE_RESULT_CANCELLED;
	} else if ((r.status != ENGINE_OK || r.http_status >= 400) && !im.failed) {
		*err = xstrdup(r.error ? r.error : _("the engine failed"));
	} else if (im.failed) {
		*err = xstrdup(im.error);
	} else if (!im.id) {
		*err = xstrdup(_("the engine did not say which image it made"));
	} else {
		status = ARCHIVE_RESULT_DONE;
		*id = im.id;
		im.id = NULL;
	}
	engine_response_free(&r);
	archive_imported_free(&im);
	if (dir)
		archive_dir_close(dir);
	else
		archive_source_close(&src);
	return status;
}
