#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "cmdline.h"
#include "pull_input.h"
#include "reference.h"
#include "sanitize.h"
#include "xalloc.h"

/* "linux", "linux/arm64", "linux/arm/v7": lowercase letters, digits, '.', '_', '-'. */
static bool
platform_valid(const char *s)
{
	int parts = 1;
	size_t len = 0;
	for (const char *p = s;; p++) {
		if (*p == '/' || *p == '\0') {
			if (len == 0)
				return false;
			if (*p == '\0')
				return parts <= 3;
			parts++;
			len = 0;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_'
		      || *p == '-'))
			return false;
		len++;
	}
}

/* Whether the option word's name (its first n bytes, before any '=') is name. */
static bool
name_is(const char *word, size_t n, const char *name)
{
	return n == strlen(name) && strncmp(word, name, n) == 0;
}

struct options {
	bool all_tags;
	char *platform;
};

/* One option word (w->v[*i] starts with '-'); may take the next word as its value. */
static bool
option(const struct words *w, size_t *i, struct options *o, char **err)
{
	const char *word = w->v[*i];
	if (word[1] != '-') {
		/* Shorthands, combined as pflag allows: -a, -q, -aq. */
		for (const char *c = word + 1; *c; c++) {
			if (*c == 'a') {
				o->all_tags = true;
			} else if (*c != 'q') {
				*err = cmdline_error(_("unknown option %s"), word);
				return false;
			}
		}
		return true;
	}
	const char *eq = strchr(word, '=');
	size_t nlen = eq ? (size_t)(eq - word) : strlen(word);
	const char *value = eq ? eq + 1 : NULL;
	if (name_is(word, nlen, "--platform")) {
		if (!value) {
			if (*i + 1 >= w->n) {
				*err = xstrdup(_("flag needs an argument: --platform"));
				return false;
			}
			value = w->v[++*i];
		}
		char *low = xstrdup(value);
		for (char *p = low; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		if (*low && !platform_valid(low)) {
			*err = cmdline_error(_("invalid platform \"%s\": expected os[/arch[/variant]], "
					  "e.g. linux/arm64"), value);
			free(low);
			return false;
		}
		free(o->platform);
		o->platform = *low ? low : NULL;
		if (!*low)
			free(low);
		return true;
	}
	bool on = true;
	bool all_tags = name_is(word, nlen, "--all-tags");
	if (all_tags || name_is(word, nlen, "--quiet")
	    || name_is(word, nlen, "--disable-content-trust")) {
		if (value && !cmdline_parse_bool(value, &on)) {
			*err = cmdline_error(_("invalid value for a true/false option: %s"), word);
			return false;
		}
		if (all_tags)
			o->all_tags = on;
		return true;
	}
	*err = cmdline_error(_("unknown option %s"), word);
	return false;
}

/* The familiar reference for messages: "nginx:1.25", "nginx@sha256:…". */
static char *
display_name(const struct reference *ref, const char *tag)
{
	char *name = reference_familiar_name(ref);
	char *s = xasprintf("%s%s%s%s%s", name, tag ? ":" : "", tag ? tag : "",
			    ref->digest ? "@" : "", ref->digest ? ref->digest : "");
	free(name);
	return s;
}

static bool
fill(const struct reference *ref, enum pull_input_mode mode, const struct options *o,
     struct pull_input *out, char **err)
{
	if (mode == PULL_INPUT_TAG && ref->digest) {
		*err = xstrdup(_("refusing to create a tag with a digest reference"));
		return false;
	}
	if (o->all_tags && (ref->tag || ref->digest)) {
		*err = xstrdup(_("a tag and --all-tags cannot be combined"));
		return false;
	}
	out->from_image = reference_name(ref);
	out->platform = o->platform ? xstrdup(o->platform) : NULL;
	if (o->all_tags) {
		out->all_tags = true;
		out->tag = xstrdup("");
		out->reference = xstrdup(out->from_image);
		char *name = reference_familiar_name(ref);
		out->display = xasprintf(_("%s (all tags)"), name);
		free(name);
		return true;
	}
	out->default_tag = !ref->tag && !ref->digest;
	const char *tag = ref->tag ? ref->tag : ref->digest ? NULL : "latest";
	/* The digest wins over a tag given with it, as the CLI's getAPITagFromNamedRef has it. */
	out->tag = xstrdup(ref->digest ? ref->digest : tag);
	out->reference = reference_string(ref, true);
	out->display = display_name(ref, tag);
	return true;
}

bool
pull_input_parse(const char *text, enum pull_input_mode mode, struct pull_input *out,
		 char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	struct words w;
	if (!words_split(text ? text : "", &w)) {
		*err = xstrdup(_("unterminated quote"));
		return false;
	}
	struct options o = { false, NULL };
	const char *image = NULL;
	size_t nimages = 0;
	bool options_end = false;
	bool ok = true;

	for (size_t i = words_skip_command(&w, mode == PULL_INPUT_TAG ? "tag" : "pull", NULL); ok && i < w.n; i++) {
		const char *word = w.v[i];
		if (!options_end && strcmp(word, "--") == 0) {
			options_end = true;
		} else if (!options_end && word[0] == '-' && word[1] != '\0') {
			if (mode == PULL_INPUT_TAG) {
				*err = cmdline_error(_("unknown option %s"), word);
				ok = false;
			} else {
				ok = option(&w, &i, &o, err);
			}
		} else {
			if (nimages++ == 0)
				image = word;
		}
	}
	if (ok && nimages == 0) {
		*err = xstrdup(mode == PULL_INPUT_TAG ? _("nothing to tag") : _("nothing to pull"));
		ok = false;
	}
	if (ok && nimages > 1) {
		*err = xstrdup(mode == PULL_INPUT_TAG
			       ? _("only the new name: the source is the selected image")
			       : _("more than one image"));
		ok = false;
	}
	if (ok) {
		struct reference ref;
		enum ref_error re = reference_parse(image, &ref);
		if (re != REF_OK) {
			*err = xstrdup(reference_strerror(re));
			ok = false;
		} else {
			ok = fill(&ref, mode, &o, out, err);
			reference_free(&ref);
		}
	}
	free(o.platform);
	words_free(&w);
	if (!ok)
		pull_input_free(out);
	return ok;
}

void
pull_input_free(struct pull_input *in)
{
	if (!in)
		return;
	free(in->reference);
	free(in->display);
	free(in->from_image);
	free(in->tag);
	free(in->platform);
	memset(in, 0, sizeof(*in));
}
