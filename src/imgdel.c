#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "imgdel.h"
#include "reference.h"
#include "strv.h"
#include "xalloc.h"

/* ---- building the model -------------------------------------------------- */

static void
ref_init(struct imgdel_ref *r, const char *familiar, bool tag)
{
	struct reference ref;
	r->familiar = xstrdup(familiar);
	r->tag = tag;
	r->gone = false;
	if (reference_parse(familiar, &ref) == REF_OK) {
		r->name = reference_name(&ref);
		r->full = reference_string(&ref, false);
		reference_free(&ref);
		return;
	}
	/* Not a reference we can parse (a hostile engine): keep it whole, its own repository. */
	const char *cut = tag ? strrchr(familiar, ':') : strchr(familiar, '@');
	if (tag && cut && strchr(cut, '/'))
		cut = NULL;
	r->name = cut ? xstrndup(familiar, (size_t)(cut - familiar)) : xstrdup(familiar);
	r->full = xstrdup(familiar);
}

static int
cmp_ref(const void *pa, const void *pb)
{
	const struct imgdel_ref *a = pa, *b = pb;
	return strcmp(a->full, b->full);
}

struct by_id {
	const char *id;
	size_t index;
};

static int
cmp_by_id(const void *pa, const void *pb)
{
	const struct by_id *a = pa, *b = pb;
	return strcmp(a->id, b->id);
}

void
imgdel_init(struct imgdel *d, const struct image_list *list, const struct container_list *containers)
{
	size_t n = list->nimages;
	d->n = n;
	d->images = xcalloc(n ? n : 1, sizeof(*d->images));
	struct by_id *ids = xcalloc(n ? n : 1, sizeof(*ids));
	for (size_t i = 0; i < n; i++) {
		const struct image *im = &list->images[i];
		struct imgdel_image *m = &d->images[i];
		m->image = im;
		m->nrefs = im->ntags + im->ndigests;
		m->refs = xcalloc(m->nrefs ? m->nrefs : 1, sizeof(*m->refs));
		for (size_t t = 0; t < im->ntags; t++)
			ref_init(&m->refs[t], im->tags[t], true);
		for (size_t g = 0; g < im->ndigests; g++)
			ref_init(&m->refs[im->ntags + g], im->digests[g], false);
		qsort(m->refs, m->nrefs, sizeof(*m->refs), cmp_ref);
		m->live = m->nrefs;
		m->parent = IMGDEL_NONE;
		if (containers)
			m->users = containers_count_by_image(containers, im->id, &m->running);
		ids[i].id = im->id;
		ids[i].index = i;
	}
	qsort(ids, n, sizeof(*ids), cmp_by_id);
	for (size_t i = 0; i < n; i++) {
		const char *parent = list->images[i].parent_id;
		if (!parent || !*parent)
			continue;
		struct by_id key = { parent, 0 };
		const struct by_id *hit = bsearch(&key, ids, n, sizeof(*ids), cmp_by_id);
		if (hit && hit->index != i) {
			d->images[i].parent = hit->index;
			d->images[hit->index].children++;
		}
	}
	free(ids);
}

void
imgdel_free(struct imgdel *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct imgdel_image *m = &d->images[i];
		for (size_t r = 0; r < m->nrefs; r++) {
			free(m->refs[r].familiar);
			free(m->refs[r].name);
			free(m->refs[r].full);
		}
		free(m->refs);
	}
	free(d->images);
	memset(d, 0, sizeof(*d));
}

void
imgdel_log_free(struct imgdel_log *log)
{
	strv_free(log->untagged, log->nuntagged);
	free(log->untagged_image);
	free(log->deleted);
	memset(log, 0, sizeof(*log));
}

size_t
imgdel_find_ref(const struct imgdel *d, size_t i, const char *familiar)
{
	const struct imgdel_image *m = &d->images[i];
	for (size_t r = 0; r < m->nrefs; r++)
		if (!m->refs[r].gone && strcmp(m->refs[r].familiar, familiar) == 0)
			return r;
	return IMGDEL_NONE;
}

/* ---- the engine's rules -------------------------------------------------- */

static void
log_untag(struct imgdel_log *log, struct imgdel *d, size_t i, size_t r)
{
	struct imgdel_image *m = &d->images[i];
	m->refs[r].gone = true;
	m->live--;
	log->untagged = xrealloc(log->untagged, (log->nuntagged + 1) * sizeof(*log->untagged));
	log->untagged_image = xrealloc(log->untagged_image,
				       (log->nuntagged + 1) * sizeof(*log->untagged_image));
	log->untagged[log->nuntagged] = xstrdup(m->refs[r].familiar);
	log->untagged_image[log->nuntagged++] = i;
}

bool
imgdel_single_reference(const struct imgdel *d, size_t i)
{
	const struct imgdel_image *m = &d->images[i];
	const char *name = NULL;
	size_t tags = 0;
	for (size_t r = 0; r < m->nrefs; r++) {
		const struct imgdel_ref *ref = &m->refs[r];
		if (ref->gone)
			continue;
		if (name && strcmp(name, ref->name) != 0)
			return false;
		name = ref->name;
		if (ref->tag && ++tags > 1)
			return false;
	}
	return name != NULL;
}

enum conflict_mask {
	CONFLICT_CHILD = 1,		/* hard */
	CONFLICT_RUNNING = 2,		/* hard */
	CONFLICT_REFERENCE = 4,		/* soft */
	CONFLICT_STOPPED = 8,		/* soft */
	CONFLICT_HARD = CONFLICT_CHILD | CONFLICT_RUNNING,
	CONFLICT_SOFT = CONFLICT_REFERENCE | CONFLICT_STOPPED,
};

struct conflict {
	bool any;
	bool hard;
	bool used;	/* by a container */
};

