#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "registry_creds.h"
#include "xalloc.h"

void
secret_clear(void *p, size_t n)
{
	/* through a volatile pointer: a memset before free may be dropped as a dead store */
	volatile unsigned char *v = p;
	while (n--)
		*v++ = 0;
}

void
secret_free(char *s)
{
	if (!s)
		return;
	secret_clear(s, strlen(s));
	free(s);
}

void
registry_creds_free(struct registry_creds *c)
{
	if (!c)
		return;
	secret_free(c->username);
	secret_free(c->secret);
	c->username = c->secret = NULL;
	c->identity_token = false;
}

void
registry_creds_copy(struct registry_creds *dst, const struct registry_creds *src)
{
	dst->username = src && src->username ? xstrdup(src->username) : NULL;
	dst->secret = src && src->secret ? xstrdup(src->secret) : NULL;
	dst->identity_token = src && src->identity_token;
}

bool
registry_creds_usable(const struct registry_creds *c)
{
	return c && c->secret && *c->secret;
}

char *
base64_encode(const void *data, size_t n, bool url)
{
	char *out = xmalloc(4 * ((n + 2) / 3) + 1);
	int len = EVP_EncodeBlock((unsigned char *)out, data, (int)n);
	if (url)
		for (int i = 0; i < len; i++)
			out[i] = out[i] == '+' ? '-' : out[i] == '/' ? '_' : out[i];
	out[len] = '\0';
	return out;
}

static bool
is_b64(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
	       || c == '/';
}

char *
base64_decode(const char *s, size_t *n)
{
	*n = 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	/* Go's StdEncoding: padded, so a multiple of 4, '=' only at the end */
	if (len % 4 || len > INT32_MAX / 2)
		return NULL;
	size_t pad = 0;
	while (pad < 2 && pad < len && s[len - 1 - pad] == '=')
		pad++;
	for (size_t i = 0; i < len - pad; i++)
		if (!is_b64(s[i]))
			return NULL;
	char *out = xmalloc(len / 4 * 3 + 1);
	int got = len ? EVP_DecodeBlock((unsigned char *)out, (const unsigned char *)s, (int)len) : 0;
	if (got < 0 || (size_t)got < pad) {
		secret_clear(out, len / 4 * 3 + 1);
		free(out);
		return NULL;
	}
	/* EVP_DecodeBlock counts the padding as bytes */
	*n = (size_t)got - pad;
	out[*n] = '\0';
	return out;
}

/* s as a JSON string (quotes included) at out, or only counted when out is NULL; the length.
 * Escaped as Go's encoding/json does (short escapes, <>& and U+2028/9 as \uXXXX), so the header
 * is byte for byte the CLI's. Written in place so that no growing buffer leaves copies of a
 * secret behind. */
static size_t
put_json_string(char *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
#define PUT(ch) do { if (out) out[n] = (ch); n++; } while (0)
	PUT('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char esc = *p == '"' ? '"' : *p == '\\' ? '\\' : *p == '\b' ? 'b' : *p == '\f' ? 'f'
			   : *p == '\n' ? 'n' : *p == '\r' ? 'r' : *p == '\t' ? 't' : 0;
		if (esc) {
			PUT('\\');
			PUT(esc);
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			PUT('\\');
			PUT('u');
			PUT('2');
			PUT('0');
			PUT('2');
			PUT(p[2] == 0xa8 ? '8' : '9');
			p += 2;
		} else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&') {
			PUT('\\');
			PUT('u');
			PUT('0');
			PUT('0');
			PUT(hex[*p >> 4]);
			PUT(hex[*p & 15]);
		} else {
			PUT((char)*p);
		}
	}
	PUT('"');
#undef PUT
	return n;
}

struct member { const char *key, *value; };

/* {"k":"v",…} of the members whose value is not empty; new string. */
static char *
json_object(const struct member *m, size_t count, size_t *len)
{
	size_t n = 2;
	for (size_t i = 0; i < count; i++)
		if (m[i].value && *m[i].value)
			n += put_json_string(NULL, m[i].key) + 1 + put_json_string(NULL, m[i].value) + 1;
	char *out = xmalloc(n + 1);
	size_t at = 0;
	out[at++] = '{';
	for (size_t i = 0; i < count; i++) {
		if (!m[i].value || !*m[i].value)
			continue;
		if (at > 1)
			out[at++] = ',';
		at += put_json_string(out + at, m[i].key);
		out[at++] = ':';
		at += put_json_string(out + at, m[i].value);
	}
	out[at++] = '}';
	out[at] = '\0';
	*len = at;
	return out;
}

char *
registry_auth_header(const struct registry_creds *c, const char *serveraddress)
{
	if (!registry_creds_usable(c))
		return xstrdup("e30=");
	/* the order of Go's AuthConfig fields */
	struct member m[] = {
		{ "username", c->username },
		{ "password", c->identity_token ? NULL : c->secret },
		{ "serveraddress", serveraddress },
		{ "identitytoken", c->identity_token ? c->secret : NULL },
	};
	size_t len;
	char *json = json_object(m, sizeof(m) / sizeof(m[0]), &len);
	char *out = base64_encode(json, len, true);
	secret_clear(json, len);
	free(json);
	return out;
}

char *
registry_basic_header(const struct registry_creds *c)
{
	if (!registry_creds_usable(c) || c->identity_token)
		return NULL;
	const char *user = c->username ? c->username : "";
	size_t ulen = strlen(user), slen = strlen(c->secret);
	char *pair = xmalloc(ulen + 1 + slen + 1);
	memcpy(pair, user, ulen);
	pair[ulen] = ':';
	memcpy(pair + ulen + 1, c->secret, slen + 1);
	char *b64 = base64_encode(pair, ulen + 1 + slen, false);
	secret_free(pair);
	static const char head[] = "Authorization: Basic ";
	size_t blen = strlen(b64);
	char *line = xmalloc(sizeof(head) + blen);
	memcpy(line, head, sizeof(head) - 1);
	memcpy(line + sizeof(head) - 1, b64, blen + 1);
	secret_free(b64);
	return line;
}
