/* What a commit and an import share: the new image's repository[:tag], read into the repo and
 * tag query values the engine takes, and its --change lines, checked as the engine checks
 * them (validCommitCommands), before anything is sent. Pure; any thread. */
#ifndef BUDU_IMAGE_TARGET_H
#define BUDU_IMAGE_TARGET_H

#include <stdbool.h>
#include <stddef.h>

/* typed: "repo[:tag]" as typed (blanks around it allowed); NULL or blank for an untagged image
 * (then *repo and *tag stay NULL). Else *repo is the normalized name
 * ("docker.io/library/x") and *tag the tag or "latest": new strings. False with a translated
 * *err: "one image name only, not …", the reference's error, or digest_error (commit and
 * import word a digest differently). */
bool image_target_parse(const char *typed, const char *digest_error, char **repo, char **tag, char **err);

/* Whether a --change line is blank (it is then left out). */
bool image_change_blank(const char *line);
/* Every line not blank: a known instruction (CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL,
 * ONBUILD, USER, VOLUME, WORKDIR, any case) with a value. False with a translated *err:
 * "RUN is not a valid change command: …", "ENV needs a value". */
bool image_changes_check(const char *const *changes, size_t n, char **err);

#endif
