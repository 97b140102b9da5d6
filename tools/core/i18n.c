/* i18n.c - the one function every user-facing string passes through, and the .mo reader
 *
 * A GNU .mo file is a header, a table of original strings and a table of translations (each
 * entry: length, offset). msgfmt writes the originals sorted, but the reader sorts an index
 * itself and checks every offset, so a damaged or foreign file is ignored, never trusted.
 * Catalogs are read once and never change afterwards, so threads may translate freely.
 */
#include "i18n.h"
#include "embedded.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FR_LOCALEDIR
#define FR_LOCALEDIR "/usr/local/share/locale"
#endif
#define FR_DOMAIN "flowrec"
#define MO_MAX (16u << 20)

struct entry {
	const char *id, *str;  /* NUL-terminated inside the file's bytes */
	uint32_t idlen, strlen;
};

struct catalog {
	char *owned;           /* the file's bytes when read from disk */
	struct entry *v;       /* sorted by id */
	size_t n;
	int nplurals;          /* 1 (Chinese) or 2 (n != 1) */
};

static struct {
	const char *lang;      /* "zh-CN" or "en" */
	enum fr_lang_source src;
	struct catalog cat;    /* the language's catalog; n == 0 for English */
} L = { "en", FR_LANG_DEFAULT, { NULL, NULL, 0, 2 } };

static uint32_t rd32(const unsigned char *p, int swap)
{
	uint32_t v;
	memcpy(&v, p, 4);
	if (swap)
		v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
	return v;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return strcmp(x->id, y->id);
}

/* "Plural-Forms: nplurals=1; ..." in the header entry (the translation of ""). */
static int header_nplurals(const char *hdr)
{
	const char *p = hdr ? strstr(hdr, "nplurals=") : NULL;
	return p && p[9] == '1' && !isdigit((unsigned char)p[10]) ? 1 : 2;
}

/* Parse data[0..len) as a .mo file into c (entries point into data). Returns 0 or -1. */
static int mo_parse(struct catalog *c, const unsigned char *data, size_t len)
{
	uint32_t magic, n, oo, to, i;
	int swap;
	const char *hdr = NULL;

	if (len < 28)
		return -1;
	magic = rd32(data, 0);
	if (magic == 0x950412deu)
		swap = 0;
	else if (magic == 0xde120495u)
		swap = 1;
	else
		return -1;
	n = rd32(data + 8, swap);
	oo = rd32(data + 12, swap);
	to = rd32(data + 16, swap);
	if (n > len / 16 || oo > len || to > len || (size_t)n * 8 > len - oo || (size_t)n * 8 > len - to)
		return -1;
	c->v = calloc(n ? n : 1, sizeof(*c->v));
	if (!c->v)
		return -1;
	c->n = 0;
	for (i = 0; i < n; i++) {
		uint32_t il = rd32(data + oo + 8 * i, swap), io = rd32(data + oo + 8 * i + 4, swap);
		uint32_t sl = rd32(data + to + 8 * i, swap), so = rd32(data + to + 8 * i + 4, swap);
		struct entry *e = &c->v[c->n];
		if (io > len || il >= len - io || so > len || sl >= len - so || data[io + il] ||
		    data[so + sl])
			continue;
		e->id = (const char *)data + io;
		e->idlen = il;
		e->str = (const char *)data + so;
		e->strlen = sl;
		if (!il) {
			hdr = e->str;
			continue;
		}
		c->n++;
	}
	qsort(c->v, c->n, sizeof(*c->v), cmp_entry);
	c->nplurals = header_nplurals(hdr);
	return 0;
}

static void cat_free(struct catalog *c)
{
	free(c->owned);
	free(c->v);
	c->owned = NULL;
	c->v = NULL;
	c->n = 0;
	c->nplurals = 2;
}

static char *read_small(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long sz;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) > 0 && (unsigned long)sz <= MO_MAX &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)sz))) {
		if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
			free(buf);
			buf = NULL;
		} else {
			*len = (size_t)sz;
		}
	}
	fclose(f);
	return buf;
}

