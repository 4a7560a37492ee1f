#include "config.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

#include "archive_dir.h"
#include "archive_stream.h"
#include "http.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

#define TAR_RECORD 10240

struct archive_dir {
	struct archive *disk;		/* the tree */
	struct archive *w;		/* the tar it becomes */
	struct archive_entry_linkresolver *links;
	struct archive_entry *entry;
	char *root;			/* as given to the disk reader */
	size_t rootlen;
	struct strbuf out;		/* tar bytes made, not yet handed out */
	size_t out_pos;
	uint64_t made;			/* tar bytes made so far */
	uint64_t total;
	char *chunk;
	char *source;			/* the file being read, for messages */
	bool in_data;
	bool done;
	size_t skipped;
	char *error;
	struct archive_meter *meter;
	struct cancel *cancel;
};

static bool
cancelled(const struct archive_dir *d)
{
	return d->cancel && atomic_load(&d->cancel->cancelled);
}

static struct archive *
disk_reader(const char *root, char **err)
{
	struct archive *disk = archive_read_disk_new();
	/* as tar: the directory named may be a link, nothing under it is followed */
	archive_read_disk_set_symlink_hybrid(disk);
	archive_read_disk_set_behavior(disk, ARCHIVE_READDISK_NO_TRAVERSE_MOUNTS | ARCHIVE_READDISK_NO_XATTR
				       | ARCHIVE_READDISK_NO_ACL | ARCHIVE_READDISK_NO_FFLAGS
				       | ARCHIVE_READDISK_NO_SPARSE);
	if (archive_read_disk_open(disk, root) != ARCHIVE_OK) {
		*err = xasprintf(_("cannot read %s: %s"), root, archive_error_string(disk));
		archive_read_free(disk);
		return NULL;
	}
	return disk;
}

static uint64_t
padded(uint64_t n)
{
	return (n + 511) / 512 * 512;
}

/* The tar's size, from one walk over the metadata. */
static bool
estimate(struct archive_dir *d, char **err)
{
	struct archive *disk = disk_reader(d->root, err);
	if (!disk)
		return false;
	struct archive_entry_linkresolver *links = archive_entry_linkresolver_new();
	archive_entry_linkresolver_set_strategy(links, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED);
	struct archive_entry *entry = archive_entry_new();
	uint64_t total = 0;
	bool ok = true;
	for (;;) {
		if (cancelled(d)) {
			*err = xstrdup(_("cancelled"));
			ok = false;
			break;
		}
		archive_entry_clear(entry);
		int r = archive_read_next_header2(disk, entry);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			const char *p = archive_entry_pathname(entry);
			*err = xasprintf(_("cannot read %s: %s"), p ? p : d->root, archive_error_string(disk));
			ok = false;
			break;
		}
		if (archive_read_disk_can_descend(disk))
			archive_read_disk_descend(disk);
		if (archive_entry_filetype(entry) == AE_IFSOCK)
			continue;
		struct archive_entry *e = entry, *spare = NULL;
		archive_entry_linkify(links, &e, &spare);
		const char *p = archive_entry_pathname(e);
		total += 512;
		if (p && strlen(p) - d->rootlen + 2 > 100)
			total += 1024;	/* a pax header for the long name */
		if (archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e))
			total += padded((uint64_t)archive_entry_size(e));
	}
	archive_entry_free(entry);
	archive_entry_linkresolver_free(links);
	archive_read_free(disk);
	total += 1024;
	d->total = (total + TAR_RECORD - 1) / TAR_RECORD * TAR_RECORD;
	return ok;
}

static la_ssize_t
on_write(struct archive *a, void *ctx, const void *buf, size_t n)
{
	(void)a;
	struct archive_dir *d = ctx;
	sb_append(&d->out, buf, n);
	d->made += n;
	return (la_ssize_t)n;
}

struct archive_dir *
archive_dir_open(const char *dir, struct cancel *c, char **err)
{
	*err = NULL;
	struct stat st;
	if (stat(dir, &st) != 0) {
		*err = archive_errno_message(_("cannot open %s: %s"), dir, errno);
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		*err = xasprintf(_("%s is not a directory"), dir);
		return NULL;
	}
	struct archive_dir *d = xcalloc(1, sizeof(*d));
	d->cancel = c;
	/* "dir/" would make "dir//a": one spelling, without the slash (but "/" stays) */
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	d->root = xstrndup(dir, len);
	d->rootlen = len;
	if (!estimate(d, err)) {
		archive_dir_close(d);
		return NULL;
	}
	d->disk = disk_reader(d->root, err);
	if (!d->disk) {
		archive_dir_close(d);
		return NULL;
	}
	d->w = archive_write_new();
	archive_write_set_format_pax_restricted(d->w);
	archive_write_add_filter_none(d->w);
	if (archive_write_open2(d->w, d, NULL, on_write, NULL, NULL) != ARCHIVE_OK) {
		*err = xasprintf(_("cannot make a tar of %s: %s"), dir, archive_error_string(d->w));
		archive_dir_close(d);
		return NULL;
	}
	d->links = archive_entry_linkresolver_new();
	archive_entry_linkresolver_set_strategy(d->links, archive_format(d->w));
	d->entry = archive_entry_new();
	d->chunk = xmalloc(ARCHIVE_CHUNK);
	return d;
}

