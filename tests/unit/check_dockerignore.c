/* .dockerignore: reading the file, the patterns (*, ?, **, classes, escapes), which pattern
 * wins, the walk's parent state, the skip-a-directory rule and the build files kept, as the
 * docker CLI (buildkit's ReadAll, moby/patternmatcher, TrimBuildFilesFromExcludes) does. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockerignore.h"
#include "strv.h"
#include "xalloc.h"

/* The .dockerignore text compiled, as the build does it. */
static void
load(struct dockerignore *di, const char *text)
{
	char **lines;
	size_t n;
	char *err = NULL;
	*di = (struct dockerignore)DOCKERIGNORE_INIT;
	ck_assert_msg(dockerignore_read(text, strlen(text), &lines, &n, &err), "read: %s", err);
	ck_assert_msg(dockerignore_compile(di, lines, n, &err), "compile: %s", err);
	strv_free(lines, n);
}

struct match_case {
	const char *ignore;	/* the file's text */
	const char *path;
	bool excluded;
};

static const struct match_case match_cases[] = {
	/* ** / *.log: a .log file at any depth, and all below a directory named so */
	{ "**/*.log", "a.log", true },
	{ "**/*.log", "x/y/z.log", true },
	{ "**/*.log", "a.logx", false },
	{ "**/*.log", "dir.log/file", true },
	{ "**/*.log", "x/.log", true },
	/* an exception wins when it comes last, only where it matches */
	{ "**/*.log\n!keep.log", "keep.log", false },
	{ "**/*.log\n!keep.log", "sub/keep.log", true },
	{ "**/*.log\n!keep.log", "other.log", true },
	{ "!keep.log\n**/*.log", "keep.log", true },
	{ "a\n!a", "a", false },
	{ "!a\na", "a", true },
	/* a leading / is the context root: the same as none */
	{ "/build", "build", true },
	{ "/build", "build/out/x.o", true },
	{ "/build", "sub/build", false },
	{ "/build", "buildx", false },
	{ "//build//", "build/x", true },
	/* comments start at column 0; a # after blanks is a pattern */
	{ "# comment\nfoo", "# comment", false },
	{ "# comment\nfoo", "foo", true },
	{ " # x", "# x", true },
	{ "\t  *.tmp  \r\n", "a.tmp", true },
	/* a trailing slash is cleaned away: the directory and all below it */
	{ "dir/", "dir", true },
	{ "dir/", "dir/file", true },
	{ "dir/", "dir2/file", false },
	{ "a/./b/../c", "a/c/d", true },
	/* * never crosses a / */
	{ "*/temp*", "a/temp", true },
	{ "*/temp*", "a/temporary", true },
	{ "*/temp*", "a/temp/x", true },
	{ "*/temp*", "a/b/temp", false },
	{ "*/temp*", "temp", false },
	{ "*.md", "README.md", true },
	{ "*.md", "docs/x.md", false },
	{ "a/*/c", "a/b/c", true },
	{ "a/*/c", "a/b/d/c", false },
	/* ? is one character but / */
	{ "temp?", "temp1", true },
	{ "temp?", "temp", false },
	{ "temp?", "temp12", false },
	{ "temp?", "tempa/x", true },
	{ "a?b", "a/b", false },
	{ "temp?", "temp한", true },
	/* ** */
	{ "**", "a", true },
	{ "**", "a/b/c", true },
	{ "a/**", "a/b", true },
	{ "a/**", "a", false },
	{ "a/**/b", "a/b", true },
	{ "a/**/b", "a/x/y/b", true },
	{ "a/**/b", "a/xb", false },
	{ "**/a/**", "x/a/b", true },
	{ "**/a/**", "x/a", false },
	{ "**/foo", "foo", true },
	{ "**/foo", "a/b/foo", true },
	{ "**/foo", "barfoo", false },
	{ "**/foo", "foo/bar", true },
	{ "a**b", "ab", true },
	{ "a**b", "ax/b", true },
	{ "a**b", "axb", false },
	{ "abc**", "abcdef", true },
	{ "abc**", "ab", false },
	/* patternmatcher's suffix test for a leading ** without other wildcards */
	{ "**foo", "barfoo", true },
	{ "**foo", "foo", true },
	/* escapes: the next character is literal */
	{ "\\*.txt", "*.txt", true },
	{ "\\*.txt", "a.txt", false },
	{ "a\\?b", "a?b", true },
	{ "a\\?b", "axb", false },
	{ "\\[x]", "[x]", true },
	/* classes */
	{ "[abc].txt", "a.txt", true },
	{ "[abc].txt", "d.txt", false },
	{ "[^a].txt", "b.txt", true },
	{ "[^a].txt", "a.txt", false },
	{ "[a-c]x", "bx", true },
	{ "[a-c]x", "dx", false },
	{ "[\\]]x", "]x", true },
	{ "[!a]", "!", true },
	{ "[!a]", "b", false },
	{ "x[.]y", "x.y", true },
	{ "x[.]y", "xzy", false },
	/* characters a regular expression would take are literal */
	{ "a+b", "a+b", true },
	{ "a+b", "aab", false },
	{ "f(1|2){3}$", "f(1|2){3}$", true },
	{ "a.b", "axb", false },
	/* exceptions below an excluded directory */
	{ "node_modules\n!node_modules/keep", "node_modules", true },
	{ "node_modules\n!node_modules/keep", "node_modules/a", true },
	{ "node_modules\n!node_modules/keep", "node_modules/keep", false },
	{ "node_modules\n!node_modules/keep", "node_modules/keep/x", false },
	{ "*\n!src\nsrc/*.o", "src/a.c", false },
	{ "*\n!src\nsrc/*.o", "src/a.o", true },
	{ "*\n!src\nsrc/*.o", "README", true },
	/* what cannot match anything */
	{ ".", "a", false },
	{ "../x", "x", false },
	{ "", "a", false },
	{ "\n\n", "a", false },
	/* a UTF-8 BOM on the first line is dropped; CRLF lines */
	{ "\xef\xbb\xbf" "a.txt\r\nb.txt\r\n", "a.txt", true },
	{ "\xef\xbb\xbf" "a.txt\r\nb.txt\r\n", "b.txt", true },
	/* "! x" is "!x" */
	{ "*\n! keep", "keep", false },
	{ "*\n! keep", "other", true },
	/* the path is cleaned; "." is never excluded */
	{ "**", ".", false },
	{ "a", "./a/", true },
};

