/* jsts.c - run the JSON-Schema-Test-Suite (draft 2020-12) against schema.c
 *
 * Reads the suite from $JSTS_DIR, else ../shared/json-schema-test-suite (relative to the
 * repository root, where `make check` runs). Prints "ok - jsts/FILE: N cases" per file or one
 * "not ok - jsts/FILE: GROUP / TEST: why" per failing case, then "# jsts: P passed,
 * U unsupported, F failed". Cases listed in tests/jsts-unsupported.txt ($JSTS_UNSUPPORTED)
 * are expected to fail; one that passes is a failure, so the list stays honest.
 * When the suite is not there (a clone on its own), one "ok - jsts # SKIP" line says where to
 * put it, so that `make check` passes without it.
 */
#include "diag.h"
#include "json.h"
#include "node.h"
#include "schema.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const files[] = {
	"type.json", "enum.json", "const.json", "required.json", "properties.json",
	"additionalProperties.json", "patternProperties.json", "propertyNames.json", "items.json",
	"prefixItems.json", "contains.json", "minContains.json", "maxContains.json",
	"minItems.json", "maxItems.json", "uniqueItems.json", "minLength.json", "maxLength.json",
	"pattern.json", "minimum.json", "maximum.json", "exclusiveMinimum.json",
	"exclusiveMaximum.json", "multipleOf.json", "minProperties.json", "maxProperties.json",
	"dependentRequired.json", "dependentSchemas.json", "allOf.json", "anyOf.json",
	"oneOf.json", "not.json", "if-then-else.json", "ref.json", "defs.json", "anchor.json",
	"boolean_schema.json", "infinite-loop-detection.json",
	"optional/format/date.json", "optional/format/time.json",
	"optional/format/date-time.json", "optional/format/email.json",
};

struct unsupported {
	char *file, *group, *test, *reason;
	int line, used;
};

static struct unsupported *unsup;
static size_t nunsup, capunsup;

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* Lines "file.json | group | test | reason" (the reason may hold '|'); '#' starts a comment
 * line. */
static int load_unsupported(const char *path)
{
	char *text, *line, *save = NULL;
	size_t len;
	int lineno = 0;

	if (fr_read_file(path, 1 << 20, &text, &len)) {
		printf("not ok - jsts: cannot read '%s': %s\n", path, strerror(errno));
		return -1;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[4];
		int k;
		lineno++;
		line = trim(line);
		if (!*line || *line == '#')
			continue;
		for (k = 0; k < 4; k++) {
			char *bar = k < 3 ? strchr(line, '|') : NULL;
			if (k < 3 && !bar) {
				printf("not ok - jsts: %s: line %d: expected 'file | group | test | "
				       "reason'\n", path, lineno);
				free(text);
				return -1;
			}
			if (bar)
				*bar = '\0';
			f[k] = trim(line);
			if (bar)
				line = bar + 1;
		}
		if (!*f[3]) {
			printf("not ok - jsts: %s: line %d: the reason is missing\n", path, lineno);
			free(text);
			return -1;
		}
		FR_GROW(unsup, capunsup, nunsup + 1);
		unsup[nunsup].file = fr_xstrdup(f[0]);
		unsup[nunsup].group = fr_xstrdup(f[1]);
		unsup[nunsup].test = fr_xstrdup(f[2]);
		unsup[nunsup].reason = fr_xstrdup(f[3]);
		unsup[nunsup].line = lineno;
		unsup[nunsup].used = 0;
		nunsup++;
	}
	free(text);
	return 0;
}

static struct unsupported *find_unsupported(const char *file, const char *group,
					    const char *test)
{
	size_t i;
	for (i = 0; i < nunsup; i++) {
		struct unsupported *u = &unsup[i];
		if (strcmp(u->file, file))
			continue;
		if (*u->group && strcmp(u->group, group))
			continue;
		if (*u->test && strcmp(u->test, test))
			continue;
		return u;
	}
	return NULL;
}

