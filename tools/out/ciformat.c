/* ciformat.c - diagnostics as SARIF 2.1.0, GitLab Code Quality JSON, GitHub workflow commands
 *
 * Fingerprints: FNV-1a 64 of the path, the rule id, the text of the offending line (blanks
 * trimmed) and the finding's number among those with the same three, so they stay the same
 * when lines move and differ for two findings on equal lines. Messages are not hashed: they
 * are in the reader's language, and a fingerprint must not change with it.
 */
#include "ciformat.h"
#include "buf.h"
#include "i18n.h"
#include "rules.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h ^ 0xff; /* a separator, so ("ab","c") and ("a","bc") differ */
}

/* The text of line `line` (1-based) of src, blanks trimmed; *n its length. */
static const char *line_text(const char *src, size_t len, int line, size_t *n)
{
	const char *s = src, *end = src + len, *e;
	int l = 1;
	*n = 0;
	if (!src || line < 1)
		return "";
	while (l < line && s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			return "";
		s = nl + 1;
		l++;
	}
	e = memchr(s, '\n', (size_t)(end - s));
	if (!e)
		e = end;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*n = (size_t)(e - s);
	return s;
}

/* One fingerprint per diagnostic, as 16 hex digits in fp[i]. */
static char (*fingerprints(const fr_diags *d, fr_source_fn source, void *ud))[17]
{
	char (*fp)[17] = fr_xcalloc(d->n + 1, sizeof(*fp));
	uint64_t *base = fr_xcalloc(d->n + 1, sizeof(*base));
	size_t i, j;
	for (i = 0; i < d->n; i++) {
		const fr_diag *g = &d->v[i];
		size_t len = 0, tn;
		const char *src = source ? source(ud, g->path, &len) : NULL;
		const char *t = line_text(src, len, g->line, &tn);
		unsigned k = 0;
		uint64_t h = 0xcbf29ce484222325ULL;
		h = fnv(h, g->path, strlen(g->path));
		h = fnv(h, g->rule, strlen(g->rule));
		h = fnv(h, t, tn);
		base[i] = h;
		for (j = 0; j < i; j++)
			k += base[j] == h;
		h = fnv(h, (const char *)&k, sizeof(k));
		snprintf(fp[i], sizeof(fp[i]), "%016llx", (unsigned long long)h);
	}
	free(base);
	return fp;
}

static void js(fr_buf *b, const char *s)
{
	fr_buf_add_json_str(b, s, strlen(s));
}

/* A relative path as a URI reference: percent-encode what is not unreserved or '/'
 * (UTF-8 bytes included, as RFC 3986 wants). */
static void uri(fr_buf *b, const char *p)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)p;
	fr_buf_addc(b, '"');
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    strchr("-._~/", *s)) {
			fr_buf_addc(b, (char)*s);
		} else {
			fr_buf_addc(b, '%');
			fr_buf_addc(b, hex[*s >> 4]);
			fr_buf_addc(b, hex[*s & 15]);
		}
	}
	fr_buf_addc(b, '"');
}