/* checkImageDeleteConflict, in the engine's order. */
static struct conflict
check_conflict(const struct imgdel_image *m, unsigned mask)
{
	struct conflict c = { false, false, false };
	if ((mask & CONFLICT_CHILD) && m->children > 0) {
		c.any = c.hard = true;
	} else if ((mask & CONFLICT_RUNNING) && m->running > 0) {
		c.any = c.hard = c.used = true;
	} else if ((mask & CONFLICT_REFERENCE) && m->live > 0) {
		c.any = true;
	} else if ((mask & CONFLICT_STOPPED) && m->users > m->running) {
		c.any = c.used = true;
	}
	return c;
}

static enum imgdel_outcome
conflict_outcome(struct conflict c)
{
	return c.hard ? IMGDEL_CANNOT : IMGDEL_MUST_FORCE;
}

/* imageDeleteHelper. */
static enum imgdel_outcome
delete_helper(struct imgdel *d, size_t i, bool force, bool prune, bool quiet, struct imgdel_log *log)
{
	for (;;) {
		struct imgdel_image *m = &d->images[i];
		struct conflict c = check_conflict(m, force ? CONFLICT_HARD : CONFLICT_HARD | CONFLICT_SOFT);
		if (c.any) {
			bool dangling = m->live == 0 && m->children == 0;
			/* The engine keeps quiet unless the image is dangling and unused. */
			if (quiet && (!dangling || c.used))
				return IMGDEL_OK;
			return conflict_outcome(c);
		}
		for (size_t r = 0; r < m->nrefs; r++)
			if (!m->refs[r].gone)
				log_untag(log, d, i, r);
		m->deleted = true;
		log->deleted = xrealloc(log->deleted, (log->ndeleted + 1) * sizeof(*log->deleted));
		log->deleted[log->ndeleted++] = i;
		size_t parent = m->parent;
		if (parent != IMGDEL_NONE)
			d->images[parent].children--;
		if (!prune || parent == IMGDEL_NONE || d->images[parent].deleted)
			return IMGDEL_OK;
		/* The parent goes too when nothing holds it; never forced, always quiet. */
		i = parent;
		force = false;
		quiet = true;
	}
}

enum imgdel_outcome
imgdel_delete_ref(struct imgdel *d, size_t i, size_t r, bool force, bool prune, struct imgdel_log *log)
{
	struct imgdel_image *m = &d->images[i];
	if (m->deleted || r >= m->nrefs || m->refs[r].gone)
		return IMGDEL_NOT_FOUND;
	if (!force && m->users > 0 && imgdel_single_reference(d, i))
		return IMGDEL_MUST_FORCE;
	log_untag(log, d, i, r);
	/* The last tag of a repository takes that repository's digests with it. */
	const struct imgdel_ref *ref = &m->refs[r];
	if (ref->tag) {
		bool other_tag = false;
		for (size_t k = 0; k < m->nrefs; k++)
			if (!m->refs[k].gone && m->refs[k].tag && strcmp(m->refs[k].name, ref->name) == 0)
				other_tag = true;
		if (!other_tag)
			for (size_t k = 0; k < m->nrefs; k++)
				if (!m->refs[k].gone && !m->refs[k].tag &&
				    strcmp(m->refs[k].name, ref->name) == 0)
					log_untag(log, d, i, k);
	}
	if (m->live > 0)
		return IMGDEL_OK;
	return delete_helper(d, i, force, prune, true, log);
}

enum imgdel_outcome
imgdel_delete_id(struct imgdel *d, size_t i, bool force, bool prune, struct imgdel_log *log)
{
	struct imgdel_image *m = &d->images[i];
	if (m->deleted)
		return IMGDEL_NOT_FOUND;
	if (imgdel_single_reference(d, i)) {
		unsigned mask = CONFLICT_HARD | (force ? 0 : CONFLICT_STOPPED);
		struct conflict c = check_conflict(m, mask);
		if (c.any)
			return conflict_outcome(c);
		for (size_t r = 0; r < m->nrefs; r++)
			if (!m->refs[r].gone)
				log_untag(log, d, i, r);
	}
	return delete_helper(d, i, force, prune, false, log);
}

/* ---- trying and going back ----------------------------------------------- */

struct imgdel_saved {
	size_t *live, *children;
	bool *deleted;
	bool *gone;	/* every image's refs, one after the other */
};

struct imgdel_saved *
imgdel_save(const struct imgdel *d)
{
	struct imgdel_saved *s = xcalloc(1, sizeof(*s));
	size_t n = d->n ? d->n : 1, nrefs = 0;
	s->live = xcalloc(n, sizeof(*s->live));
	s->children = xcalloc(n, sizeof(*s->children));
	s->deleted = xcalloc(n, sizeof(*s->deleted));
	for (size_t i = 0; i < d->n; i++)
		nrefs += d->images[i].nrefs;
	s->gone = xcalloc(nrefs ? nrefs : 1, sizeof(*s->gone));
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct imgdel_image *m = &d->images[i];
		s->live[i] = m->live;
		s->children[i] = m->children;
		s->deleted[i] = m->deleted;
		for (size_t r = 0; r < m->nrefs; r++)
			s->gone[k++] = m->refs[r].gone;
	}
	return s;
}

void
imgdel_restore(struct imgdel *d, struct imgdel_saved *s)
{
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++) {
		struct imgdel_image *m = &d->images[i];
		m->live = s->live[i];
		m->children = s->children[i];
		m->deleted = s->deleted[i];
		for (size_t r = 0; r < m->nrefs; r++)
			m->refs[r].gone = s->gone[k++];
	}
	free(s->live);
	free(s->children);
	free(s->deleted);
	free(s->gone);
	free(s);
}
