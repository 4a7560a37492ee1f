#include "config.h"

#include <openssl/evp.h>
#include <string.h>

#include "clipboard.h"
#include "xalloc.h"

char *
clipboard_osc52(const char *text, size_t n, int *cut)
{
	if (cut)
		*cut = n > OSC52_MAX;
	if (n > OSC52_MAX)
		n = OSC52_MAX;
	static const char head[] = "\033]52;c;", tail[] = "\007";
	size_t b64 = 4 * ((n + 2) / 3);
	char *seq = xmalloc(sizeof(head) - 1 + b64 + sizeof(tail));
	memcpy(seq, head, sizeof(head) - 1);
	int len = EVP_EncodeBlock((unsigned char *)seq + sizeof(head) - 1, (const unsigned char *)text, (int)n);
	memcpy(seq + sizeof(head) - 1 + (size_t)len, tail, sizeof(tail));
	return seq;
}
