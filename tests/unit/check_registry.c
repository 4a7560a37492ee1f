/* The registry client's pure parts: references, the insecure-registry rules, manifests, tag
 * lists, Link and WWW-Authenticate headers, error answers and rate limits.
 *
 * Fixtures in $FIXTURES were captured from a private engine and registry (dockerd 20.10.24,
 * distribution 2.8.2) by tests/fixtures/capture-registry.sh: the bodies byte for byte, and in
 * each .headers file the answer's headers, whose Docker-Content-Digest is what the digest
 * computed here must equal. Docker Hub's answers (its 401 challenge, its 429) cannot be captured
 * offline: they are written below in the shapes distribution's documentation gives. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "registry.h"
#include "strv.h"
#include "xalloc.h"

#include "fixture.h"

/* The value of header `name` (lower case, with the colon) in a captured .headers file. */
static char *
header(const char *file, const char *name)
{
	char *all = fixture_read(file, NULL);
	char *out = NULL;
	for (char *line = strtok(all, "\r\n"); line; line = strtok(NULL, "\r\n")) {
		if (strncasecmp(line, name, strlen(name)) == 0) {
			const char *v = line + strlen(name);
			while (*v == ' ')
				v++;
			out = strdup(v);
			break;
		}
	}
	free(all);
	ck_assert_msg(out != NULL, "no %s in %s", name, file);
	return out;
}

/* ---- references ---------------------------------------------------------------------- */

static void
check_ref(const char *in, const char *host, const char *repo, const char *display)
{
	struct registry_ref r;
	char *err = (char *)"untouched";
	ck_assert_msg(registry_ref_parse(in, &r, &err), "%s: %s", in, err ? err : "");
	ck_assert_ptr_null(err);
	ck_assert_str_eq(r.host, host);
	ck_assert_str_eq(r.repo, repo);
	ck_assert_str_eq(r.display, display);
	registry_ref_free(&r);
}

START_TEST(ref_docker_hub)
{
	check_ref("nginx", "registry-1.docker.io", "library/nginx", "nginx");
	check_ref("docker.io/nginx", "registry-1.docker.io", "library/nginx", "nginx");
	check_ref("docker.io/library/nginx", "registry-1.docker.io", "library/nginx", "nginx");
	check_ref("index.docker.io/library/nginx", "registry-1.docker.io", "library/nginx", "nginx");
	check_ref("bitnami/redis", "registry-1.docker.io", "bitnami/redis", "bitnami/redis");
	/* a dotted single name is still an official image */
	check_ref("example.com", "registry-1.docker.io", "library/example.com", "example.com");
}
END_TEST

START_TEST(ref_other_registries)
{
	check_ref("127.0.0.1:5000/demo/app", "127.0.0.1:5000", "demo/app", "127.0.0.1:5000/demo/app");
	check_ref("localhost/foo", "localhost", "foo", "localhost/foo");
	check_ref("localhost:5000/foo", "localhost:5000", "foo", "localhost:5000/foo");
	check_ref("[::1]:5000/repo", "[::1]:5000", "repo", "[::1]:5000/repo");
	check_ref("ghcr.io/owner/img", "ghcr.io", "owner/img", "ghcr.io/owner/img");
	/* single component on another registry: no library/ */
	check_ref("quay.io/app", "quay.io", "app", "quay.io/app");
}
END_TEST

