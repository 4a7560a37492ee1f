/* The application: one UI thread that owns curses and every view, a worker pool for the engine,
 * and a loop that sleeps in poll() on the keyboard and the worker's wake fd. */
#ifndef BUDU_APP_H
#define BUDU_APP_H

#include "engine.h"

struct app_options {
	struct engine *engine;	/* owned by the app from app_run on */
	const char *demo_note;	/* shown in the title bar when set (the README's demo engine) */
};

/* Runs until the user quits; returns the process exit status. */
int app_run(struct app_options *opt);

#endif
