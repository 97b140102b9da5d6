/* html.c - the page frame, escaping, links and safe Markdown of the HTML site */
#include "html.h"
#include "table.h"
#include "util.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void fr_html_escn(fr_buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	if (!s)
		return;
	/* the runs that need nothing are copied whole (fr_buf_add_html's escapes, one pass) */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;
		if (c >= 0x20 && c != 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'')
			continue;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		/* C0 controls but tab and newlines, and DEL, are parse errors in HTML: dropped */
		rep = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : "";
		fr_buf_add(b, s + start, i - start);
		fr_buf_adds(b, rep);
		start = i + 1;
	}
	fr_buf_add(b, s + start, n - start);
}

void fr_html_esc(fr_buf *b, const char *s)
{
	if (s)
		fr_html_escn(b, s, strlen(s));
}

void fr_html_href(fr_buf *b, int depth, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	int i;
	for (i = 0; i < depth; i++)
		fr_buf_adds(b, "../");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/#", *p)) {
			fr_buf_addc(b, (char)*p);
		} else {
			fr_buf_addc(b, '%');
			fr_buf_addc(b, hex[*p >> 4]);
			fr_buf_addc(b, hex[*p & 15]);
		}
	}
}

void fr_html_link(fr_buf *b, int depth, const char *path, const char *text)
{
	fr_buf_adds(b, "<a href=\"");
	fr_html_href(b, depth, path);
	fr_buf_adds(b, "\">");
	fr_html_esc(b, text);
	fr_buf_adds(b, "</a>");
}

/* the formats of report's text output (table.h), so both show the same figures */
void fr_html_rate(fr_buf *b, double rate, int has)
{
	char out[32];
	if (!has || !isfinite(rate)) {
		fr_buf_adds(b, "\xe2\x80\x94");
		return;
	}
	fr_format_percent(out, rate);
	fr_buf_adds(b, out);
}

void fr_html_num(fr_buf *b, double v)
{
	char out[32];
	if (!isfinite(v)) {
		fr_buf_adds(b, "\xe2\x80\x94");
		return;
	}
	fr_format_number(out, v);
	fr_buf_adds(b, out);
}

void fr_html_file_name(fr_buf *b, const char *name)
{
	size_t i, n = name ? strlen(name) : 0, start = b->len;
	if (n > 180) {
		n = 180;
		while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
			n--;   /* do not cut a UTF-8 sequence */
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7f || strchr("/\\<>:\"|?*", c) || (i == 0 && c == '.'))
			fr_buf_addc(b, '_');
		else
			fr_buf_addc(b, (char)c);
	}
	if (b->len == start)
		fr_buf_addc(b, '_');
}

void fr_html_begin(fr_buf *b, const fr_html_head *h)
{
	size_t i;
	fr_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"");
	fr_html_esc(b, h->lang);
	fr_buf_adds(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       /* no script of any kind; styles from the stylesheet and the alignment of
			* Markdown table cells; images from the site or the web only */
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		       "style-src 'self' 'unsafe-inline'; img-src 'self' https: http:; "
		       "base-uri 'none'; form-action 'none'\">\n"
		       "<meta name=\"generator\" content=\"flowrec\">\n<title>");
	fr_html_esc(b, h->title);
	if (h->site && *h->site) {
		fr_buf_adds(b, " \xe2\x80\x94 ");
		fr_html_esc(b, h->site);
	}
	fr_buf_adds(b, "</title>\n<link rel=\"stylesheet\" href=\"");
	fr_html_href(b, h->depth, "style.css");
	fr_buf_adds(b, "\">\n</head>\n<body>\n<header>\n<p class=\"site\">");
	fr_html_link(b, h->depth, "index.html", h->site);
	fr_buf_adds(b, "</p>\n");
	if (h->nnav) {
		fr_buf_adds(b, "<nav>\n<ul>\n");
		for (i = 0; i < h->nnav; i++) {
			fr_buf_adds(b, "<li>");
			fr_html_link(b, h->depth, h->nav[i].path, h->nav[i].label);
			fr_buf_adds(b, "</li>\n");
		}
		fr_buf_adds(b, "</ul>\n</nav>\n");
	}
	fr_buf_adds(b, "</header>\n<main>\n<h1>");
	fr_html_esc(b, h->title);
	fr_buf_adds(b, "</h1>\n");
	if (h->subtitle) {
		fr_buf_adds(b, "<p class=\"subtitle\">");
		fr_html_esc(b, h->subtitle);
		fr_buf_adds(b, "</p>\n");
	}
}

