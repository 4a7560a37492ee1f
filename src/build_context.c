/* The build context as a tar made while it is sent (see build_context.h). */
#include "config.h"

#include "build_context.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "xalloc.h"

#define READ_CHUNK (64 * 1024)

struct level {
	int fd;
	char **names;
	unsigned char *types;	/* d_type of each name */
	size_t n, i;
	char *rel;		/* "" for the root, else "a/b" */
	unsigned char *state;	/* its dockerignore walk state; NULL for the root */
};

enum phase {
	PH_WALK,	/* the next entry */
	PH_DATA,	/* a file's bytes, from fd */
	PH_MEMDATA,	/* bytes from memory (the extra .dockerignore) */
	PH_EXTRA,	/* the Dockerfile from outside, then .dockerignore if there was none */
	PH_CLOSE,	/* the end of the archive */
	PH_DONE,
	PH_FAILED,
};

struct build_context {
	char *root;
	const struct dockerignore *ign;
	struct dockerignore none;
	size_t ssize;
	struct archive *w;
	struct archive *disk;	/* only for its user and group name lookups */
	struct archive_entry_linkresolver *links;
	struct level *lv;
	size_t depth, cap;
	/* the tar bytes made and not handed out yet */
	unsigned char *out;
	size_t out_len, out_off, out_cap;
	enum phase phase;
	int fd;
	int64_t left;
	char *rbuf;
	char *mem;		/* PH_MEMDATA */
	size_t mem_len, mem_off;
	char *extra_name, *extra_data, *ignore_text;
	size_t extra_len, ignore_len;
	bool saw_ignore;
	int extra_step;
	char *error;
	_Atomic uint64_t entries, files, data_bytes, tar_bytes, skipped;
	atomic_bool done, failed;
};

static la_ssize_t
out_write(struct archive *a, void *ctx, const void *buf, size_t n)
{
	(void)a;
	struct build_context *bc = ctx;
	if (bc->out_len + n > bc->out_cap) {
		size_t cap = bc->out_cap ? bc->out_cap : 4096;
		while (cap < bc->out_len + n)
			cap *= 2;
		bc->out = xrealloc(bc->out, cap);
		bc->out_cap = cap;
	}
	memcpy(bc->out + bc->out_len, buf, n);
	bc->out_len += n;
	return (la_ssize_t)n;
}

static char *
abs_path(const struct build_context *bc, const char *rel)
{
	return *rel ? xasprintf("%s/%s", bc->root, rel) : xstrdup(bc->root);
}

/* The CLI's words for what its check of the context found (ValidateContextDirectory). */
static void
fail_errno(struct build_context *bc, const char *rel, int err, bool reading)
{
	char *path = abs_path(bc, rel);
	char *safe = sanitize(path);
	free(path);
	free(bc->error);
	if (err == EACCES || err == EPERM)
		bc->error = reading ? xasprintf(_("error checking context: no permission to read from '%s'"), safe)
				    : xasprintf(_("error checking context: can't stat '%s'"), safe);
	else if (err == ENOENT)
		bc->error = xasprintf(_("error checking context: file ('%s') not found or excluded by .dockerignore"),
				      safe);
	else
		bc->error = xasprintf(_("error checking context: %s: %s"), safe, strerror(err));
	free(safe);
	bc->phase = PH_FAILED;
	atomic_store(&bc->failed, true);
}