START_TEST(matches)
{
	const struct match_case *c = &match_cases[_i];
	struct dockerignore di;
	load(&di, c->ignore);
	ck_assert_msg(dockerignore_matches(&di, c->path) == c->excluded, "%s against %s: want %s",
		      c->ignore, c->path, c->excluded ? "excluded" : "kept");
	dockerignore_free(&di);
}
END_TEST

/* The walk's parent state gives what matching each path alone gives. */
START_TEST(walk_state_agrees)
{
	static const char *ignores[] = {
		"**/*.log\n!keep.log\n/build\nnode_modules\n!node_modules/keep",
		"*\n!src\nsrc/*.o\n!src/gen/*.o",
		"a/**/b\n!a/x/b/c\n**foo",
	};
	static const char *paths[] = {
		"a", "a/x", "a/x/b", "a/x/b/c", "a/x/b/d", "build", "build/x.log", "keep.log",
		"node_modules", "node_modules/keep", "node_modules/keep/y", "node_modules/z",
		"src", "src/a.o", "src/gen", "src/gen/b.o", "src/gen/c", "sub", "sub/keep.log",
		"sub/barfoo", "sub/foo", "sub/foo/x",
	};
	for (size_t k = 0; k < sizeof(ignores) / sizeof(ignores[0]); k++) {
		struct dockerignore di;
		load(&di, ignores[k]);
		size_t ss = dockerignore_state_size(&di);
		/* states by path, for the parent of each */
		unsigned char *states = xcalloc(sizeof(paths) / sizeof(paths[0]), ss);
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			const char *slash = strrchr(paths[i], '/');
			const unsigned char *parent = NULL;
			if (slash)
				for (size_t p = 0; p < i; p++)
					if (strlen(paths[p]) == (size_t)(slash - paths[i]) &&
					    strncmp(paths[p], paths[i], (size_t)(slash - paths[i])) == 0)
						parent = states + p * ss;
			bool walk = dockerignore_match_walk(&di, paths[i], parent, states + i * ss);
			ck_assert_msg(walk == dockerignore_matches(&di, paths[i]), "%s: %s", ignores[k], paths[i]);
		}
		free(states);
		dockerignore_free(&di);
	}
}
END_TEST

