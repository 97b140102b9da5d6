/* records5.c - the man page flowrec-records(5), written at build time from the schemas: every
 * kind and every field with its type, whether it is required, its Chinese title, its
 * description and the rules that check it, so that the page cannot drift from what `check`
 * enforces.   usage: records5 VERSION DATE schemas/NAME.yaml... > flowrec-records.5
 * Kinds come in the order of fr_kinds (DOMAIN.md's), then flowrec.yaml; a kind without its
 * schema, or a schema of no kind, is an error (exit 1), so a new kind cannot be left out.
 *
 * The schemas' shapes are few (local "#/$defs/NAME" refs, objects, arrays of items, enum,
 * const, allOf entries that carry an x-rule): each field is printed with its dotted path
 * (reports[].this_week[].task) and the fields of an object or of an array's items follow it.
 */
#include "arena.h"
#include "kind.h"
#include "buf.h"
#include "node.h"
#include "util.h"
#include "yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const fr_node *defs;   /* $defs of the schema being written */

/* s for roff: backslashes as \e, '-' as \-, a leading '.' or '\'' guarded */
static void roff(fr_buf *b, const char *s)
{
	if (*s == '.' || *s == '\'')
		fr_buf_adds(b, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			fr_buf_adds(b, "\\e");
		else if (*s == '-')
			fr_buf_adds(b, "\\-");
		else if (*s == '\n')
			fr_buf_addc(b, ' ');
		else
			fr_buf_addc(b, *s);
	}
}

static const fr_node *deref(const fr_node *n)
{
	const char *ref = fr_map_str(n, "$ref");
	if (ref && !strncmp(ref, "#/$defs/", 8))
		return fr_map_get(defs, ref + 8);
	return NULL;
}

/* map[key] of n, else of the definition n refers to */
static const fr_node *get(const fr_node *n, const char *key)
{
	const fr_node *v = fr_map_get(n, key), *d;
	if (!v && (d = deref(n)))
		v = get(d, key);
	return v;
}

static void scalar(fr_buf *b, const fr_node *v)
{
	if (v->type == FR_STRING)
		roff(b, v->str);
	else if (v->type == FR_BOOL)
		fr_buf_adds(b, v->boolean ? "true" : "false");
	else if (v->type == FR_NUMBER)
		fr_buf_addf(b, "%g", v->num);
	else
		fr_buf_adds(b, "null");
}

/* "string (date)", "array of objects", "one of: red, yellow", "always cards" */
static void type_of(fr_buf *b, const fr_node *n)
{
	const fr_node *v, *items;
	const char *t = fr_node_str(get(n, "type")), *f = fr_node_str(get(n, "format"));
	size_t i;
	if ((v = get(n, "const"))) {
		fr_buf_adds(b, "always \\fB");
		scalar(b, v);
		fr_buf_adds(b, "\\fR");
		return;
	}
	if ((v = get(n, "enum"))) {
		fr_buf_adds(b, "one of: ");
		for (i = 0; i < v->n; i++) {
			fr_buf_adds(b, i ? ", \\fB" : "\\fB");
			scalar(b, v->items[i]);
			fr_buf_adds(b, "\\fR");
		}
		return;
	}
	if (t && !strcmp(t, "array") && (items = get(n, "items"))) {
		fr_buf_adds(b, "array of ");
		type_of(b, items);
		return;
	}
	fr_buf_adds(b, t ? t : "any value");
	if (f)
		fr_buf_addf(b, " (%s)", f);
	else if (fr_map_str(n, "$ref") && deref(n))
		fr_buf_addf(b, " (%s)", fr_map_str(n, "$ref") + 8);
}

/* The bounds of n and of the allOf entries on it (the rules that own them are listed after). */
static void bounds(fr_buf *b, const fr_node *n)
{
	static const struct { const char *key, *text, *unit; } kw[] = {
		{ "minimum", "at least %g", "" }, { "maximum", "at most %g", "" },
		{ "exclusiveMinimum", "more than %g", "" }, { "exclusiveMaximum", "less than %g", "" },
		{ "minItems", "at least %g item", "s" }, { "maxItems", "at most %g item", "s" },
		{ "minLength", "at least %g character", "s" }, { "maxLength", "at most %g character", "s" },
	};
	const fr_node *all = fr_map_get(n, "allOf");
	size_t i;
	double x;
	for (i = 0; i < FR_ARRAY_LEN(kw); i++)
		if (fr_map_num(n, kw[i].key, &x)) {
			fr_buf_adds(b, ", ");
			fr_buf_addf(b, kw[i].text, x);
			fr_buf_adds(b, x == 1 ? "" : kw[i].unit);
		}
	if (fr_map_get(n, "uniqueItems") && fr_map_get(n, "uniqueItems")->boolean)
		fr_buf_adds(b, ", no item twice");
	for (i = 0; all && i < all->n; i++)
		bounds(b, all->items[i]);
}

/* The rule ids of the allOf entries of n that name it (x-rule on n), of an object parent's
 * allOf entries that constrain or require `name`, and those named in the description. */