START_TEST(ref_tag_digest_and_spaces_ignored)
{
	check_ref("nginx:1.25", "registry-1.docker.io", "library/nginx", "nginx");
	check_ref("127.0.0.1:5000/demo/app:1", "127.0.0.1:5000", "demo/app", "127.0.0.1:5000/demo/app");
	check_ref("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		  "registry-1.docker.io", "library/nginx", "nginx");
	check_ref("  nginx\t", "registry-1.docker.io", "library/nginx", "nginx");
}
END_TEST

START_TEST(ref_errors)
{
	struct registry_ref r = { 0 };
	char *err = NULL;
	ck_assert(!registry_ref_parse("Nginx", &r, &err));
	ck_assert_str_eq(err, "invalid reference format: repository name must be lowercase");
	free(err);
	ck_assert(!registry_ref_parse("", &r, &err));
	ck_assert_ptr_nonnull(err);
	free(err);
	ck_assert(!registry_ref_parse(NULL, &r, &err));
	ck_assert_ptr_nonnull(err);
	free(err);
	ck_assert(!registry_ref_parse("a/b/../c", &r, &err));
	ck_assert_str_eq(err, "invalid reference format");
	free(err);
	ck_assert_ptr_null(r.host);
	registry_ref_free(&r);	/* a zeroed ref frees */
}
END_TEST

/* ---- insecure registries --------------------------------------------------------------- */

START_TEST(insecure_loopback_without_info)
{
	ck_assert(registry_is_insecure("127.0.0.1:5000", NULL));
	ck_assert(registry_is_insecure("127.3.2.1", NULL));
	ck_assert(registry_is_insecure("localhost:5000", NULL));
	ck_assert(registry_is_insecure("localhost", NULL));
	ck_assert(registry_is_insecure("LOCALHOST:5000", NULL));
	ck_assert(registry_is_insecure("[::1]:5000", NULL));
	ck_assert(registry_is_insecure("[::ffff:127.0.0.1]:5000", NULL));
	ck_assert(!registry_is_insecure("registry-1.docker.io", NULL));
	ck_assert(!registry_is_insecure("128.0.0.1:5000", NULL));
	ck_assert(!registry_is_insecure("10.20.3.4:5000", NULL));
	ck_assert(!registry_is_insecure("[::2]:5000", NULL));
	ck_assert(!registry_is_insecure("", NULL));
	ck_assert(!registry_is_insecure(NULL, NULL));
	/* a body that is no /info: loopback rules only */
	ck_assert(!registry_is_insecure("10.20.3.4:5000", "not json"));
	ck_assert(registry_is_insecure("127.0.0.1:5000", "{}"));
}
END_TEST

/* info-insecure.json: the engine ran with insecure-registries myreg.example:5000,
 * 10.20.0.0/16, fd00:1::/64 and [fd00:2::5]:5000. */
START_TEST(insecure_from_engine_info)
{
	char *info = fixture_read("info-insecure.json", NULL);
	ck_assert(registry_is_insecure("myreg.example:5000", info));	/* IndexConfigs */
	ck_assert(registry_is_insecure("[fd00:2::5]:5000", info));	/* IndexConfigs, IPv6 */
	ck_assert(registry_is_insecure("10.20.3.4:5000", info));	/* CIDR */
	ck_assert(registry_is_insecure("10.20.255.255", info));
	ck_assert(!registry_is_insecure("10.21.0.1:5000", info));
	ck_assert(registry_is_insecure("[fd00:1::7]:5000", info));	/* IPv6 CIDR */
	ck_assert(!registry_is_insecure("[fd00:1:0:1::7]:5000", info));	/* outside the /64 */
	ck_assert(registry_is_insecure("127.0.0.1:5000", info));
	/* docker.io is listed Secure, under the index name docker.io */
	ck_assert(!registry_is_insecure("registry-1.docker.io", info));
	ck_assert(!registry_is_insecure("192.168.1.1:5000", info));
	free(info);

	/* Secure: true listed for a host wins over a CIDR that holds it, as in the daemon */
	const char *listed = "{\"RegistryConfig\":{\"InsecureRegistryCIDRs\":[\"10.0.0.0/8\"],"
			     "\"IndexConfigs\":{\"10.1.1.1:5000\":{\"Secure\":true}}}}";
	ck_assert(!registry_is_insecure("10.1.1.1:5000", listed));
	ck_assert(registry_is_insecure("10.1.1.2:5000", listed));
	/* a malformed CIDR matches nothing */
	ck_assert(!registry_is_insecure("10.1.1.2:5000",
					"{\"RegistryConfig\":{\"InsecureRegistryCIDRs\":[\"10.0.0.0/99\",\"10.0.0.0\",\"x/8\"]}}"));
}
END_TEST

/* ---- manifests --------------------------------------------------------------------------- */

static void
parse_fixture(const char *name, struct manifest *m)
{
	char file[128];
	snprintf(file, sizeof(file), "%s.json", name);
	size_t len;
	char *body = fixture_read(file, &len);
	snprintf(file, sizeof(file), "%s.headers", name);
	char *type = header(file, "content-type:");
	char *digest = header(file, "docker-content-digest:");
	char *err = NULL;
	ck_assert_msg(manifest_parse(body, len, type, m, &err), "%s: %s", name, err ? err : "");
	ck_assert_ptr_null(err);
	/* the digest computed here is the registry's own */
	ck_assert_str_eq(m->digest, digest);
	ck_assert(registry_digest_matches(digest, body, len));
	ck_assert_str_eq(m->media_type, type);
	free(type);
	free(digest);
	free(body);
}

static bool
is_digest(const char *s)
{
	return s && strncmp(s, "sha256:", 7) == 0 && strlen(s) == 71;
}

START_TEST(manifest_docker_list)
{
	struct manifest m;
	parse_fixture("registry-list", &m);
	ck_assert_int_eq(m.kind, MANIFEST_INDEX);
	ck_assert_uint_eq(m.nplatforms, 2);
	ck_assert_str_eq(m.platforms[0].os, "linux");
	ck_assert_str_eq(m.platforms[0].architecture, "amd64");
	ck_assert_str_eq(m.platforms[0].variant, "");
	ck_assert_str_eq(m.platforms[1].architecture, "arm64");
	for (size_t i = 0; i < 2; i++) {
		ck_assert(is_digest(m.platforms[i].digest));
		ck_assert_int_eq(m.platforms[i].size, 528);
		ck_assert_str_eq(m.platforms[i].media_type, "application/vnd.docker.distribution.manifest.v2+json");
	}
	ck_assert_uint_eq(m.nlayers, 0);
	ck_assert_ptr_null(m.config_digest);
	manifest_free(&m);
	manifest_free(&m);	/* twice is harmless */
}
END_TEST

START_TEST(manifest_docker_v2)
{
	struct manifest m;
	parse_fixture("registry-v2", &m);
	ck_assert_int_eq(m.kind, MANIFEST_IMAGE);
	ck_assert(is_digest(m.config_digest));
	ck_assert_int_gt(m.config_size, 0);
	ck_assert_uint_eq(m.nlayers, 1);
	ck_assert(is_digest(m.layers[0].digest));
	ck_assert_str_eq(m.layers[0].media_type, "application/vnd.docker.image.rootfs.diff.tar.gzip");
	ck_assert_int_gt(m.layers[0].size, 1000000);
	ck_assert_int_eq(m.total_size, m.layers[0].size);
	ck_assert_uint_eq(m.nplatforms, 0);
	manifest_free(&m);
}
END_TEST

START_TEST(manifest_oci_index_drops_attestations)
{
	struct manifest m;
	parse_fixture("registry-oci-index", &m);
	ck_assert_int_eq(m.kind, MANIFEST_INDEX);
	/* three entries; the attestation-manifest one (unknown/unknown) is left out */
	ck_assert_uint_eq(m.nplatforms, 2);
	ck_assert_str_eq(m.platforms[0].architecture, "amd64");
	ck_assert_str_eq(m.platforms[0].variant, "");
	ck_assert_str_eq(m.platforms[1].os, "linux");
	ck_assert_str_eq(m.platforms[1].architecture, "arm64");
	ck_assert_str_eq(m.platforms[1].variant, "v8");
	ck_assert_str_eq(m.platforms[1].media_type, "application/vnd.oci.image.manifest.v1+json");
	ck_assert_int_eq(m.platforms[1].size, 479);
	manifest_free(&m);
}
END_TEST

START_TEST(manifest_oci_image)
{
	struct manifest m;
	parse_fixture("registry-oci-image", &m);
	ck_assert_int_eq(m.kind, MANIFEST_IMAGE);
	ck_assert_uint_eq(m.nlayers, 1);
	ck_assert_str_eq(m.layers[0].media_type, "application/vnd.oci.image.layer.v1.tar+gzip");
	ck_assert(is_digest(m.config_digest));
	ck_assert_int_eq(m.total_size, m.layers[0].size);
	manifest_free(&m);
}
END_TEST

START_TEST(manifest_kind_from_body_or_header)
{
	struct manifest m;
	char *err = NULL;
	/* OCI lets mediaType out of the body: the header says what it is */
	const char *idx = "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:"
			  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":7}]}";
	ck_assert(manifest_parse(idx, strlen(idx), "application/vnd.oci.image.index.v1+json; charset=utf-8", &m, &err));
	ck_assert_int_eq(m.kind, MANIFEST_INDEX);
	ck_assert_str_eq(m.media_type, "application/vnd.oci.image.index.v1+json");
	/* an entry without platform: empty strings */
	ck_assert_str_eq(m.platforms[0].os, "");
	ck_assert_str_eq(m.platforms[0].architecture, "");
	manifest_free(&m);
	/* no type anywhere, or application/json: the shape decides */
	ck_assert(manifest_parse(idx, strlen(idx), "application/json", &m, &err));
	ck_assert_int_eq(m.kind, MANIFEST_INDEX);
	manifest_free(&m);
	const char *img = "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:"
			  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":3},"
			  "\"layers\":null}";
	ck_assert(manifest_parse(img, strlen(img), NULL, &m, &err));
	ck_assert_int_eq(m.kind, MANIFEST_IMAGE);
	ck_assert_uint_eq(m.nlayers, 0);
	ck_assert_int_eq(m.total_size, 0);
	manifest_free(&m);
}
END_TEST

static void
check_bad_manifest(const char *body, const char *type, const char *want)
{
	struct manifest m;
	char *err = NULL;
	ck_assert_msg(!manifest_parse(body, strlen(body), type, &m, &err), "accepted: %s", body);
	ck_assert_ptr_nonnull(err);
	if (want)
		ck_assert_str_eq(err, want);
	ck_assert_ptr_null(m.digest);
	ck_assert_ptr_null(m.platforms);
	ck_assert_ptr_null(m.layers);
	free(err);
}

START_TEST(manifest_malformed)
{
	check_bad_manifest("not json", NULL, "the registry sent a manifest that is not JSON");
	check_bad_manifest("{} trailing", NULL, "the registry sent a manifest that is not JSON");
	check_bad_manifest("[]", NULL, "the registry sent a manifest that is not JSON");
	check_bad_manifest("{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}",
			   "application/vnd.docker.distribution.manifest.v1+prettyjws",
			   "the registry sent a schema 1 manifest, which budu does not read");
	check_bad_manifest("{\"schemaVersion\":2,\"mediaType\":\"application/x-helm\"}", NULL,
			   "the registry sent a manifest of an unknown kind: application/x-helm");
	check_bad_manifest("{\"schemaVersion\":2}", NULL, "the registry sent a manifest of an unknown kind: ?");
	/* a bad digest in an entry, a layer that is no object, a config without digest */
	check_bad_manifest("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
			   "\"manifests\":[{\"digest\":\"sha256:../../x\"}]}", NULL,
			   "the registry sent a malformed manifest");
	check_bad_manifest("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
			   "\"config\":{\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"},"
			   "\"layers\":[1]}", NULL, "the registry sent a malformed manifest");
	check_bad_manifest("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}",
			   NULL, "the registry sent a malformed manifest");
	check_bad_manifest("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":{}}",
			   NULL, "the registry sent a malformed manifest");
}
END_TEST

