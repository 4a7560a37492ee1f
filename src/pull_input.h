/* What the pull prompt and the tag prompt accept: an image reference as people type or paste
 * it, with or without the docker command around it, checked against the reference grammar
 * (reference.h) and turned into the engine's query parameters. */
#ifndef BUDU_PULL_INPUT_H
#define BUDU_PULL_INPUT_H

#include <stdbool.h>

enum pull_input_mode {
	/* `docker pull` / `docker image pull` (or podman's), options -a/--all-tags,
	 * --platform P (or --platform=P), -q/--quiet and --disable-content-trust (both ignored),
	 * short options combined (-aq), "--" ending the options; then one reference. */
	PULL_INPUT_PULL,
	/* The new name for the selected image: one reference, no digest, no option. A pasted
	 * `docker tag`/`docker image tag` is skipped, but only the target may follow it (the source
	 * is the selected image). */
	PULL_INPUT_TAG,
};

struct pull_input {
	char *reference;	/* normalized: "docker.io/library/nginx:latest",
				 * "docker.io/library/nginx@sha256:…"; the name alone with all_tags */
	char *display;		/* familiar, for messages: "nginx:latest", "nginx@sha256:…",
				 * "nginx (all tags)" (translated) */
	char *from_image;	/* the normalized name, no tag or digest: "docker.io/library/nginx",
				 * "registry.example.com:5000/team/app". fromImage= for a pull, repo=
				 * for a tag: the engine takes it as the CLI sends it (checked on 20.10) */
	char *tag;		/* never NULL: a pull's tag= ("1.25", "latest" when none was typed, the
				 * digest "sha256:…" when one was, "" for all tags); for a tag, the tag
				 * or "latest" */
	char *platform;		/* --platform, lowercased as the CLI does; NULL when not given */
	bool all_tags;		/* -a / --all-tags */
	bool default_tag;	/* no tag or digest typed: "latest" was added (the CLI says
				 * "Using default tag: latest") */
};

/* Parses text (surrounding blanks, a "$ " prompt, "sudo" and matching quotes around a word
 * are tolerated; blanks include tabs, newlines, U+00A0 and U+3000). On success fills *out
 * (free with pull_input_free) and returns true. On failure returns false, *out is empty and
 * *err is a translated message (caller frees):
 *   the reference's own error (reference_strerror, e.g. "invalid reference format: repository
 *   name must be lowercase", "invalid tag format", "invalid checksum digest format",
 *   "invalid repository name, cannot specify 64-byte hexadecimal strings"),
 *   "nothing to pull", "more than one image", "unknown option --foo",
 *   "flag needs an argument: --platform", "invalid platform …",
 *   "a tag and --all-tags cannot be combined" (docker: "tag can't be used with --all-tags/-a"),
 *   and for the tag prompt "nothing to tag", "refusing to create a tag with a digest
 *   reference" (the engine's and the CLI's words) and "only the new name: the source is the
 *   selected image". */
bool pull_input_parse(const char *text, enum pull_input_mode mode, struct pull_input *out,
		      char **err);
void pull_input_free(struct pull_input *in);

#endif