void fr_html_end(fr_buf *b, const char *footer)
{
	fr_buf_adds(b, "</main>\n");
	if (footer) {
		fr_buf_adds(b, "<footer>\n<p>");
		fr_html_esc(b, footer);
		fr_buf_adds(b, "</p>\n</footer>\n");
	}
	fr_buf_adds(b, "</body>\n</html>\n");
}

/* ---- Markdown ---- */

/* A URL a link may keep: no scheme (relative, #fragment, /path, ?query) or http, https,
 * mailto. The scheme is read as a browser would: ASCII whitespace and control characters
 * inside it are ignored ("java\tscript:"), letters compared without case. */
static int url_is_safe(const char *url)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	char scheme[16];
	size_t n = 0, i;
	const char *p = url;
	if (!url)
		return 1;
	while (*p && (unsigned char)*p <= 0x20)
		p++;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7f)
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return 1;   /* a path before any colon: relative */
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '-' || c == '.'))
			return 1;   /* cannot be a scheme: a relative path with odd characters */
		if (n + 1 >= sizeof(scheme))
			return 0;   /* too long for any scheme we allow */
		scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (!*p)
		return 1;   /* no colon at all */
	scheme[n] = '\0';
	for (i = 0; i < FR_ARRAY_LEN(ok); i++)
		if (!strcmp(scheme, ok[i]))
			return 1;
	return 0;
}

/* Replace node by its children (a link by its text), or drop it when it has none. */
static void unwrap(cmark_node *node)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(node))) {
		cmark_node_unlink(child);
		cmark_node_insert_before(node, child);
	}
	cmark_node_unlink(node);
	cmark_node_free(node);
}

/* Remove raw HTML, neutralise unsafe links and images, move headings down. */
static void sanitise(cmark_node *doc, int shift)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **drop = NULL, **strip = NULL;
	size_t ndrop = 0, cdrop = 0, nstrip = 0, cstrip = 0, i;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			FR_GROW(drop, cdrop, ndrop + 1);
			drop[ndrop++] = n;
		} else if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
			   !url_is_safe(cmark_node_get_url(n))) {
			FR_GROW(strip, cstrip, nstrip + 1);
			strip[nstrip++] = n;
		} else if (t == CMARK_NODE_HEADING && shift > 0) {
			int lv = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, lv > 6 ? 6 : lv);
		}
	}
	cmark_iter_free(it);
	/* outermost last: a link inside an unsafe link is unwrapped before its parent */
	for (i = nstrip; i-- > 0;)
		unwrap(strip[i]);
	for (i = 0; i < ndrop; i++) {
		cmark_node_unlink(drop[i]);
		cmark_node_free(drop[i]);
	}
	free(drop);
	free(strip);
}

void fr_html_markdown_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

