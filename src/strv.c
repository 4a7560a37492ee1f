#include "config.h"

#include <stdlib.h>

#include "strv.h"

void
strv_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