static void
fail_archive(struct build_context *bc)
{
	const char *why = archive_error_string(bc->w);
	char *safe = sanitize(why ? why : "");
	free(bc->error);
	bc->error = xasprintf(_("cannot make the context archive: %s"), safe);
	free(safe);
	bc->phase = PH_FAILED;
	atomic_store(&bc->failed, true);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Opens dir (relative to parent's fd, or the root when parent is NULL) and reads its names,
 * sorted. False with errno set. */
static bool
level_open(struct build_context *bc, const struct level *parent, const char *name, struct level *lv)
{
	memset(lv, 0, sizeof(*lv));
	int fd = parent ? openat(parent->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
			: open(bc->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	int dfd = dup(fd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		int e = errno;
		if (dfd >= 0)
			close(dfd);
		close(fd);
		errno = e;
		return false;
	}
	struct entry_tmp {
		char *name;
		unsigned char type;
	};
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		/* the type rides after the name's NUL */
		size_t len = strlen(de->d_name);
		char *s = xmalloc(len + 2);
		memcpy(s, de->d_name, len + 1);
		s[len + 1] = (char)de->d_type;
		names[n++] = s;
		errno = 0;
	}
	int e = errno;
	closedir(d);
	if (e != 0) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		close(fd);
		errno = e;
		return false;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	lv->fd = fd;
	lv->names = names;
	lv->n = n;
	return true;
}

static void
level_close(struct level *lv)
{
	if (lv->fd >= 0)
		close(lv->fd);
	for (size_t i = 0; i < lv->n; i++)
		free(lv->names[i]);
	free(lv->names);
	free(lv->rel);
	free(lv->state);
	lv->fd = -1;
	lv->names = NULL;
	lv->n = 0;
	lv->rel = NULL;
	lv->state = NULL;
}

static void
push_level(struct build_context *bc, struct level *lv)
{
	if (bc->depth == bc->cap) {
		bc->cap = bc->cap ? bc->cap * 2 : 16;
		bc->lv = xrealloc(bc->lv, bc->cap * sizeof(*bc->lv));
	}
	bc->lv[bc->depth++] = *lv;
}

struct build_context *
build_context_new(const struct build_context_opts *o, char **err)
{
	struct build_context *bc = xcalloc(1, sizeof(*bc));
	bc->root = xstrdup(o->root);
	bc->fd = -1;
	bc->ign = o->ignore ? o->ignore : &bc->none;
	bc->ssize = dockerignore_state_size(bc->ign);
	if (o->extra_name) {
		bc->extra_name = xstrdup(o->extra_name);
		bc->extra_data = xmalloc(o->extra_len + 1);
		memcpy(bc->extra_data, o->extra_data, o->extra_len);
		bc->extra_len = o->extra_len;
		if (o->ignore_text) {
			bc->ignore_text = xmalloc(o->ignore_len + 1);
			memcpy(bc->ignore_text, o->ignore_text, o->ignore_len);
			bc->ignore_len = o->ignore_len;
		}
	}
	struct level root;
	if (!level_open(bc, NULL, NULL, &root)) {
		fail_errno(bc, "", errno, false);
		*err = xstrdup(bc->error);
		build_context_free(bc);
		return NULL;
	}
	root.rel = xstrdup("");
	push_level(bc, &root);
	bc->rbuf = xmalloc(READ_CHUNK);
	bc->w = archive_write_new();
	bc->disk = archive_read_disk_new();
	archive_read_disk_set_standard_lookup(bc->disk);
	if (archive_write_set_format_pax_restricted(bc->w) != ARCHIVE_OK ||
	    archive_write_set_bytes_per_block(bc->w, 0) != ARCHIVE_OK ||
	    archive_write_open(bc->w, bc, NULL, out_write, NULL) != ARCHIVE_OK) {
		fail_archive(bc);
		*err = xstrdup(bc->error);
		build_context_free(bc);
		return NULL;
	}
	bc->links = archive_entry_linkresolver_new();
	archive_entry_linkresolver_set_strategy(bc->links, archive_format(bc->w));
	bc->phase = PH_WALK;
	return bc;
}

void
build_context_free(struct build_context *bc)
{
	if (!bc)
		return;
	while (bc->depth > 0)
		level_close(&bc->lv[--bc->depth]);
	free(bc->lv);
	if (bc->fd >= 0)
		close(bc->fd);
	if (bc->w)
		archive_write_free(bc->w);
	if (bc->disk)
		archive_read_free(bc->disk);
	if (bc->links)
		archive_entry_linkresolver_free(bc->links);
	free(bc->out);
	free(bc->rbuf);
	free(bc->extra_name);
	free(bc->extra_data);
	free(bc->ignore_text);
	free(bc->mem);
	free(bc->error);
	free(bc->root);
	dockerignore_free(&bc->none);
	free(bc);
}

const char *
build_context_error(const struct build_context *bc)
{
	return bc->error;
}

void
build_context_stats(const struct build_context *bc, struct build_context_stats *out)
{
	out->entries = atomic_load(&bc->entries);
	out->files = atomic_load(&bc->files);
	out->data_bytes = atomic_load(&bc->data_bytes);
	out->tar_bytes = atomic_load(&bc->tar_bytes);
	out->skipped_dirs = atomic_load(&bc->skipped);
	out->done = atomic_load(&bc->done);
	out->failed = atomic_load(&bc->failed);
}

/* libarchive keeps only the permission bits in a ustar header's mode; docker's tars have the
 * file type bits too (see build_context.h). The header just written is the last 512 bytes
 * made: its mode is rewritten and its checksum made again. */
static bool
fix_mode(struct build_context *bc, unsigned mode)
{
	if (bc->out_len < 512)
		return false;
	unsigned char *h = bc->out + bc->out_len - 512;
	if (memcmp(h + 257, "ustar", 5) != 0)
		return false;
	char field[16];
	snprintf(field, sizeof(field), "%07o", mode & 0177777u);
	memcpy(h + 100, field, 8);	/* 7 digits and the NUL */
	memset(h + 148, ' ', 8);
	unsigned sum = 0;
	for (size_t i = 0; i < 512; i++)
		sum += h[i];
	snprintf(field, sizeof(field), "%06o", sum & 0777777u);
	memcpy(h + 148, field, 7);
	h[155] = ' ';
	return true;
}

/* Writes e's header; keep_mode: the mode as set (the extra files), else docker's with the
 * type bits. */
static bool
write_header(struct build_context *bc, struct archive_entry *e, bool keep_mode)
{
	unsigned mode = (unsigned)archive_entry_mode(e);
	int r = archive_write_header(bc->w, e);
	if (r < ARCHIVE_WARN) {
		fail_archive(bc);
		return false;
	}
	if (!keep_mode && !fix_mode(bc, mode)) {
		free(bc->error);
		bc->error = xstrdup(_("cannot make the context archive: unexpected tar header"));
		bc->phase = PH_FAILED;
		atomic_store(&bc->failed, true);
		return false;
	}
	atomic_fetch_add(&bc->entries, 1);
	return true;
}

static void
start_memdata(struct build_context *bc, char *data, size_t len)
{
	free(bc->mem);
	bc->mem = data;
	bc->mem_len = len;
	bc->mem_off = 0;
	bc->phase = PH_MEMDATA;
}

/* One file the CLI adds from memory: mode 0600, 0:0, no names, mtime now (its hdrTmpl). */
static bool
add_memory_file(struct build_context *bc, const char *name, const char *data, size_t len)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0600);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, time(NULL), 0);
	bool ok = write_header(bc, e, true);
	archive_entry_free(e);
	if (!ok)
		return false;
	atomic_fetch_add(&bc->files, 1);
	char *copy = xmalloc(len + 1);
	memcpy(copy, data, len);
	start_memdata(bc, copy, len);
	return true;
}