START_TEST(manifest_hostile_strings)
{
	struct manifest m;
	char *err = NULL;
	const char *body = "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
			   "\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\","
			   "\"mediaType\":\"x\\u001b]0;pwned\\u0007\",\"size\":-5,"
			   "\"platform\":{\"os\":\"linux\\u001b[2J\",\"architecture\":\"\\u202eamd64\"}}]}";
	ck_assert(manifest_parse(body, strlen(body), NULL, &m, &err));
	ck_assert_str_eq(m.platforms[0].os, "linux\\e[2J");
	ck_assert_str_eq(m.platforms[0].architecture, "\\u202eamd64");
	ck_assert_str_eq(m.platforms[0].media_type, "x\\e]0;pwned\\x07");
	ck_assert_int_eq(m.platforms[0].size, 0);	/* never negative */
	manifest_free(&m);
	/* sizes past 2^31 and a sum that would overflow */
	const char *big = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
			  "\"config\":{\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":5000000000},"
			  "\"layers\":[{\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":1e300},"
			  "{\"digest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"size\":1e300}]}";
	ck_assert(manifest_parse(big, strlen(big), NULL, &m, &err));
	ck_assert_int_eq(m.config_size, 5000000000LL);
	ck_assert_int_eq(m.total_size, INT64_MAX);
	manifest_free(&m);
}
END_TEST

