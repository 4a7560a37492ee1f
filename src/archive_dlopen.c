/* dlopen and dlsym for src/archive_lazy.c (see archive_lazy.h). */
#include "config.h"

#include "archive_lazy.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LIBARCHIVE_SONAME
#define LIBARCHIVE_SONAME "libarchive.so.13"
#endif

static _Noreturn void
broken(const char *what)
{
	fprintf(stderr, "budu: %s: %s\n", LIBARCHIVE_SONAME, what ? what : "cannot be loaded");
	abort();
}

void *
archive_lazy_open(void)
{
	void *h = dlopen(LIBARCHIVE_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		broken(dlerror());
	return h;
}

void
archive_lazy_sym(void *handle, const char *name, void *fn, size_t size)
{
	void *p = dlsym(handle, name);
	if (!p || size != sizeof p)
		broken(dlerror());
	/* POSIX lets a data pointer from dlsym become a function pointer; memcpy says so to C */
	memcpy(fn, &p, sizeof p);
}