/* The .dockerignore sent when a Dockerfile comes from outside: its text and the extra name. */
static char *
extra_ignore(const struct build_context *bc, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	if (bc->ignore_text)
		sb_append(&sb, bc->ignore_text, bc->ignore_len);
	else
		sb_puts(&sb, ".dockerignore");
	sb_printf(&sb, "\n%s\n", bc->extra_name);
	*len = sb.len;
	return sb_detach(&sb);
}

/* One entry of the walk, not excluded: its header, and its data next. */
static bool
add_entry(struct build_context *bc, struct level *top, const char *name, const char *rel)
{
	struct stat st;
	if (fstatat(top->fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		fail_errno(bc, rel, errno, false);
		return false;
	}
	if (S_ISSOCK(st.st_mode))
		return true;	/* Go's tar cannot hold one; the CLI leaves it out */
	bool is_root_ignore = bc->extra_name && top->rel[0] == '\0' && strcmp(name, ".dockerignore") == 0 &&
			      S_ISREG(st.st_mode);
	int fd = -1;
	if (S_ISREG(st.st_mode)) {
		fd = openat(top->fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			fail_errno(bc, rel, errno, true);
			return false;
		}
	}
	struct level sub = { .fd = -1 };
	if (S_ISDIR(st.st_mode)) {
		if (!level_open(bc, top, name, &sub)) {
			fail_errno(bc, rel, errno, false);
			return false;
		}
	}

	struct archive_entry *e = archive_entry_new();
	archive_entry_copy_stat(e, &st);
	if (S_ISDIR(st.st_mode)) {
		char *dn = xasprintf("%s/", rel);
		archive_entry_copy_pathname(e, dn);
		free(dn);
		archive_entry_set_size(e, 0);
	} else {
		archive_entry_copy_pathname(e, rel);
	}
	const char *uname = archive_read_disk_uname(bc->disk, (la_int64_t)st.st_uid);
	const char *gname = archive_read_disk_gname(bc->disk, (la_int64_t)st.st_gid);
	if (uname)
		archive_entry_copy_uname(e, uname);
	if (gname)
		archive_entry_copy_gname(e, gname);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_mtime(e, st.st_mtim.tv_sec, 0);
	archive_entry_unset_atime(e);
	archive_entry_unset_ctime(e);
	archive_entry_unset_birthtime(e);
	if (S_ISLNK(st.st_mode)) {
		size_t cap = (size_t)st.st_size + 1 > 256 ? (size_t)st.st_size + 1 : 256;
		char *target = xmalloc(cap);
		ssize_t n = readlinkat(top->fd, name, target, cap - 1);
		if (n < 0) {
			int err = errno;
			free(target);
			archive_entry_free(e);
			fail_errno(bc, rel, err, false);
			return false;
		}
		target[n] = '\0';
		archive_entry_copy_symlink(e, target);
		archive_entry_set_size(e, 0);
		free(target);
	}
	if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
		archive_entry_set_size(e, 0);
	if (!S_ISLNK(st.st_mode)) {
		/* docker keeps this one extended attribute (ReadSecurityXattrToTarHeader) */
		char cap[256];
		int xfd = fd >= 0 ? fd : sub.fd;
		ssize_t xn = xfd >= 0 ? fgetxattr(xfd, "security.capability", cap, sizeof(cap)) : -1;
		if (xn > 0)
			archive_entry_xattr_add_entry(e, "security.capability", cap, (size_t)xn);
	}
	if (is_root_ignore) {
		size_t len;
		char *text = extra_ignore(bc, &len);
		archive_entry_set_size(e, (la_int64_t)len);
		bc->saw_ignore = true;
		bool ok = write_header(bc, e, false);
		archive_entry_free(e);
		close(fd);
		if (!ok) {
			free(text);
			return false;
		}
		atomic_fetch_add(&bc->files, 1);
		start_memdata(bc, text, len);
		return true;
	}
	struct archive_entry *spare = NULL;
	if (!S_ISDIR(st.st_mode) && st.st_nlink > 1)
		archive_entry_linkify(bc->links, &e, &spare);
	bool hardlink = archive_entry_hardlink(e) != NULL;
	bool ok = write_header(bc, e, false);
	archive_entry_free(e);
	archive_entry_free(spare);
	if (!ok) {
		if (fd >= 0)
			close(fd);
		level_close(&sub);
		return false;
	}
	if (S_ISREG(st.st_mode)) {
		atomic_fetch_add(&bc->files, 1);
		if (!hardlink && st.st_size > 0) {
			bc->fd = fd;
			bc->left = st.st_size;
			bc->phase = PH_DATA;
			fd = -1;
		}
	}
	if (fd >= 0)
		close(fd);
	if (S_ISDIR(st.st_mode)) {
		sub.rel = xstrdup(rel);
		sub.state = xmalloc(bc->ssize);
		/* the state of rel was computed by the caller into the scratch below */
		push_level(bc, &sub);
	}
	return true;
}

/* Makes the next entry's header (and starts its data); the walk part of step(). */
static void
next_entry(struct build_context *bc)
{
	unsigned char *state = xmalloc(bc->ssize);
	while (bc->phase == PH_WALK) {
		if (bc->depth == 0) {
			bc->phase = PH_EXTRA;
			break;
		}
		struct level *top = &bc->lv[bc->depth - 1];
		if (top->i == top->n) {
			level_close(top);
			bc->depth--;
			continue;
		}
		const char *name = top->names[top->i++];
		unsigned char type = (unsigned char)name[strlen(name) + 1];
		char *rel = top->rel[0] ? xasprintf("%s/%s", top->rel, name) : xstrdup(name);
		bool excluded = dockerignore_match_walk(bc->ign, rel, top->state, state);
		bool is_dir = type == DT_DIR;
		if (type == DT_UNKNOWN) {
			struct stat st;
			is_dir = fstatat(top->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		}
		if (excluded) {
			if (is_dir) {
				if (dockerignore_can_skip_dir(bc->ign, rel)) {
					atomic_fetch_add(&bc->skipped, 1);
				} else {
					/* not sent itself, but what an exception keeps below it is */
					struct level sub;
					if (!level_open(bc, top, name, &sub)) {
						fail_errno(bc, rel, errno, false);
					} else {
						sub.rel = rel;
						sub.state = state;
						rel = NULL;
						state = xmalloc(bc->ssize);
						push_level(bc, &sub);
					}
				}
			}
			free(rel);
			continue;
		}
		size_t depth = bc->depth;
		bool ok = add_entry(bc, top, name, rel);
		if (ok && bc->depth > depth)
			memcpy(bc->lv[bc->depth - 1].state, state, bc->ssize);
		free(rel);
		break;	/* one entry made (or none when it was a socket: the next call goes on) */
	}
	free(state);
}

/* Makes more of the tar into out; called when all of it was handed out. */
static void
step(struct build_context *bc)
{
	switch (bc->phase) {
	case PH_WALK:
		next_entry(bc);
		break;
	case PH_DATA: {
		size_t want = bc->left < READ_CHUNK ? (size_t)bc->left : READ_CHUNK;
		ssize_t n;
		do
			n = read(bc->fd, bc->rbuf, want);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			int err = errno;
			free(bc->error);
			bc->error = xasprintf(_("error reading the build context: %s"), strerror(err));
			bc->phase = PH_FAILED;
			atomic_store(&bc->failed, true);
			break;
		}
		if (n > 0) {
			if (archive_write_data(bc->w, bc->rbuf, (size_t)n) < 0) {
				fail_archive(bc);
				break;
			}
			bc->left -= n;
			atomic_fetch_add(&bc->data_bytes, (uint64_t)n);
		}
		if (n == 0 || bc->left <= 0) {
			/* a file that shrank meanwhile is padded with zeros to the size sent */
			archive_write_finish_entry(bc->w);
			close(bc->fd);
			bc->fd = -1;
			bc->phase = PH_WALK;
		}
		break;
	}
	case PH_MEMDATA:
		if (archive_write_data(bc->w, bc->mem, bc->mem_len) < 0) {
			fail_archive(bc);
			break;
		}
		archive_write_finish_entry(bc->w);
		free(bc->mem);
		bc->mem = NULL;
		bc->phase = PH_WALK;
		break;
	case PH_EXTRA:
		/* the Dockerfile from outside, then .dockerignore when the context had none; each
		 * one's data ends in PH_WALK, which finds the walk over and comes back here */
		if (bc->extra_name && bc->extra_step == 0) {
			bc->extra_step = 1;
			add_memory_file(bc, bc->extra_name, bc->extra_data, bc->extra_len);
			break;
		}
		if (bc->extra_name && bc->extra_step == 1) {
			bc->extra_step = 2;
			if (!bc->saw_ignore) {
				size_t len;
				char *text = extra_ignore(bc, &len);
				add_memory_file(bc, ".dockerignore", text, len);
				free(text);
				break;
			}
		}
		bc->phase = PH_CLOSE;
		break;
	case PH_CLOSE:
		if (archive_write_close(bc->w) != ARCHIVE_OK) {
			fail_archive(bc);
			break;
		}
		bc->phase = PH_DONE;
		break;
	case PH_DONE:
	case PH_FAILED:
		break;
	}
}

long
build_context_read(char *buf, size_t size, void *ctx)
{
	struct build_context *bc = ctx;
	while (bc->out_off == bc->out_len) {
		bc->out_off = bc->out_len = 0;
		if (bc->phase == PH_FAILED)
			return -1;
		if (bc->phase == PH_DONE) {
			atomic_store(&bc->done, true);
			return 0;
		}
		step(bc);
	}
	size_t n = bc->out_len - bc->out_off;
	if (n > size)
		n = size;
	memcpy(buf, bc->out + bc->out_off, n);
	bc->out_off += n;
	atomic_fetch_add(&bc->tar_bytes, (uint64_t)n);
	return (long)n;
}
