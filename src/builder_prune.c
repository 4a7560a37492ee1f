/* `docker builder prune [-a]` (src/builder_prune.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "builder_prune.h"
#include "i18n.h"
#include "satnum.h"
#include "xalloc.h"

static bool
goes(const struct df_cache *c, bool all)
{
	if (c->in_use)
		return false;
	if (all)
		return true;
	return !c->shared && strcmp(c->type, "internal") != 0 && strcmp(c->type, "frontend") != 0;
}

void
builder_prune_preview(const struct system_df *df, bool all, struct builder_prune_preview *out)
{
	memset(out, 0, sizeof(*out));
	out->records = xcalloc(df->ncache ? df->ncache : 1, sizeof(*out->records));
	for (size_t i = 0; i < df->ncache; i++) {
		if (!goes(&df->cache[i], all)) {
			out->nkept++;
			continue;
		}
		out->records[out->nrecords++] = &df->cache[i];
		out->space = size_add(out->space, df->cache[i].size);
	}
}

void
builder_prune_preview_free(struct builder_prune_preview *p)
{
	free(p->records);
	memset(p, 0, sizeof(*p));
}

char *
builder_prune_command(bool all)
{
	return xstrdup(all ? "docker builder prune -a -f" : "docker builder prune -f");
}

bool
builder_prune_run(struct engine *e, bool all, struct cancel *c, struct container_prune_result *out)
{
	/* TRANSLATORS: as `docker builder prune` lists what it removed. */
	return prune_report_run(e, all ? "/build/prune?all=1" : "/build/prune", "CachesDeleted",
				_("Deleted build cache objects:"), c, out);
}
