/* html.h - the pages of the static site: page frame, escaping, links, file names, Markdown
 *
 * Everything appends to an fr_buf and never prints. Text from records reaches a page only
 * through fr_html_esc (element text and attribute values alike: & < > " ' are escaped and
 * control characters dropped) or fr_html_markdown (cmark-gfm without CMARK_OPT_UNSAFE, raw
 * HTML removed, links limited to http, https, mailto and relative URLs). The page's Content
 * Security Policy forbids every script, so even a mistake here could not run one.
 *
 * Paths: a page knows its depth below the site root (index.html 0, people/x.html 1,
 * records/weekly/2026-W10.html 2); links are relative to it, so the site works from file://,
 * a CI artifact or any sub-path of a web server.
 */
#ifndef FR_HTML_H
#define FR_HTML_H

#include <stddef.h>

#include "buf.h"

/* Element text or attribute value; NULL appends nothing. */
void fr_html_esc(fr_buf *b, const char *s);
void fr_html_escn(fr_buf *b, const char *s, size_t n);

/* An href from a page at depth to site_path ("people/李娜.html", "index.html#cards"):
 * "../" per level, then the path percent-encoded (bytes other than A-Z a-z 0-9 - . _ ~ / #
 * become %XX). Appends the value only, without quotes. */
void fr_html_href(fr_buf *b, int depth, const char *site_path);
/* <a href="...">text</a> */
void fr_html_link(fr_buf *b, int depth, const char *site_path, const char *text);

/* A rate as "85.0%" (DOMAIN.md section 2); "—" when has is 0. */
void fr_html_rate(fr_buf *b, double rate, int has);
/* A number as written in a record: integers without decimals, others with up to 15
 * significant digits ("3999", "4.3"). */
void fr_html_num(fr_buf *b, double v);

/* A file name (one path component) for a name from a record: every byte kept (UTF-8 names
 * stay readable) but control characters, a leading '.' and / \\ < > : " | ? * (not allowed
 * on Windows, where a CI artifact may be unpacked), which become '_'; at most 180 bytes, cut
 * at a character boundary; "_" for an empty name. Appends to b. */
void fr_html_file_name(fr_buf *b, const char *name);

typedef struct fr_html_nav {
	const char *label;
	const char *path;        /* site path, as for fr_html_href */
} fr_html_nav;

typedef struct fr_html_head {
	const char *lang;        /* the html lang attribute: "zh-CN" or "en" */
	const char *title;       /* <title> and the page's <h1> */
	const char *site;        /* the site's name (the team), shown in the header and <title> */
	int depth;
	const fr_html_nav *nav;  /* links in the header */
	size_t nnav;
	const char *subtitle;    /* a line under the <h1>, or NULL */
} fr_html_head;

/* Doctype, <head> (charset, viewport, CSP, title, style.css), the header with the navigation,
 * <main> and the <h1>. */
void fr_html_begin(fr_buf *b, const fr_html_head *h);
/* Close <main>, the footer line (escaped; NULL for none), </body></html>. */
void fr_html_end(fr_buf *b, const char *footer);

/* Render Markdown (GFM: tables, task lists, autolinks, strikethrough) to HTML. Headings move
 * down by shift levels (at most h6) so that a body's "# Title" sits under the page's own
 * headings. Raw HTML is left out, links and images to any other scheme (javascript:,
 * vbscript:, data:, file:, ...) are replaced by their text. Returns 0, or -1 when cmark-gfm
 * failed (b unchanged). */
int fr_html_markdown(fr_buf *b, const char *md, size_t len, int shift);
/* Register cmark-gfm's extensions, once, before threads render Markdown (the registration is
 * not thread-safe; fr_html_markdown's own call is then only a read). */
void fr_html_markdown_init(void);

/* The site's stylesheet (style.css). */
extern const char fr_html_css[];

#endif
