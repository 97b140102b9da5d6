/* schema_uri.c - resolving URI references against a base URI (RFC 3986 section 5.2) */
#include "schema_uri.h"
#include "buf.h"

#include <string.h>

struct uri {
	const char *scheme, *auth, *path, *query, *frag;
	size_t scheme_len, auth_len, path_len, query_len, frag_len;
	int has_scheme, has_auth, has_query, has_frag;
};

static int is_scheme_char(char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
}

/* Split s by the regular expression of RFC 3986 appendix B. */
static void uri_parse(struct uri *u, const char *s)
{
	const char *p = s;

	memset(u, 0, sizeof(*u));
	if (is_scheme_char(*p, 1)) {
		const char *q = p + 1;
		while (is_scheme_char(*q, 0))
			q++;
		if (*q == ':') {
			u->has_scheme = 1;
			u->scheme = p;
			u->scheme_len = (size_t)(q - p);
			p = q + 1;
		}
	}
	if (p[0] == '/' && p[1] == '/') {
		u->has_auth = 1;
		p += 2;
		u->auth = p;
		u->auth_len = strcspn(p, "/?#");
		p += u->auth_len;
	}
	u->path = p;
	u->path_len = strcspn(p, "?#");
	p += u->path_len;
	if (*p == '?') {
		u->has_query = 1;
		u->query = ++p;
		u->query_len = strcspn(p, "#");
		p += u->query_len;
	}
	if (*p == '#') {
		u->has_frag = 1;
		u->frag = ++p;
		u->frag_len = strlen(p);
	}
}

/* RFC 3986 5.2.4, from in[0..n) onto out. */
static void remove_dot_segments(fr_buf *out, const char *in, size_t n)
{
	fr_buf b = FR_BUF_INIT;
	size_t i = 0;

	fr_buf_add(&b, in, n);
	while (i < b.len) {
		const char *s = b.ptr + i;
		size_t rest = b.len - i;
		if (rest >= 3 && !memcmp(s, "../", 3)) {
			i += 3;
		} else if (rest >= 2 && !memcmp(s, "./", 2)) {
			i += 2;
		} else if (rest >= 3 && !memcmp(s, "/./", 3)) {
			i += 2; /* "/./x" -> "/x" */
		} else if (rest == 2 && !memcmp(s, "/.", 2)) {
			b.ptr[i + 1] = '/';
			b.len = i + 2;
			i += 1;
		} else if ((rest >= 4 && !memcmp(s, "/../", 4)) || (rest == 3 && !memcmp(s, "/..", 3))) {
			/* drop the last segment written to out */
			char *slash;
			if (rest == 3) {
				b.ptr[i + 2] = '/'; /* "/.." -> "/" */
				i += 2;
			} else {
				i += 3;
			}
			slash = out->len ? memrchr(out->ptr, '/', out->len) : NULL;
			out->len = slash ? (size_t)(slash - out->ptr) : 0;
			out->ptr[out->len] = '\0';
		} else if ((rest == 1 && s[0] == '.') || (rest == 2 && !memcmp(s, "..", 2))) {
			i = b.len;
		} else {
			/* move the first segment, with its leading '/', to out */
			size_t k = s[0] == '/' ? 1 : 0;
			while (k < rest && s[k] != '/')
				k++;
			fr_buf_add(out, s, k);
			i += k;
		}
	}
	fr_buf_free(&b);
}

char *fr_uri_resolve(fr_arena *a, const char *base, const char *ref)
{
	struct uri B, R;
	fr_buf t = FR_BUF_INIT;
	const char *scheme, *auth, *query;
	size_t scheme_len, auth_len, query_len;
	int has_scheme, has_auth, has_query;
	fr_buf path = FR_BUF_INIT;
	char *res;

	uri_parse(&B, base ? base : "");
	uri_parse(&R, ref);
	if (R.has_scheme) {
		has_scheme = 1, scheme = R.scheme, scheme_len = R.scheme_len;
		has_auth = R.has_auth, auth = R.auth, auth_len = R.auth_len;
		remove_dot_segments(&path, R.path, R.path_len);
		has_query = R.has_query, query = R.query, query_len = R.query_len;
	} else {
		has_scheme = B.has_scheme, scheme = B.scheme, scheme_len = B.scheme_len;
		if (R.has_auth) {
			has_auth = 1, auth = R.auth, auth_len = R.auth_len;
			remove_dot_segments(&path, R.path, R.path_len);
			has_query = R.has_query, query = R.query, query_len = R.query_len;
		} else {
			has_auth = B.has_auth, auth = B.auth, auth_len = B.auth_len;
			if (R.path_len == 0) {
				fr_buf_add(&path, B.path, B.path_len);
				if (R.has_query)
					has_query = 1, query = R.query, query_len = R.query_len;
				else
					has_query = B.has_query, query = B.query, query_len = B.query_len;
			} else {
				if (R.path[0] == '/') {
					remove_dot_segments(&path, R.path, R.path_len);
				} else {
					/* merge (5.2.3) */
					fr_buf m = FR_BUF_INIT;
					if (B.has_auth && B.path_len == 0) {
						fr_buf_addc(&m, '/');
					} else {
						const char *slash = B.path_len
							? memrchr(B.path, '/', B.path_len) : NULL;
						if (slash)
							fr_buf_add(&m, B.path,
								   (size_t)(slash - B.path) + 1);
					}
					fr_buf_add(&m, R.path, R.path_len);
					remove_dot_segments(&path, m.ptr, m.len);
					fr_buf_free(&m);
				}
				has_query = R.has_query, query = R.query, query_len = R.query_len;
			}
		}
	}
	if (has_scheme) {
		fr_buf_add(&t, scheme, scheme_len);
		fr_buf_addc(&t, ':');
	}
	if (has_auth) {
		fr_buf_adds(&t, "//");
		fr_buf_add(&t, auth, auth_len);
	}
	fr_buf_add(&t, path.ptr, path.len);
	if (has_query) {
		fr_buf_addc(&t, '?');
		fr_buf_add(&t, query, query_len);
	}
	if (R.has_frag) {
		fr_buf_addc(&t, '#');
		fr_buf_add(&t, R.frag, R.frag_len);
	}
	res = fr_strndup(a, t.ptr, t.len);
	fr_buf_free(&t);
	fr_buf_free(&path);
	return res;
}

char *fr_uri_split(fr_arena *a, const char *uri, const char **frag)
{
	const char *h = strchr(uri, '#');
	if (!h) {
		*frag = "";
		return fr_strdup(a, uri);
	}
	*frag = h + 1;
	return fr_strndup(a, uri, (size_t)(h - uri));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *fr_uri_pct_decode(fr_arena *a, const char *s, size_t *len)
{
	size_t n = strlen(s), i, k = 0;
	char *out = fr_alloc(a, n + 1);

	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int h, l;
			if (i + 2 >= n)
				return NULL;
			h = hexval(s[i + 1]);
			l = h < 0 ? -1 : hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			out[k++] = (char)(h * 16 + l);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	*len = k;
	return out;
}
