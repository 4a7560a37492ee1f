/* e and A (ui/exec.c): a command in a running container, or its main process, with the
 * terminal handed over. UI thread. */
#ifndef BUDU_EXEC_H
#define BUDU_EXEC_H

#include <stdbool.h>

struct view;

/* command: words as typed ("sh", "bash -l"). The engine's part runs as a fetch in v's slot;
 * false with *err when command is empty or a quote is open. */
bool exec_start(struct view *v, int slot, const char *id, const char *name, const char *command, char **err);
/* Attaches to the container's main process; the detach keys are shown before. */
void attach_start(struct view *v, int slot, const char *id, const char *name);

#endif
