/* The docker commands that do what the Files tab does, shown beside it so that what budu does
 * can be done, or checked, without it: reading a file (the pager) and copying a file or a
 * folder out (X). Words are quoted for sh when they need it. Pure: no curses, no engine. */
#ifndef BUDU_LAYER_CMD_H
#define BUDU_LAYER_CMD_H

/* s as one sh word: as it is when it is safe, else in single quotes ('it'\''s'). New string. */
char *layer_cmd_quote(const char *s);
/* "docker run --rm IMAGE cat /path". New string. */
char *layer_cmd_cat(const char *image, const char *path);
/* "docker cp $(docker create IMAGE):/path DEST". New string. */
char *layer_cmd_cp(const char *image, const char *path, const char *dest);

#endif