static void add_rule(fr_buf *b, const char *r)
{
	fr_buf word = FR_BUF_INIT;
	fr_buf_addf(&word, " %s", r);
	if (!b->len || !strstr(b->ptr, word.ptr))
		fr_buf_adds(b, word.ptr);
	fr_buf_free(&word);
}

static void rules(fr_buf *b, const fr_node *n, const fr_node *parent, const char *name)
{
	const fr_node *all = fr_map_get(n, "allOf"), *pall = fr_map_get(parent, "allOf"), *req;
	size_t i, j;
	for (i = 0; all && i < all->n; i++)
		if (fr_map_str(all->items[i], "x-rule"))
			add_rule(b, fr_map_str(all->items[i], "x-rule"));
	for (i = 0; pall && i < pall->n; i++) {
		const fr_node *e = pall->items[i];
		const char *r = fr_map_str(e, "x-rule");
		int hit = fr_map_get(fr_map_get(e, "properties"), name) != NULL;
		for (j = 0, req = fr_map_get(e, "required"); req && j < req->n; j++)
			hit |= fr_streq(fr_node_str(req->items[j]), name);
		if (r && hit)
			add_rule(b, r);
	}
}

static int required_in(const fr_node *obj, const char *name)
{
	const fr_node *req = get(obj, "required");
	size_t i;
	for (i = 0; req && i < req->n; i++)
		if (fr_streq(fr_node_str(req->items[i]), name))
			return 1;
	return 0;
}

static void fields(fr_buf *b, const fr_node *obj, const char *prefix, int depth);

static void field(fr_buf *b, const fr_node *obj, const char *prefix, const char *name, const fr_node *n,
		  int depth)
{
	const char *title = fr_node_str(get(n, "title")), *desc = fr_node_str(get(n, "description"));
	const fr_node *items = get(n, "items"), *inner = n;
	fr_buf path = FR_BUF_INIT, r = FR_BUF_INIT;

	fr_buf_addf(&path, "%s%s", prefix, name);
	fr_buf_adds(b, ".TP\n.B ");
	roff(b, path.ptr);
	fr_buf_adds(b, "\n");
	type_of(b, n);
	if (required_in(obj, name))
		fr_buf_adds(b, ", required");
	bounds(b, n);
	if (deref(n))
		bounds(b, deref(n));
	rules(&r, n, obj, name);
	if (r.len)
		fr_buf_addf(b, "; checked by%s", r.ptr);
	fr_buf_adds(b, ".\n");
	if (title) {
		roff(b, title);
		fr_buf_adds(b, desc ? ": " : ".\n");
	}
	if (desc) {
		roff(b, desc);
		fr_buf_adds(b, "\n");
	}
	fr_buf_adds(&path, items ? "[]." : ".");
	if (items)
		inner = deref(items) ? deref(items) : items;
	else if (deref(n))
		inner = deref(n);
	if (depth < 8 && (get(inner, "properties") || get(inner, "patternProperties")))
		fields(b, inner, path.ptr, depth + 1);
	fr_buf_free(&path);
	fr_buf_free(&r);
}

static void fields(fr_buf *b, const fr_node *obj, const char *prefix, int depth)
{
	const fr_node *props = get(obj, "properties"), *pat = get(obj, "patternProperties");
	size_t i;
	for (i = 0; props && i < props->n; i++)
		field(b, obj, prefix, props->pairs[i].key->str, props->pairs[i].val, depth);
	for (i = 0; pat && i < pat->n; i++) {
		fr_buf name = FR_BUF_INIT;
		fr_buf_addf(&name, "<key matching %s>", pat->pairs[i].key->str);
		field(b, obj, prefix, name.ptr, pat->pairs[i].val, depth);
		fr_buf_free(&name);
	}
}

/* one schema: a subsection with its description, then its fields */
static int schema(fr_buf *b, const char *path)
{
	fr_arena *a = fr_arena_new();
	fr_error err;
	fr_node *root;
	char *text = NULL, *name = fr_xstrdup(strrchr(path, '/') ? strrchr(path, '/') + 1 : path), *dot;
	size_t len;
	const char *title, *desc;
	int rc = -1;

	if ((dot = strstr(name, ".yaml")))
		*dot = '\0';
	if (fr_read_file(path, 1 << 20, &text, &len)) {
		fprintf(stderr, "records5: cannot read %s\n", path);
		goto done;
	}
	if (!(root = fr_yaml_parse(a, text, len, 0, &err)) || root->type != FR_MAP) {
		fprintf(stderr, "records5: %s is not a YAML mapping\n", path);
		goto done;
	}
	defs = fr_map_get(root, "$defs");
	title = fr_map_str(root, "title");
	desc = fr_map_str(root, "description");
	if (!strcmp(name, "flowrec-config"))
		fr_buf_adds(b, ".SH \"THE TEAM CONFIGURATION: flowrec.yaml\"\n");
	fr_buf_adds(b, ".SS \"");
	roff(b, strcmp(name, "flowrec-config") ? name : "flowrec.yaml");
	if (title) {
		fr_buf_adds(b, " \\(em ");
		roff(b, title);
	}
	fr_buf_adds(b, "\"\n");
	if (desc) {
		roff(b, desc);
		fr_buf_adds(b, "\n");
	}
	fields(b, root, "", 0);
	rc = 0;
done:
	free(text);
	free(name);
	fr_arena_free(a);
	return rc;
}