static int try_dir(struct catalog *c, const char *dir, const char *code)
{
	char path[4096];
	size_t len;
	char *buf;
	if (!dir || !*dir ||
	    snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/" FR_DOMAIN ".mo", dir, code) >= (int)sizeof(path))
		return -1;
	if (!(buf = read_small(path, &len)))
		return -1;
	if (mo_parse(c, (const unsigned char *)buf, len)) {
		free(buf);
		return -1;
	}
	c->owned = buf;
	return 0;
}

/* The catalog for code ("zh_CN"): on disk first, then the copy compiled in. */
static int cat_load(struct catalog *c, const char *code)
{
	static const char *const rel[] = { "locale", "build/locale", "../share/locale" };
	char exe[4096], dir[4200];
	ssize_t n;
	size_t i;

	if (!try_dir(c, getenv("FLOWREC_LOCALEDIR"), code))
		return 0;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;
		exe[n] = 0;
		if ((slash = strrchr(exe, '/'))) {
			*slash = 0;
			for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
				snprintf(dir, sizeof(dir), "%s/%s", exe, rel[i]);
				if (!try_dir(c, dir, code))
					return 0;
			}
		}
	}
	if (!try_dir(c, FR_LOCALEDIR, code))
		return 0;
	for (i = 0; fr_embedded_catalogs[i].name; i++)
		if (!strcmp(fr_embedded_catalogs[i].name, code))
			return mo_parse(c, (const unsigned char *)fr_embedded_catalogs[i].data,
					fr_embedded_catalogs[i].len);
	return -1;
}

static const struct entry *lookup(const char *msgid)
{
	size_t lo = 0, hi = L.cat.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(msgid, L.cat.v[mid].id);
		if (!c)
			return &L.cat.v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *fr_gettext(const char *msgid)
{
	const struct entry *e;
	if (!msgid || !*msgid || !L.cat.n)
		return msgid;
	e = lookup(msgid);
	return e && e->strlen ? e->str : msgid;
}

const char *fr_ngettext(const char *singular, const char *plural, unsigned long n)
{
	const struct entry *e = L.cat.n ? lookup(singular) : NULL;
	size_t idx = L.cat.nplurals == 1 ? 0 : n != 1;
	const char *s, *end;
	if (!e || !e->strlen)
		return n == 1 ? singular : plural;
	/* the forms follow each other, NUL-separated */
	for (s = e->str, end = e->str + e->strlen; idx && s < end; idx--)
		s += strlen(s) + 1;
	return s < end && *s ? s : e->str;
}

static int ieq_prefix(const char *s, const char *p)
{
	size_t n = strlen(p);
	return !strncasecmp(s, p, n) && (!s[n] || strchr("-_.@", s[n]));
}

const char *fr_i18n_canon(const char *lang)
{
	if (!lang)
		return NULL;
	if (ieq_prefix(lang, "zh"))
		return "zh-CN";
	if (ieq_prefix(lang, "en"))
		return "en";
	return NULL;
}

int fr_i18n_set(const char *lang, enum fr_lang_source src)
{
	const char *canon = fr_i18n_canon(lang);
	if (!canon)
		return -1;
	if (src < L.src)
		return 0;
	L.src = src;
	if (!strcmp(canon, L.lang))
		return 0;
	cat_free(&L.cat);
	L.lang = canon;
	if (!strcmp(canon, "zh-CN") && cat_load(&L.cat, "zh_CN"))
		cat_free(&L.cat);
	return 0;
}

const char *fr_i18n_lang(void)
{
	return L.lang;
}

const char *fr_i18n_doc_lang(const char *team_locale)
{
	const char *c = fr_i18n_canon(team_locale);
	if (L.src == FR_LANG_CLI)
		return L.lang;
	return c ? c : "en";
}

enum fr_lang_source fr_i18n_source(void)
{
	return L.src;
}

/* C, POSIX and C.UTF-8 name no language. */
static int names_language(const char *v)
{
	return v && *v && strcmp(v, "C") && strcmp(v, "POSIX") && strncmp(v, "C.", 2);
}

/* The language the environment asks for, "" when it names none. */
static const char *env_lang(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		char item[64];
		int named = 0;
		if (!v || !*v)
			continue;
		/* LANGUAGE is a list, "fr:zh_CN:en": the first that flowrec speaks */
		while (*v) {
			size_t n = strcspn(v, ":");
			if (n && n < sizeof(item)) {
				memcpy(item, v, n);
				item[n] = 0;
				if (names_language(item)) {
					named = 1;
					if (fr_i18n_canon(item))
						return fr_i18n_canon(item);
				}
			}
			v += n + (v[n] == ':');
		}
		if (named)
			return "en";
	}
	return "";
}

int fr_i18n_init(int *argc, char **argv, const char **bad)
{
	const char *cli = NULL, *env;
	int i, n = 0, rc = 0;

	*bad = NULL;
	for (i = 0; i < *argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[n++] = argv[i++];
			break;
		}
		if (i > 0 && !strcmp(a, "--lang")) {
			if (i + 1 >= *argc) {
				*bad = "";
				rc = -1;
				continue;
			}
			cli = argv[++i];
			continue;
		}
		if (i > 0 && !strncmp(a, "--lang=", 7)) {
			cli = a + 7;
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	*argc = n;
	env = env_lang();
	if (*env)
		fr_i18n_set(env, FR_LANG_ENV);
	if (cli && fr_i18n_set(cli, FR_LANG_CLI)) {
		*bad = cli;
		rc = -1;
	}
	return rc;
}