START_TEST(digest_checks)
{
	const char *body = "hello";
	/* sha256("hello") and sha512("hello") */
	ck_assert(registry_digest_matches("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", body, 5));
	ck_assert(!registry_digest_matches("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", body, 4));
	ck_assert(registry_digest_matches("sha512:9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca7"
					  "2323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043", body, 5));
	ck_assert(!registry_digest_matches("md5:5d41402abc4b2a76b9719d911017c592", body, 5));
	ck_assert(!registry_digest_matches("sha256", body, 5));
	ck_assert(!registry_digest_matches(NULL, body, 5));
	/* upper-case hex is not the digest the registry computes */
	ck_assert(!registry_digest_matches("sha256:2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824", body, 5));
}
END_TEST

/* ---- tag lists --------------------------------------------------------------------------- */

START_TEST(tags_list_and_append)
{
	size_t len;
	char *body = fixture_read("registry-tags.json", &len);
	char **tags = NULL, *err = NULL;
	size_t n = 0;
	ck_assert(registry_tags_parse(body, len, &tags, &n, &err));
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(tags[0], "arm64");
	ck_assert_str_eq(tags[2], "1");
	/* a second page appends */
	const char *page = "{\"name\":\"multi/app\",\"tags\":[\"z\\u001b[2J\"]}";
	ck_assert(registry_tags_parse(page, strlen(page), &tags, &n, &err));
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(tags[3], "z\\e[2J");
	/* null, missing and [] are empty lists */
	ck_assert(registry_tags_parse("{\"name\":\"x\",\"tags\":null}", 24, &tags, &n, &err));
	ck_assert(registry_tags_parse("{\"name\":\"x\"}", 12, &tags, &n, &err));
	ck_assert(registry_tags_parse("{\"name\":\"x\",\"tags\":[]}", 22, &tags, &n, &err));
	ck_assert_uint_eq(n, 4);
	strv_free(tags, n);
	free(body);
}
END_TEST