/* Run one file; add to the totals. */
static void run_file(const char *dir, const char *file, size_t *passed, size_t *unsupported,
		     size_t *failed)
{
	char *path = NULL, *text = NULL;
	size_t len, gi, ti, np = 0, nu = 0, nf = 0;
	fr_arena *a = fr_arena_new();
	fr_error err;
	fr_node *root;

	path = malloc(strlen(dir) + strlen(file) + 32);
	sprintf(path, "%s/tests/draft2020-12/%s", dir, file);
	if (fr_read_file(path, 64u << 20, &text, &len)) {
		printf("not ok - jsts/%s: cannot read '%s': %s\n", file, path, strerror(errno));
		(*failed)++;
		goto done;
	}
	root = fr_json_parse(a, text, len, &err);
	if (!root || root->type != FR_SEQ) {
		printf("not ok - jsts/%s: %d:%d: %s\n", file, err.line, err.col,
		       root ? "not an array of groups" : err.msg);
		(*failed)++;
		goto done;
	}
	for (gi = 0; gi < root->n; gi++) {
		const fr_node *g = root->items[gi];
		const char *gdesc = fr_map_str(g, "description") ? fr_map_str(g, "description") : "";
		const fr_node *tests = fr_map_get(g, "tests");
		fr_schema *s = NULL;
		fr_error cerr;
		int compiled = !fr_schema_compile_opts(&s, fr_map_get(g, "schema"),
							FR_SCHEMA_IGNORE_UNKNOWN, &cerr);

		for (ti = 0; tests && ti < tests->n; ti++) {
			const fr_node *t = tests->items[ti];
			const char *tdesc = fr_map_str(t, "description") ? fr_map_str(t, "description")
									 : "";
			const fr_node *valid = fr_map_get(t, "valid");
			int expect = valid && valid->boolean, got = -1, ok;
			struct unsupported *u = find_unsupported(file, gdesc, tdesc);
			char why[700];

			if (compiled) {
				fr_diags d = FR_DIAGS_INIT;
				size_t n = fr_schema_validate(s, fr_map_get(t, "data"), "data.json", &d);
				size_t k;
				got = n == 0;
				if (n != d.n) {
					snprintf(why, sizeof(why), "validate returned %zu but appended "
						 "%zu diagnostics", n, d.n);
					got = -2;
				}
				/* every diagnostic points into the data, with the default rule */
				for (k = 0; k < d.n && got != -2; k++) {
					if (d.v[k].line < 1 || d.v[k].col < 1 ||
					    strcmp(d.v[k].rule, "X-SCHEMA") || !*d.v[k].msg) {
						snprintf(why, sizeof(why), "bad diagnostic %d:%d [%s] %s",
							 d.v[k].line, d.v[k].col, d.v[k].rule,
							 d.v[k].msg);
						got = -2;
					}
				}
				fr_diags_free(&d);
			}
			ok = got == expect;
			if (got == -1)
				snprintf(why, sizeof(why), "schema did not compile: %d:%d: %s",
					 cerr.line, cerr.col, cerr.msg);
			else if (got >= 0)
				snprintf(why, sizeof(why), "expected %s, got %s",
					 expect ? "valid" : "invalid", got ? "valid" : "invalid");
			if (u) {
				u->used = 1;
				if (ok) {
					printf("not ok - jsts/%s: %s / %s: listed as unsupported "
					       "(line %d) but passes\n", file, gdesc, tdesc, u->line);
					nf++;
				} else {
					nu++;
				}
			} else if (ok) {
				np++;
			} else {
				printf("not ok - jsts/%s: %s / %s: %s\n", file, gdesc, tdesc, why);
				nf++;
			}
		}
		fr_schema_free(s);
	}
	if (!nf) {
		if (nu)
			printf("ok - jsts/%s: %zu cases, %zu unsupported\n", file, np, nu);
		else
			printf("ok - jsts/%s: %zu cases\n", file, np);
	}
	*passed += np;
	*unsupported += nu;
	*failed += nf;
done:
	free(path);
	free(text);
	fr_arena_free(a);
}

int main(void)
{
	const char *dir = getenv("JSTS_DIR");
	const char *list = getenv("JSTS_UNSUPPORTED");
	size_t i, passed = 0, unsupported = 0, failed = 0;

	if (!dir || !*dir)
		dir = "../shared/json-schema-test-suite";
	if (!list || !*list)
		list = "tests/jsts-unsupported.txt";
	{
		struct stat st;
		char *probe = fr_xmalloc(strlen(dir) + sizeof("/tests/draft2020-12"));
		sprintf(probe, "%s/tests/draft2020-12", dir);
		if (stat(probe, &st) || !S_ISDIR(st.st_mode)) {
			printf("ok - jsts # SKIP the JSON-Schema-Test-Suite is not in '%s': clone "
			       "https://github.com/json-schema-org/JSON-Schema-Test-Suite there "
			       "(or set JSTS_DIR) to run the conformance cases\n", dir);
			free(probe);
			return 0;
		}
		free(probe);
	}
	if (load_unsupported(list))
		failed++;
	for (i = 0; i < FR_ARRAY_LEN(files); i++)
		run_file(dir, files[i], &passed, &unsupported, &failed);
	for (i = 0; i < nunsup; i++) {
		if (!unsup[i].used) {
			printf("not ok - jsts: %s: line %d ('%s | %s | %s') matches no case\n", list,
			       unsup[i].line, unsup[i].file, unsup[i].group, unsup[i].test);
			failed++;
		}
		free(unsup[i].file);
		free(unsup[i].group);
		free(unsup[i].test);
		free(unsup[i].reason);
	}
	free(unsup);
	printf("# jsts: %zu passed, %zu unsupported, %zu failed\n", passed, unsupported, failed);
	return failed > 0;
}