uint64_t
archive_dir_total(const struct archive_dir *d)
{
	return d->total;
}

void
archive_dir_set_meter(struct archive_dir *d, struct archive_meter *m)
{
	d->meter = m;
}

const char *
archive_dir_error(const struct archive_dir *d)
{
	return d->error;
}

size_t
archive_dir_skipped(const struct archive_dir *d)
{
	return d->skipped;
}

static bool
dir_fail(struct archive_dir *d, char *msg)
{
	free(d->error);
	d->error = msg;
	return false;
}

/* "./rest" for root "/rest", "." for the root itself. */
static char *
relative(const struct archive_dir *d, const char *path)
{
	const char *rest = path;
	if (strncmp(path, d->root, d->rootlen) == 0)
		rest = path + d->rootlen;
	while (*rest == '/')
		rest++;
	return *rest ? xasprintf("./%s", rest) : xstrdup(".");
}

/* The next file's data, or its header. */
static bool
step(struct archive_dir *d)
{
	if (d->in_data) {
		la_ssize_t n = archive_read_data(d->disk, d->chunk, ARCHIVE_CHUNK);
		if (n < 0)
			return dir_fail(d, xasprintf(_("cannot read %s: %s"), d->source,
						     archive_error_string(d->disk)));
		if (n == 0) {
			d->in_data = false;
			if (archive_write_finish_entry(d->w) < ARCHIVE_WARN)
				return dir_fail(d, xasprintf(_("cannot make a tar of %s: %s"), d->root,
							     archive_error_string(d->w)));
			return true;
		}
		if (archive_write_data(d->w, d->chunk, (size_t)n) < 0)
			return dir_fail(d, xasprintf(_("cannot make a tar of %s: %s"), d->root,
						     archive_error_string(d->w)));
		return true;
	}
	archive_entry_clear(d->entry);
	int r = archive_read_next_header2(d->disk, d->entry);
	if (r == ARCHIVE_EOF) {
		if (archive_write_close(d->w) != ARCHIVE_OK)
			return dir_fail(d, xasprintf(_("cannot make a tar of %s: %s"), d->root,
						     archive_error_string(d->w)));
		d->done = true;
		return true;
	}
	const char *path = archive_entry_pathname(d->entry);
	free(d->source);
	d->source = xstrdup(path ? path : d->root);
	if (r < ARCHIVE_WARN)
		return dir_fail(d, xasprintf(_("cannot read %s: %s"), d->source, archive_error_string(d->disk)));
	if (archive_read_disk_can_descend(d->disk))
		archive_read_disk_descend(d->disk);
	if (archive_entry_filetype(d->entry) == AE_IFSOCK) {
		d->skipped++;
		return true;
	}
	char *name = relative(d, d->source);
	archive_entry_copy_pathname(d->entry, name);
	free(name);
	struct archive_entry *e = d->entry, *spare = NULL;
	archive_entry_linkify(d->links, &e, &spare);
	r = archive_write_header(d->w, e);
	if (r == ARCHIVE_FAILED) {
		/* this entry cannot be in a tar: left out, as tar does */
		d->skipped++;
		return true;
	}
	if (r < ARCHIVE_WARN)
		return dir_fail(d, xasprintf(_("cannot make a tar of %s: %s"), d->root, archive_error_string(d->w)));
	d->in_data = archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e)
		     && archive_entry_size(e) > 0;
	return true;
}

long
archive_dir_read(char *buf, size_t size, void *ctx)
{
	struct archive_dir *d = ctx;
	while (d->out_pos >= d->out.len) {
		d->out.len = 0;
		d->out_pos = 0;
		if (d->done)
			return 0;
		if (d->error)
			return -1;
		if (cancelled(d))
			return -1;
		if (!step(d))
			return -1;
		if (d->meter) {
			if (d->made > d->total)
				d->total = d->made;
			d->meter->p.total = d->total;
			archive_meter_update(d->meter, d->made, d->made, d->done);
		}
	}
	size_t n = d->out.len - d->out_pos;
	if (n > size)
		n = size;
	memcpy(buf, d->out.buf + d->out_pos, n);
	d->out_pos += n;
	return (long)n;
}

void
archive_dir_close(struct archive_dir *d)
{
	if (!d)
		return;
	if (d->w)
		archive_write_free(d->w);
	if (d->disk)
		archive_read_free(d->disk);
	if (d->links)
		archive_entry_linkresolver_free(d->links);
	if (d->entry)
		archive_entry_free(d->entry);
	sb_free(&d->out);
	free(d->chunk);
	free(d->root);
	free(d->source);
	free(d->error);
	free(d);
}