START_TEST(tags_malformed)
{
	static const char *const bad[] = {
		"[\"a\"]", "not json", "{\"tags\":\"a\"}", "{\"tags\":[1]}", "{}", "{\"name\":\"x\",\"tags\":[\"a\",null]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char **tags = NULL, *err = NULL;
		size_t n = 0;
		ck_assert_msg(!registry_tags_parse(bad[i], strlen(bad[i]), &tags, &n, &err), "accepted %s", bad[i]);
		ck_assert_ptr_nonnull(err);
		ck_assert_uint_eq(n, 0);
		ck_assert_ptr_null(tags);
		free(err);
	}
}
END_TEST

/* ---- headers ----------------------------------------------------------------------------- */

static void
check_link(const char *value, const char *want)
{
	char *got = registry_link_next(value);
	if (!want) {
		ck_assert_msg(got == NULL, "%s gave %s", value ? value : "NULL", got ? got : "");
	} else {
		ck_assert_msg(got != NULL, "%s gave nothing", value ? value : "NULL");
		ck_assert_str_eq(got, want);
	}
	free(got);
}

START_TEST(link_next)
{
	/* distribution 3 and Docker Hub */
	check_link("</v2/demo/app/tags/list?last=t099&n=100>; rel=\"next\"", "/v2/demo/app/tags/list?last=t099&n=100");
	check_link("<https://r.example/v2/x/tags/list?n=1&last=a>; rel=next", "https://r.example/v2/x/tags/list?n=1&last=a");
	check_link("<a>; rel=\"prev\", <b>; rel=\"next\"", "b");
	check_link("<a>;rel=NEXT", "a");
	check_link("<a>; rel=\"prev next\"", "a");
	check_link("<a>; title=\"x, <y>; rel=next\"; rel=\"last\", <c>; rel=\"next\"", "c");
	check_link("<a>; rel=\"prev\"", NULL);
	check_link("<a>", NULL);
	check_link("<>; rel=next", NULL);
	check_link("<unterminated; rel=next", NULL);
	check_link("rel=next", NULL);
	check_link("", NULL);
	check_link(NULL, NULL);
}
END_TEST