static const char head[] =
	".\\\" flowrec-records(5), generated from schemas/*.yaml by tools/man/records5.c: edit those\n"
	".TH FLOWREC\\-RECORDS 5 \"%s\" \"flowrec %s\" \"flowrec manual\"\n"
	".SH NAME\n"
	"flowrec\\-records \\- the kinds of record flowrec checks, their fields, and flowrec.yaml\n"
	".SH DESCRIPTION\n"
	"A record is a Markdown file under\n"
	".I records/\n"
	"of a team repository that starts with a YAML front matter between two lines of\n"
	".BR \\-\\-\\- .\n"
	"Its\n"
	".B kind\n"
	"field says which of the kinds below it is; the front matter is checked against the\n"
	"kind's JSON Schema (draft 2020\\-12, built into flowrec and printed by\n"
	".BR \"flowrec schema \\fIKIND\\fP\" )\n"
	"and by the handbook's rules, whose ids (such as\n"
	".BR W\\-THREE )\n"
	"end every diagnostic.\n"
	"The body below the front matter is free Markdown.\n"
	".PP\n"
	"Objects are closed: a key that is not listed is an error (X\\-SCHEMA), so a misspelt key\n"
	"is caught.\n"
	"Field names are English; the Chinese title after each field is how the site and the\n"
	"reports label it.\n"
	"A field of an array's items is written\n"
	".IB array [].\\fIfield\\fP .\n"
	"Dates are YYYY\\-MM\\-DD, weeks ISO 8601 YYYY\\-Www, months YYYY\\-MM, clock times HH:MM\n"
	"(quote them in YAML: \\(dq09:20\\(dq).\n"
	"People are named as in the roster of\n"
	".IR flowrec.yaml .\n"
	"A team may override a schema with its own\n"
	".IR schemas/KIND.yaml .\n"
	".PP\n"
	"Each record has its conventional place, which\n"
	".B flowrec new\n"
	"uses:\n"
	".TP\n.I records/weekly/2026\\-W10.md\nweekly\\-meeting, one per ISO week\n"
	".TP\n.I records/cards/2026\\-W10.md\ncards, one per ISO week\n"
	".TP\n.I records/monthly/2026\\-04/NAME.md\nmonthly\\-plan, one per person and month\n"
	".TP\n.I records/product/2026\\-04/NAME.md\nproduct\\-plan, one per owner and month\n"
	".TP\n.I records/partners/2026\\-03/PARTNER.md\npartner\\-scorecard, one per partner and month\n"
	".TP\n.I records/channel/2026\\-03/NAME.md\nchannel\\-service, one per specialist and month\n"
	".TP\n.I records/onboarding/CUSTOMER.md\nonboarding, one per new customer\n"
	".TP\n.I records/meetings/2026\\-03\\-05\\-TITLE.md\nmeeting, one per meeting\n"
	".TP\n.I records/processes/NAME.md\nprocess, one per process\n"
	".SH KINDS\n";

static const char tail[] =
	".SH SEE ALSO\n"
	".BR flowrec (1)\n";

int main(int argc, char **argv)
{
	fr_buf b = FR_BUF_INIT;
	int i, used = 0;
	size_t k;
	if (argc < 4) {
		fprintf(stderr, "usage: records5 VERSION DATE SCHEMA.yaml...\n");
		return 2;
	}
	fr_buf_addf(&b, head, argv[2], argv[1]);   /* head: the date, then the version */
	/* the kinds in fr_kinds' order, then the team config; every schema is used once */
	for (k = 0;; k++) {
		const char *want = fr_kinds[k] ? fr_kinds[k]->name : "flowrec-config";
		size_t wl = strlen(want);
		for (i = 3; i < argc; i++) {
			const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
			if (!strncmp(base, want, wl) && !strcmp(base + wl, ".yaml"))
				break;
		}
		if (i == argc) {
			fprintf(stderr, "records5: no schema for '%s'\n", want);
			return 1;
		}
		if (schema(&b, argv[i]))
			return 1;
		used++;
		if (!fr_kinds[k])
			break;
	}
	if (used != argc - 3) {
		fprintf(stderr, "records5: %d schema(s) of no kind\n", argc - 3 - used);
		return 1;
	}
	fr_buf_adds(&b, tail);
	if (fwrite(b.ptr, 1, b.len, stdout) != b.len || fflush(stdout)) {
		fprintf(stderr, "records5: cannot write the page\n");
		return 2;
	}
	fr_buf_free(&b);
	return 0;
}