START_TEST(skip_dirs)
{
	struct dockerignore di;
	load(&di, "node_modules\nbuild");
	ck_assert(dockerignore_can_skip_dir(&di, "node_modules"));
	ck_assert(dockerignore_can_skip_dir(&di, "build"));
	dockerignore_free(&di);

	load(&di, "node_modules\n!node_modules/keep\nbuild");
	ck_assert(!dockerignore_can_skip_dir(&di, "node_modules"));
	ck_assert(dockerignore_can_skip_dir(&di, "build"));
	ck_assert(dockerignore_can_skip_dir(&di, "node"));
	dockerignore_free(&di);

	/* docker's rule is the exception's text, not what it could match */
	load(&di, "node_modules\n!**/keep");
	ck_assert(dockerignore_can_skip_dir(&di, "node_modules"));
	ck_assert(dockerignore_matches(&di, "node_modules/keep") == false);
	dockerignore_free(&di);
	load(&di, "node_modules\n!*/keep");
	ck_assert(dockerignore_can_skip_dir(&di, "node_modules"));
	dockerignore_free(&di);

	load(&di, "a\n!a/b/c");
	ck_assert(!dockerignore_can_skip_dir(&di, "a"));
	ck_assert(!dockerignore_can_skip_dir(&di, "a/b"));
	ck_assert(!dockerignore_can_skip_dir(&di, "a/b/c"));
	ck_assert(dockerignore_can_skip_dir(&di, "a/x"));
	ck_assert(dockerignore_can_skip_dir(&di, "a/bb"));
	dockerignore_free(&di);
}
END_TEST

START_TEST(build_files_kept)
{
	struct dockerignore di;
	load(&di, "*");
	dockerignore_keep_build_files(&di, "Dockerfile");
	ck_assert(!dockerignore_matches(&di, ".dockerignore"));
	ck_assert(!dockerignore_matches(&di, "Dockerfile"));
	ck_assert(dockerignore_matches(&di, "src"));
	ck_assert(dockerignore_can_skip_dir(&di, "src"));
	dockerignore_free(&di);

	load(&di, "sub\n.dockerignore");
	dockerignore_keep_build_files(&di, "sub/Dockerfile");
	ck_assert(!dockerignore_matches(&di, "sub/Dockerfile"));
	ck_assert(!dockerignore_matches(&di, ".dockerignore"));
	ck_assert(dockerignore_matches(&di, "sub/other"));
	ck_assert(!dockerignore_can_skip_dir(&di, "sub"));
	dockerignore_free(&di);

	/* nothing excluded: nothing added */
	load(&di, "*.log");
	dockerignore_keep_build_files(&di, "Dockerfile");
	ck_assert(!di.exceptions);
	dockerignore_free(&di);

	/* the CLI tests with the older Matches, which tries the parent at the pattern's depth
	 * only: "**" and "/sub" has two parts, sub/Dockerfile's parent one, so the Dockerfile stays
	 * excluded (and docker build fails to find it), here as there */
	load(&di, "**/sub");
	dockerignore_keep_build_files(&di, "sub/Dockerfile");
	ck_assert(dockerignore_matches(&di, "sub/Dockerfile"));
	dockerignore_free(&di);
}
END_TEST

