/* schemacmd.c - `flowrec schema KIND`, `flowrec schema --write DIR` and `flowrec schema --list`:
 * the JSON Schemas of the record kinds for YAML-aware editors (yaml-language-server: VS Code,
 * Vim, Emacs, Zed), and their names
 *
 * Inside a team repository the schemas are the team's (its schemas/ overrides included), else
 * the built-in ones. The JSON is the schema tree as compiled, so it cannot drift from what
 * `check` enforces.
 */
#include "cmd.h"
#include "buf.h"
#include "config.h"
#include "i18n.h"
#include "jsonout.h"
#include "kind.h"
#include "schemas.h"
#include "team.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The names `schema` knows: every kind, then the team config. */
static const char *schema_name(size_t i)
{
	size_t n = 0;
	while (fr_kinds[n])
		n++;
	return i < n ? fr_kinds[i]->name : i == n ? "flowrec-config" : NULL;
}

static void schema_json(fr_buf *b, const fr_schemas *s, const char *name)
{
	fr_json_write(b, fr_schema_root(fr_schemas_get(s, name)));
	fr_buf_addc(b, '\n');
}

/* Write every schema as DIR/NAME.json (each to a temporary file renamed into place), making
 * DIR and its parents. Prints what went wrong; returns 0 or 2. */
int fr_schema_write_dir(const fr_schemas *s, const char *dir)
{
	char *p = fr_xstrdup(dir), *q;
	const char *name;
	size_t i;
	int rc = 0;
	for (q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		mkdir(p, 0777);
		*q = '/';
	}
	if (mkdir(p, 0777) && errno != EEXIST) {
		fr_die_msg(_("cannot create '%s': %s"), p, strerror(errno));
		free(p);
		return FR_EXIT_FAIL;
	}
	free(p);
	for (i = 0; !rc && (name = schema_name(i)); i++) {
		fr_buf b = FR_BUF_INIT;
		char *path = fr_xmalloc(strlen(dir) + strlen(name) + 16);
		char *tmp = fr_xmalloc(strlen(dir) + strlen(name) + 24);
		FILE *f;
		sprintf(path, "%s/%s.json", dir, name);
		sprintf(tmp, "%s/.%s.json.tmp", dir, name);
		schema_json(&b, s, name);
		if (!(f = fopen(tmp, "w")) || fwrite(b.ptr, 1, b.len, f) != b.len ||
		    fclose(f) || rename(tmp, path)) {
			fr_die_msg(_("cannot write '%s': %s"), path, strerror(errno));
			unlink(tmp);
			rc = FR_EXIT_FAIL;
		}
		fr_buf_free(&b);
		free(path);
		free(tmp);
	}
	return rc;
}

int cmd_schema(int argc, char **argv)
{
	const char *dir = NULL, *name;
	int list = 0;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("write", N_("DIR"), N_("write every schema as DIR/KIND.json"), &dir),
		FR_OPT_FLAG_("list", N_("print the names: every kind, then flowrec-config, one a line"), &list),
		FR_OPT_END_
	};
	fr_team team;
	fr_schemas *builtin = NULL;
	const fr_schemas *s;
	fr_diags d = FR_DIAGS_INIT;
	fr_buf b = FR_BUF_INIT;
	char *root = NULL;
	size_t i;
	int rc;

	memset(&team, 0, sizeof(team));
	rc = fr_parse_options("schema", N_("KIND | --write DIR | --list"), opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (list && !dir && !argc) {
		for (i = 0; (name = schema_name(i)); i++)
			printf("%s\n", name);
		return 0;
	}
	if ((list && (dir || argc)) || (dir && argc) || (!dir && argc != 1)) {
		for (i = 0; (name = schema_name(i)); i++)
			fr_buf_addf(&b, "%s%s", i ? ", " : "", name);
		rc = fr_usage_error("schema", _("name one kind (%s), --write DIR for all of them, or --list for their names"), b.ptr);
		fr_buf_free(&b);
		return rc;
	}
	for (i = 0; !dir && (name = schema_name(i)); i++)
		if (!strcmp(name, argv[0]))
			break;
	if (!dir && !schema_name(i)) {
		for (i = 0; (name = schema_name(i)); i++)
			fr_buf_addf(&b, "%s%s", i ? ", " : "", name);
		rc = fr_usage_error("schema", _("'%s' is not a kind of record; the kinds are: %s"), argv[0], b.ptr);
		fr_buf_free(&b);
		return rc;
	}
	/* the team's schemas inside a team repository, else the built-in ones */
	if (fr_config_find(".", &root) == 0) {
		free(root);
		if ((rc = fr_team_open(&team, "schema", NULL)))
			return rc;
		s = team.schemas;
	} else {
		if (fr_schemas_load(&builtin, NULL, &d)) {
			fr_diags_free(&d);
			fr_die_msg(_("the built-in schemas cannot be compiled"));
			return FR_EXIT_FAIL;
		}
		s = builtin;
	}
	if (dir) {
		rc = fr_schema_write_dir(s, dir);
	} else {
		schema_json(&b, s, argv[0]);
		fwrite(b.ptr, 1, b.len, stdout);
		rc = 0;
	}
	fr_buf_free(&b);
	fr_diags_free(&d);
	fr_schemas_free(builtin);
	fr_team_close(&team);
	return rc;
}