static void
check_challenge(const char *value, const char *realm, const char *service, const char *scope)
{
	struct registry_challenge ch;
	bool ok = registry_challenge_parse(value, &ch);
	if (!realm) {
		ck_assert_msg(!ok, "accepted %s", value);
		ck_assert_ptr_null(ch.realm);
		return;
	}
	ck_assert_msg(ok, "refused %s", value);
	ck_assert_str_eq(ch.realm, realm);
	if (service)
		ck_assert_str_eq(ch.service, service);
	else
		ck_assert_ptr_null(ch.service);
	if (scope)
		ck_assert_str_eq(ch.scope, scope);
	else
		ck_assert_ptr_null(ch.scope);
	registry_challenge_free(&ch);
}

START_TEST(www_authenticate)
{
	/* Docker Hub's */
	check_challenge("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
			"scope=\"repository:library/nginx:pull\"",
			"https://auth.docker.io/token", "registry.docker.io", "repository:library/nginx:pull");
	check_challenge("bearer Realm=\"r\", SERVICE = \"s\"", "r", "s", NULL);
	check_challenge("Bearer realm=https://a.example/token,service=reg", "https://a.example/token", "reg", NULL);
	check_challenge("Bearer realm=\"https://a/t\\\"x\"", "https://a/t\"x", NULL, NULL);
	/* Basic's realm is no token realm; a Bearer after it is found */
	check_challenge("Basic realm=\"Registry Realm\"", NULL, NULL, NULL);
	check_challenge("Basic realm=\"x\", Bearer realm=\"https://a/token\",service=\"s\"", "https://a/token", "s", NULL);
	/* the first Bearer challenge only */
	check_challenge("Bearer realm=\"one\", Basic realm=\"two\"", "one", NULL, NULL);
	check_challenge("Bearer error=\"invalid_token\"", NULL, NULL, NULL);
	check_challenge("Bearer abc==", NULL, NULL, NULL);
	check_challenge("", NULL, NULL, NULL);
	check_challenge("\"\"\",,,=", NULL, NULL, NULL);
	check_challenge(NULL, NULL, NULL, NULL);
	/* trailing blanks, as a second, empty WWW-Authenticate header leaves them: the parser stops
	 * at the end (once it stepped over the NUL and read what lay behind it) */
	static const char blanks[] = "Basic realm=\"r\", \0Bearer realm=\"behind\"";
	check_challenge(blanks, NULL, NULL, NULL);
	check_challenge("Bearer realm=\"a\",  \t", "a", NULL, NULL);
	static const char basic[] = "Bearer realm=\"r\"\t\0Basic";
	ck_assert(!registry_challenge_basic(basic));
	char *heap = xstrdup("Basic realm=x ,  ");	/* exactly sized: ASan sees an over-read */
	check_challenge(heap, NULL, NULL, NULL);
	ck_assert(registry_challenge_basic(heap));
	free(heap);
}
END_TEST