START_TEST(bad_patterns)
{
	static const struct {
		const char *line;
		const char *err;
	} bad[] = {
		{ "!", "illegal exclusion pattern: \"!\"" },
		{ "  !  ", "illegal exclusion pattern: \"!\"" },
		{ "[", "syntax error in pattern" },
		{ "a[b", "syntax error in pattern" },
		{ "[]a]", "syntax error in pattern" },
		{ "[a-]", "syntax error in pattern" },
		{ "[-a]", "syntax error in pattern" },
		{ "x/[^]", "syntax error in pattern" },
		{ "a\\", "syntax error in pattern" },
		{ "!a[", "syntax error in pattern" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char **lines;
		size_t n;
		char *err = NULL;
		ck_assert(dockerignore_read(bad[i].line, strlen(bad[i].line), &lines, &n, &err));
		struct dockerignore di = DOCKERIGNORE_INIT;
		ck_assert_msg(!dockerignore_compile(&di, lines, n, &err), "%s compiled", bad[i].line);
		ck_assert_str_eq(err, bad[i].err);
		ck_assert_uint_eq(di.n, 0);
		free(err);
		strv_free(lines, n);
	}
}
END_TEST

START_TEST(read_lines)
{
	const char *text = "# c\n\n  /a/b/  \n!  /x \r\n!c/../d\n#x\n[z]\n \xef\xbb\xbf" "e";
	char **lines;
	size_t n;
	char *err = NULL;
	ck_assert(dockerignore_read(text, strlen(text), &lines, &n, &err));
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(lines[0], "a/b");
	ck_assert_str_eq(lines[1], "!x");
	ck_assert_str_eq(lines[2], "!d");
	ck_assert_str_eq(lines[3], "[z]");
	ck_assert_str_eq(lines[4], "\xef\xbb\xbf" "e");	/* a BOM only counts on the first line */
	strv_free(lines, n);

	/* Go's bufio.Scanner refuses a line of 64 KiB */
	size_t big = 65536;
	char *huge = xmalloc(big + 3);
	memset(huge, 'a', big);
	memcpy(huge + big, "\nb", 3);
	ck_assert(!dockerignore_read(huge, big + 2, &lines, &n, &err));
	ck_assert_str_eq(err, "Error reading .dockerignore: bufio.Scanner: token too long");
	free(err);
	ck_assert(dockerignore_read(huge + 1, big + 1, &lines, &n, &err));
	ck_assert_uint_eq(n, 2);
	strv_free(lines, n);
	free(huge);
}
END_TEST

START_TEST(clean)
{
	static const char *cases[][2] = {
		{ "", "." }, { ".", "." }, { "./", "." }, { "a/", "a" }, { "a//b/./c/..", "a/b" },
		{ "/../x", "/x" }, { "../../a", "../../a" }, { "a/../..", ".." }, { "/", "/" },
		{ "//a//", "/a" }, { "a/b/../../..", ".." }, { "abc/./../def", "def" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *c = path_clean(cases[i][0]);
		ck_assert_msg(strcmp(c, cases[i][1]) == 0, "Clean(%s) = %s, want %s", cases[i][0], c, cases[i][1]);
		free(c);
	}
}
END_TEST

/* Many stars cannot make a match slow: there is no backtracking. */
START_TEST(no_blowup)
{
	struct dockerignore di;
	load(&di, "**/**/**/**/**/**/**/**/*a*a*a*a*a*a*a*a*b");
	char path[4096];
	for (size_t i = 0; i < sizeof(path) - 1; i++)
		path[i] = i % 64 == 63 ? '/' : 'a';
	path[sizeof(path) - 1] = '\0';
	ck_assert(!dockerignore_matches(&di, path));
	dockerignore_free(&di);
}
END_TEST

static Suite *
dockerignore_suite(void)
{
	Suite *s = suite_create("dockerignore");
	TCase *m = tcase_create("match");
	tcase_add_loop_test(m, matches, 0, (int)(sizeof(match_cases) / sizeof(match_cases[0])));
	tcase_add_test(m, walk_state_agrees);
	tcase_add_test(m, no_blowup);
	suite_add_tcase(s, m);
	TCase *r = tcase_create("rules");
	tcase_add_test(r, skip_dirs);
	tcase_add_test(r, build_files_kept);
	tcase_add_test(r, bad_patterns);
	tcase_add_test(r, read_lines);
	tcase_add_test(r, clean);
	suite_add_tcase(s, r);
	return s;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(dockerignore_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