int fr_html_markdown(fr_buf *b, const char *md, size_t len, int shift)
{
	static const char *const exts[] = { "table", "tasklist", "autolink", "strikethrough" };
	/* CMARK_OPT_DEFAULT is safe mode; CMARK_OPT_UNSAFE is never set */
	const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;
	cmark_parser *p;
	cmark_node *doc;
	char *html;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(opts);
	if (!p)
		return -1;
	for (i = 0; i < FR_ARRAY_LEN(exts); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	if (!doc) {
		cmark_parser_free(p);
		return -1;
	}
	sanitise(doc, shift);
	html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
	if (html) {
		fr_buf_adds(b, html);
		cmark_get_default_mem_allocator()->free(html);
	}
	cmark_node_free(doc);
	cmark_parser_free(p);
	return html ? 0 : -1;
}

/* One small stylesheet: system fonts, readable on a phone, printable. */
const char fr_html_css[] =
	"/* flowrec site */\n"
	":root{--fg:#1d2329;--muted:#5f6b76;--line:#d8dee4;--bg:#ffffff;--head:#f3f6f9;"
	"--accent:#1f6fb2;--low:#c62828;--high:#e07b00;--ok:#2e7d32}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%}\n"
	"body{margin:0;color:var(--fg);background:var(--bg);font:15px/1.55 system-ui,-apple-system,"
	"\"Segoe UI\",\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\","
	"sans-serif}\n"
	"header{background:var(--head);border-bottom:1px solid var(--line);padding:.5rem 1rem}\n"
	"header .site{margin:0;font-weight:600}\n"
	"header a{color:var(--fg);text-decoration:none}\n"
	"nav ul{list-style:none;margin:.25rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}\n"
	"nav a{color:var(--accent)}\n"
	"main{max-width:60rem;margin:0 auto;padding:1rem}\n"
	"footer{max-width:60rem;margin:0 auto;padding:0 1rem 1rem;color:var(--muted);font-size:.85rem}\n"
	"h1{font-size:1.5rem;margin:.5rem 0}\n"
	"h2{font-size:1.2rem;margin:1.75rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}\n"
	"h3{font-size:1.05rem;margin:1.25rem 0 .4rem}\n"
	".subtitle,.muted{color:var(--muted)}\n"
	"a{color:var(--accent)}\n"
	"table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}\n"
	"th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
	"th{background:var(--head);font-weight:600}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"th{white-space:nowrap}td{min-width:4.5em}td.t{min-width:10em}td.s{white-space:nowrap}td a{white-space:nowrap}\n"
	".scroll{overflow-x:auto;max-width:100%}\n"
	".scroll>table>*>tr>:first-child{position:sticky;left:0;background:var(--bg)}\n"
	".scroll>table>thead>tr>:first-child{background:var(--head)}\n"
	".scroll.end{direction:rtl}.scroll.end>*{direction:ltr}\n"
	"svg.chart{display:block;width:100%;min-width:21rem;max-width:44rem;height:auto}\n"
	"svg.diagram{display:block;max-width:none;height:auto}\n"
	"figure{margin:.75rem 0}\n"
	"figcaption{color:var(--muted);font-size:.85rem}\n"
	".kpis{display:flex;flex-wrap:wrap;gap:.75rem;margin:.5rem 0}\n"
	".kpi{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;min-width:9rem}\n"
	".kpi .v{display:block;font-size:1.6rem;font-weight:600}\n"
	".kpi .l{color:var(--muted);font-size:.85rem}\n"
	".flag-low{color:var(--low);font-weight:600}\n"
	".flag-high{color:var(--high);font-weight:600}\n"
	".ok{color:var(--ok)}\n"
	".badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem;border:1px solid var(--line)}\n"
	".card-red{background:#fdecea;color:#a31515;border-color:#f5c2c0}\n"
	".card-yellow{background:#fff6d6;color:#7a5b00;border-color:#f0dc8c}\n"
	".st-done{color:var(--ok)}.st-late,.st-open{color:var(--high)}.st-overdue,.st-missing{color:var(--low);font-weight:600}\n"
	"nav.weeks{display:flex;justify-content:space-between;gap:1rem;margin:.25rem 0 .75rem}\n"
	"td.reason{color:var(--muted);font-size:.88rem;white-space:normal}\n"
	".invalid{border-left:4px solid var(--low);padding:.25rem .75rem;background:#fdecea}\n"
		".body img{max-width:100%}\n"
	"ul.cols{columns:14rem;padding-left:1.25rem}\n"
	"dl.data{margin:.25rem 0}\n"
	/* the views made for a kind (tools/site/view-*.c) */
	"section.item{border:1px solid var(--line);border-radius:6px;padding:.1rem .85rem .6rem;margin:.75rem 0}\n"
	"section.item>h3{margin:.6rem 0 .4rem}\n"
	"dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem .9rem;margin:.4rem 0}\n"
	"dl.facts dt{color:var(--muted);white-space:nowrap}dl.facts dd{margin:0;min-width:0}\n"
	".meter{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .75rem;margin:.3rem 0}\n"
	"svg.bar{display:block;flex:1 1 12rem;max-width:26rem;height:.7rem}\n"
	"td .meter{flex-wrap:nowrap;margin:0}td svg.bar{flex:0 0 4.5rem;width:4.5rem}\n"
	".mv{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	".days{margin-left:.4rem}\n"
	".badge.st-done{border-color:#b7dcb9}.badge.st-open,.badge.st-late{border-color:#f0cf9c}.badge.st-overdue{border-color:#f5c2c0}\n"
	".hl{border-left:4px solid var(--ok);padding:.3rem .75rem;margin:.5rem 0;background:#f1f8f2}\n"
	".ll{border-left:4px solid var(--low);padding:.3rem .75rem;margin:.5rem 0;background:#fdf1f0}\n"
	".hl b,.ll b{display:block;font-size:.85rem;color:var(--muted);font-weight:600}\n"
	"ul.plain{list-style:none;padding:0;margin:.3rem 0}ul.plain>li{padding:.35rem 0;border-top:1px solid var(--line)}\n"
	"ul.plain>li:first-child{border-top:0}\n"
	"ol.timeline{list-style:none;margin:.5rem 0 .5rem .45rem;padding:0;border-left:3px solid var(--line)}\n"
	"ol.timeline>li{position:relative;padding:0 0 .8rem 1.1rem}\n"
	"ol.timeline>li::before{content:\"\";position:absolute;left:-.72rem;top:.35rem;width:.85rem;height:.85rem;"
	"border-radius:50%;background:var(--bg);border:3px solid var(--line)}\n"
	"ol.timeline>li.t-done::before{background:var(--ok);border-color:var(--ok)}\n"
	"ol.timeline>li.t-late::before{background:var(--high);border-color:var(--high)}\n"
	"ol.timeline>li.t-overdue::before{background:var(--bg);border-color:var(--low)}\n"
	"ol.timeline>li.t-open::before{background:var(--bg);border-color:var(--accent)}\n"
	".tday{font-weight:600;font-variant-numeric:tabular-nums;margin-right:.5rem}\n"
	".kpi .v.num{font-variant-numeric:tabular-nums}\n"
	"@media (max-width:40rem){body{font-size:14px}main{padding:.6rem}th,td{padding:.25rem .35rem}"
	".kpi{flex:1 1 40%;min-width:0}"
	"table.kv,table.kv>tbody,table.kv>tbody>tr,table.kv>tbody>tr>th,table.kv>tbody>tr>td{display:block}"
	"table.kv{border:1px solid var(--line)}table.kv>tbody>tr>th,table.kv>tbody>tr>td{border:0;min-width:0}"
	"table.kv>tbody>tr>th{white-space:normal;border-top:1px solid var(--line)}}\n"
	"@media print{header nav{display:none}header{background:none;border:0}"
	"main{max-width:none;padding:0}a{color:inherit;text-decoration:none}"
	"h2{break-after:avoid}table,figure,svg{break-inside:avoid}"
	"svg.diagram,svg.chart{max-width:100%;min-width:0}.scroll{overflow:visible}}\n";