/* ---- error answers ----------------------------------------------------------------------- */

static void
check_error(long status, const char *body, const char *retry, const char *reset, long long now, const char *want)
{
	char *got = registry_error_message(status, body, body ? strlen(body) : 0, retry, reset, now);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(error_bodies)
{
	char *b = fixture_read("registry-404-manifest.json", NULL);
	check_error(404, b, NULL, NULL, 0, "manifest unknown: manifest unknown");
	free(b);
	b = fixture_read("registry-404-repo.json", NULL);
	check_error(404, b, NULL, NULL, 0, "name unknown: repository name not known to registry");
	free(b);
	/* Docker Hub, for a repository that does not exist or is private */
	check_error(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\","
			 "\"detail\":[{\"Type\":\"repository\",\"Class\":\"\",\"Name\":\"library/nosuch\",\"Action\":\"pull\"}]}]}\n",
		    NULL, NULL, 0, "unauthorized: authentication required");
	check_error(403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"},"
			 "{\"code\":\"UNSUPPORTED\"},{\"message\":\"alone\"}]}",
		    NULL, NULL, 0, "denied: requested access to the resource is denied; unsupported; alone");
	check_error(500, "{\"message\":\"boom\"}", NULL, NULL, 0, "boom");
	check_error(502, "<html>Bad Gateway</html>", NULL, NULL, 0, "the registry answered HTTP 502 (Bad Gateway)");
	check_error(404, "", NULL, NULL, 0, "the registry answered HTTP 404 (Not Found)");
	check_error(404, NULL, NULL, NULL, 0, "the registry answered HTTP 404 (Not Found)");
	check_error(418, "{\"errors\":[]}", NULL, NULL, 0, "the registry answered HTTP 418");
	check_error(400, "{\"errors\":[{\"code\":\"X\",\"message\":\"\\u001b]0;pwned\\u0007\"}]}", NULL, NULL, 0,
		    "x: \\e]0;pwned\\x07");
	/* a flood of errors and a long message are cut */
	const char *flood = "{\"errors\":[{\"code\":\"A\"},{\"code\":\"B\"},{\"code\":\"C\"},"
			    "{\"code\":\"D\"},{\"code\":\"E\"},{\"code\":\"F\"}]}";
	char *many = registry_error_message(400, flood, strlen(flood), NULL, NULL, 0);
	ck_assert_str_eq(many, "a; b; c; d; …");
	free(many);
	char longbody[4096];
	int n = snprintf(longbody, sizeof(longbody), "{\"message\":\"");
	memset(longbody + n, 'x', 3000);
	snprintf(longbody + n + 3000, sizeof(longbody) - (size_t)n - 3000, "\"}");
	char *cut = registry_error_message(500, longbody, strlen(longbody), NULL, NULL, 0);
	ck_assert_uint_eq(strlen(cut), 512);
	free(cut);
}
END_TEST

/* 2026-11-23 13:03:00 UTC */
#define NOW 1795438980LL
#define HUB_429 "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate limit.\"}]}"

START_TEST(rate_limits)
{
	/* Retry-After in seconds: 13:05 (rounded up to the minute) */
	check_error(429, HUB_429, "120", NULL, NOW, "rate limit reached: try again at 13:05 UTC "
		    "(toomanyrequests: You have reached your pull rate limit.)");
	check_error(429, HUB_429, "61", NULL, NOW, "rate limit reached: try again at 13:05 UTC "
		    "(toomanyrequests: You have reached your pull rate limit.)");
	/* Retry-After as an HTTP date */
	check_error(429, NULL, "Mon, 23 Nov 2026 13:07:00 GMT", NULL, NOW, "rate limit reached: try again at 13:07 UTC");
	/* ratelimit-reset in seconds from now, with the draft's ;w= */
	check_error(429, NULL, NULL, "3600;w=21600", NOW, "rate limit reached: try again at 14:03 UTC");
	/* a Unix time (X-RateLimit-Reset), on another day */
	check_error(429, NULL, NULL, "1795482000", NOW, "rate limit reached: try again at 2026-11-24 01:00 UTC");
	/* Retry-After wins; garbage falls through to the reset */
	check_error(429, NULL, "30", "1795482000", NOW, "rate limit reached: try again at 13:04 UTC");
	check_error(429, NULL, "soon", "60", NOW, "rate limit reached: try again at 13:04 UTC");
	check_error(429, HUB_429, NULL, NULL, NOW, "rate limit reached: try again later "
		    "(toomanyrequests: You have reached your pull rate limit.)");
	check_error(429, "", "x", "y", NOW, "rate limit reached: try again later");
}
END_TEST

/* ---- calls that fail before any request -------------------------------------------------- */

START_TEST(calls_refuse_bad_input)
{
	struct registry_ref r = { (char *)"127.0.0.1:1", (char *)"demo/app", (char *)"127.0.0.1:1/demo/app" };
	struct manifest m;
	struct registry_error err;
	ck_assert(!registry_manifest(&r, "../../v2/_catalog", true, NULL, &m, &err));
	ck_assert_str_eq(err.message, "invalid tag format");
	ck_assert_int_eq(err.http_status, 0);
	registry_error_free(&err);
	ck_assert(!registry_manifest(&r, "sha256:abc", true, NULL, &m, &err));
	ck_assert_str_eq(err.message, "invalid checksum digest format");
	registry_error_free(&err);
	ck_assert(!registry_manifest(&r, NULL, true, NULL, &m, &err));
	registry_error_free(&err);
	struct registry_ref bad = { (char *)"evil/host", (char *)"demo/app", (char *)"x" };
	char **tags = (char **)&bad;
	size_t n = 7;
	ck_assert(!registry_tags(&bad, true, NULL, &tags, &n, &err));
	ck_assert_str_eq(err.message, "invalid reference format");
	ck_assert_ptr_null(tags);
	ck_assert_uint_eq(n, 0);
	registry_error_free(&err);
	struct registry_ref dots = { (char *)"127.0.0.1:1", (char *)"demo/../x", (char *)"x" };
	ck_assert(!registry_tags(&dots, true, NULL, &tags, &n, &err));
	registry_error_free(&err);
	registry_error_free(&err);	/* twice is harmless */
}
END_TEST

static Suite *
registry_suite(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("references");
	tcase_add_test(tc, ref_docker_hub);
	tcase_add_test(tc, ref_other_registries);
	tcase_add_test(tc, ref_tag_digest_and_spaces_ignored);
	tcase_add_test(tc, ref_errors);
	tcase_add_test(tc, insecure_loopback_without_info);
	tcase_add_test(tc, insecure_from_engine_info);
	suite_add_tcase(s, tc);
	tc = tcase_create("manifests");
	tcase_add_test(tc, manifest_docker_list);
	tcase_add_test(tc, manifest_docker_v2);
	tcase_add_test(tc, manifest_oci_index_drops_attestations);
	tcase_add_test(tc, manifest_oci_image);
	tcase_add_test(tc, manifest_kind_from_body_or_header);
	tcase_add_test(tc, manifest_malformed);
	tcase_add_test(tc, manifest_hostile_strings);
	tcase_add_test(tc, digest_checks);
	suite_add_tcase(s, tc);
	tc = tcase_create("wire");
	tcase_add_test(tc, tags_list_and_append);
	tcase_add_test(tc, tags_malformed);
	tcase_add_test(tc, link_next);
	tcase_add_test(tc, www_authenticate);
	tcase_add_test(tc, error_bodies);
	tcase_add_test(tc, rate_limits);
	tcase_add_test(tc, calls_refuse_bad_input);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(registry_suite());
	/* TAP on stdout: the harness counts every check, not just the program. */
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