static void sarif(fr_buf *b, const fr_diags *d, char (*fp)[17])
{
	size_t i, r, nrules = 0;
	while (fr_rules[nrules].id)
		nrules++;
	fr_buf_adds(b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		       "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n"
		       "        \"driver\": {\n          \"name\": \"flowrec\",\n");
	fr_buf_addf(b, "          \"version\": \"%s\",\n          \"rules\": [", FLOWREC_VERSION);
	for (r = 0; r < nrules; r++) {
		const fr_rule_info *ri = &fr_rules[r];
		fr_buf b2 = FR_BUF_INIT;
		fr_buf_adds(b, r ? ",\n            {" : "\n            {");
		fr_buf_adds(b, "\"id\": ");
		js(b, ri->id);
		fr_buf_adds(b, ", \"shortDescription\": {\"text\": ");
		js(b, _(ri->summary));
		fr_buf_adds(b, "}, \"help\": {\"text\": ");
		if (ri->quote)
			fr_buf_addf(&b2, "%s (handbook: 「%s」)", _(ri->summary), ri->quote);
		else
			fr_buf_adds(&b2, _(ri->summary));
		js(b, b2.ptr);
		fr_buf_free(&b2);
		fr_buf_addf(b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
			    ri->sev == FR_SEV_ERROR ? "error" : "warning");
	}
	fr_buf_adds(b, "\n          ]\n        }\n      },\n      \"results\": [");
	for (i = 0; i < d->n; i++) {
		const fr_diag *g = &d->v[i];
		fr_buf_adds(b, i ? ",\n        {" : "\n        {");
		for (r = 0; g->rule[0] && r < nrules; r++)
			if (!strcmp(fr_rules[r].id, g->rule))
				break;
		if (g->rule[0]) {
			fr_buf_adds(b, "\"ruleId\": ");
			js(b, g->rule);
			if (r < nrules)
				fr_buf_addf(b, ", \"ruleIndex\": %zu", r);
			fr_buf_adds(b, ", ");
		}
		fr_buf_addf(b, "\"level\": \"%s\", \"message\": {\"text\": ",
			    g->sev == FR_SEV_ERROR ? "error" : "warning");
		js(b, g->msg);
		fr_buf_adds(b, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		uri(b, g->path);
		fr_buf_adds(b, "}");
		if (g->line > 0) {
			fr_buf_addf(b, ", \"region\": {\"startLine\": %d", g->line);
			if (g->col > 0)
				fr_buf_addf(b, ", \"startColumn\": %d", g->col);
			fr_buf_adds(b, "}");
		}
		fr_buf_addf(b, "}}], \"partialFingerprints\": {\"flowrec/v1\": \"%s\"}}", fp[i]);
	}
	fr_buf_adds(b, d->n ? "\n      ],\n" : "],\n");
	fr_buf_adds(b, "      \"columnKind\": \"unicodeCodePoints\"\n    }\n  ]\n}\n");
}

static void gitlab(fr_buf *b, const fr_diags *d, char (*fp)[17])
{
	size_t i;
	fr_buf_addc(b, '[');
	for (i = 0; i < d->n; i++) {
		const fr_diag *g = &d->v[i];
		fr_buf_adds(b, i ? ",\n  {" : "\n  {");
		fr_buf_adds(b, "\"description\": ");
		js(b, g->msg);
		fr_buf_adds(b, ", \"check_name\": ");
		js(b, g->rule[0] ? g->rule : "flowrec");
		fr_buf_addf(b, ", \"fingerprint\": \"%s\", \"severity\": \"%s\", \"location\": {\"path\": ",
			    fp[i], g->sev == FR_SEV_ERROR ? "major" : "minor");
		js(b, g->path);
		fr_buf_addf(b, ", \"lines\": {\"begin\": %d}}}", g->line > 0 ? g->line : 1);
	}
	fr_buf_adds(b, d->n ? "\n]\n" : "]\n");
}

/* GitHub's escapes: a message escapes % CR LF; a property value also ':' and ','. */
static void gh_escape(fr_buf *b, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fr_buf_adds(b, "%25");
		else if (*s == '\r')
			fr_buf_adds(b, "%0D");
		else if (*s == '\n')
			fr_buf_adds(b, "%0A");
		else if (property && *s == ':')
			fr_buf_adds(b, "%3A");
		else if (property && *s == ',')
			fr_buf_adds(b, "%2C");
		else
			fr_buf_addc(b, *s);
	}
}

static void github(fr_buf *b, const fr_diags *d)
{
	size_t i;
	for (i = 0; i < d->n; i++) {
		const fr_diag *g = &d->v[i];
		fr_buf_addf(b, "::%s file=", g->sev == FR_SEV_ERROR ? "error" : "warning");
		gh_escape(b, g->path, 1);
		if (g->line > 0)
			fr_buf_addf(b, ",line=%d", g->line);
		if (g->line > 0 && g->col > 0)
			fr_buf_addf(b, ",col=%d", g->col);
		if (g->rule[0]) {
			fr_buf_adds(b, ",title=");
			gh_escape(b, g->rule, 1);
		}
		fr_buf_adds(b, "::");
		gh_escape(b, g->msg, 0);
		fr_buf_addc(b, '\n');
	}
}

int fr_diags_print_ci(FILE *f, const fr_diags *d, fr_ci_format fmt, fr_source_fn source, void *ud)
{
	fr_buf b = FR_BUF_INIT;
	char (*fp)[17] = fingerprints(d, source, ud);
	int rc = 0;
	if (fmt == FR_CI_SARIF)
		sarif(&b, d, fp);
	else if (fmt == FR_CI_GITLAB)
		gitlab(&b, d, fp);
	else
		github(&b, d);
	if (fwrite(b.ptr, 1, b.len, f) != b.len)
		rc = -1;
	free(fp);
	fr_buf_free(&b);
	return rc;
}
