/* validate.c - `flowrec validate --schema SCHEMA FILE...`: documents against any JSON Schema
 *
 * The schema and the documents are JSON when their name ends in .json, else YAML. A document
 * that does not parse is a diagnostic like any other (exit 1); a schema that does not parse or
 * compile, an unreadable file or a usage error exits 2.
 */
#include "cmd.h"
#include "diagout.h"
#include "i18n.h"
#include "json.h"
#include "limits.h"
#include "schema.h"
#include "source.h"
#include "util.h"
#include "yaml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *source_of(void *ud, const char *path, size_t *len)
{
	fr_file *f = fr_files_find(ud, path);
	if (!f)
		return NULL;
	*len = f->len;
	return f->data;
}

static int is_json(const char *path)
{
	size_t n = strlen(path);
	return n >= 5 && !strcasecmp(path + n - 5, ".json");
}

/* Read path into files; NULL (message printed) when it cannot be read. */
static fr_file *load(fr_files *files, const char *path)
{
	char *data;
	size_t len;
	fr_file *f;

	if (fr_read_file(path, FR_MAX_RECORD_BYTES, &data, &len)) {
		fr_die_msg(_("cannot read '%s': %s"), path, fr_read_strerror(errno));
		return NULL;
	}
	f = fr_files_add(files, path, "", 0);
	free(f->data);
	f->data = data;
	f->len = len;
	f->selected = 1;
	return f;
}

/* The tree of a file in arena a, or NULL with a diagnostic in d. */
static fr_node *parse(fr_arena *a, const fr_file *f, fr_diags *d)
{
	fr_error err;
	fr_node *root;

	memset(&err, 0, sizeof(err));
	if (is_json(f->path))
		root = fr_json_parse(a, f->data, f->len, &err);
	else
		root = fr_yaml_parse(a, f->data, f->len, 0, &err);
	if (!root)
		fr_diags_add(d, f->path, err.line, err.col, FR_SEV_ERROR,
			     err.rule[0] ? err.rule : "X-YAML", "%s", err.msg);
	return root;
}

int cmd_validate(int argc, char **argv)
{
	const char *schema_path = NULL, *format = "text";
	const struct fr_opt opts[] = {
		FR_OPT_STR_("schema", N_("FILE"), N_("the JSON Schema (draft 2020-12), in JSON or YAML"),
			    &schema_path),
		FR_OPT_STR_("format", "text|json", N_("diagnostics as compiler-style text or a JSON array"),
			    &format),
		FR_OPT_END_
	};
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_arena *sa = NULL;
	fr_schema *schema = NULL;
	fr_node *sroot;
	fr_file *sf;
	fr_error err;
	int rc, json, io_failed = 0, i;

	rc = fr_parse_options("validate", N_("--schema FILE [--format text|json] FILE..."), opts,
			      &argc, argv);
	if (rc)
		return rc > 0 ? FR_EXIT_OK : FR_EXIT_FAIL;
	json = !strcmp(format, "json");
	if (!json && strcmp(format, "text"))
		return fr_usage_error("validate", _("--format is text or json, not '%s'"), format);
	if (!schema_path)
		return fr_usage_error("validate", _("--schema FILE is required"));
	if (argc == 0)
		return fr_usage_error("validate", _("name at least one document to validate"));

	rc = FR_EXIT_FAIL;
	if (!(sf = load(&files, schema_path)))
		goto done;
	sa = fr_arena_new();
	if (!(sroot = parse(sa, sf, &d)))
		goto print;
	if (fr_schema_compile(&schema, sroot, &err)) {
		fr_diags_add(&d, schema_path, err.line, err.col, FR_SEV_ERROR, err.rule, "%s",
			     err.msg);
		goto print;
	}
	for (i = 0; i < argc; i++) {
		/* the schema's file is files.v[0]; a document may be named twice, read it again */
		fr_file *f = load(&files, argv[i]);
		fr_arena *a;
		fr_node *root;
		if (!f) {
			io_failed = 1;
			continue;
		}
		a = fr_arena_new();
		if ((root = parse(a, f, &d)) != NULL)
			fr_schema_validate(schema, root, f->path, &d);
		fr_arena_free(a);
	}
	if (io_failed)
		rc = FR_EXIT_FAIL;
	else
		rc = fr_diags_count(&d, FR_SEV_ERROR) ? FR_EXIT_FOUND : FR_EXIT_OK;
print:
	fr_diags_finish(&d);
	if (json) {
		if (fr_diags_print(stdout, &d, FR_FMT_JSON, 0, NULL, NULL))
			rc = FR_EXIT_FAIL;
	} else {
		fr_diags_print(stderr, &d, FR_FMT_TEXT, isatty(2), source_of, &files);
	}
done:
	fr_schema_free(schema);
	fr_arena_free(sa);
	fr_diags_free(&d);
	fr_files_free(&files);
	return rc;
}
