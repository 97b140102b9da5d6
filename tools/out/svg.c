/* svg.c - line chart, bar chart and swimlane as inline SVG for the HTML site */
#include "svg.h"
#include "html.h"
#include "node.h"
#include "table.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FONT "font-family=\"sans-serif\""

static const char *const C_AXIS = "#888888";
static const char *const C_GRID = "#e3e3e3";
static const char *const C_BAND = "#e6f4ea";
static const char *const C_TEXT = "#333333";
static const char *const C_OK = "#2e7d32";
static const char *const C_LOW = "#c62828";
static const char *const C_HIGH = "#e07b00";
static const char *const C_SERIES[] = { "#1f6fb2", "#e07b00", "#6a3d9a", "#2e7d32" };
static const char *const C_DASH[] = { "", " stroke-dasharray=\"6 4\"", " stroke-dasharray=\"2 3\"",
				       " stroke-dasharray=\"8 3 2 3\"" };

/* "%.1f" of v, without printf (the same bytes: table.h) */
static void add1(fr_buf *b, double v)
{
	char out[32];
	fr_buf_add(b, out, fr_format_fixed(out, v, 1));
}

static void esc(fr_buf *b, const char *s)
{
	fr_html_esc(b, s);   /* escaped, control characters dropped */
}

void fr_svg_add_percent(fr_buf *b, double rate)
{
	char out[32];
	if (!isfinite(rate)) {
		fr_buf_adds(b, "\xe2\x80\x94");   /* an em dash */
		return;
	}
	fr_format_percent(out, rate);   /* as report shows it */
	fr_buf_adds(b, out);
}

/* Approximate width in px of text at a font size: a wide (CJK) character is one em, a narrow
 * one a little over half. Good enough to place labels and wrap. */
static double text_px(const char *s, size_t n, double size)
{
	return (double)fr_utf8_width(s, n) * size * 0.55;
}

static size_t u8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	if ((c & 0xf8) == 0xf0)
		return 4;
	return 1;
}

/* Does a character that must not start a line start at q (CJK closing punctuation)? It then
 * stays on the line before, one column over. */
static int closing_punct(const char *q, const char *end)
{
	static const char *const p[] = { "\xef\xbc\x8c", "\xe3\x80\x82", "\xe3\x80\x81",
					 "\xef\xbc\x9b", "\xef\xbc\x9a", "\xef\xbc\x81",
					 "\xef\xbc\x9f", "\xef\xbc\x89", "\xe3\x80\x8d",
					 "\xe3\x80\x8f", "\xe2\x80\x9d" };   /* ，。、；：！？）」』” */
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(p); i++)
		if ((size_t)(end - q) >= strlen(p[i]) && !memcmp(q, p[i], strlen(p[i])))
			return 1;
	return *q == ',' || *q == '.' || *q == ';' || *q == ':' || *q == ')';
}

/* Split s into at most maxlines lines of at most cols display columns, breaking after a space
 * when a line has one, else between any two characters; an ellipsis ends cut text. Each line
 * is one <tspan> under a <text> centred on (x, y) as a block of lines lh apart. */
static void wrapped_text(fr_buf *b, double x, double y, const char *s, size_t cols,
			 int maxlines, double size, double lh, const char *attrs)
{
	const char *starts[8], *ends[8];
	int nl = 0, i;
	const char *p = s, *end;

	if (!s)
		return;
	end = s + strlen(s);
	if (maxlines > 8)
		maxlines = 8;
	while (p < end && nl < maxlines) {
		const char *q = p, *space = NULL;
		size_t w = 0;
		while (q < end && *q == ' ')
			q++;
		p = q;
		while (q < end) {
			size_t cl = u8_len((unsigned char)*q), cw;
			if (q + cl > end)
				cl = (size_t)(end - q);
			cw = fr_utf8_width(q, cl);
			if (w + cw > cols && !(q > p && closing_punct(q, end)))
				break;
			if (*q == ' ')
				space = q;
			w += cw;
			q += cl;
		}
		if (q == p) {   /* one character wider than the line: take it anyway */
			q += u8_len((unsigned char)*q);
			if (q > end)
				q = end;
		}
		if (q < end && space && space > p && (unsigned char)*q < 0x80 && *q != ' ')
			q = space;
		starts[nl] = p;
		ends[nl] = q;
		nl++;
		p = q;
	}
	if (!nl)
		return;
	fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"middle\" fill=\"%s\" " FONT "%s>",
		    x, y - lh * (nl - 1) / 2 + size * 0.35, size, C_TEXT, attrs ? attrs : "");
	for (i = 0; i < nl; i++) {
		fr_buf_addf(b, "<tspan x=\"%.1f\"", x);
		if (i)
			fr_buf_addf(b, " dy=\"%.1f\"", lh);
		fr_buf_adds(b, ">");
		fr_html_escn(b, starts[i], (size_t)(ends[i] - starts[i]));
		if (i == nl - 1 && p < end)
			fr_buf_adds(b, "\xe2\x80\xa6");   /* the text goes on */
		fr_buf_adds(b, "</tspan>");
	}
	fr_buf_adds(b, "</text>");
}

/* s, cut with an ellipsis to at most cols display columns. */
static void fitted(fr_buf *b, const char *s, size_t cols)
{
	const char *p = s;
	size_t n = strlen(s), w = 0;
	if (fr_utf8_width(s, n) <= cols) {
		esc(b, s);
		return;
	}
	while (*p) {
		size_t cl = u8_len((unsigned char)*p), cw;
		if (cl > (size_t)(s + n - p))
			cl = (size_t)(s + n - p);
		cw = fr_utf8_width(p, cl);
		if (w + cw + 1 > cols)
			break;
		w += cw;
		p += cl;
	}
	fr_html_escn(b, s, (size_t)(p - s));
	fr_buf_adds(b, "\xe2\x80\xa6");
}

/* The top of a y scale for rates: at least 150%, in steps of 25%, at most 1000%. */
static double rate_scale_max(double m, double band, double *tick)
{
	double top = m;
	if (top < 1.5)
		top = 1.5;
	if (top < 1 + band)
		top = 1 + band;
	if (top > 10)
		top = 10;
	top = ceil(top * 4 - 1e-9) / 4;
	*tick = top <= 1.5 ? 0.25 : top <= 3 ? 0.5 : top <= 6 ? 1 : 2;
	top = ceil(top / *tick - 1e-9) * *tick;
	return top;
}

static void open_svg(fr_buf *b, double w, double h, const char *title, int natural)
{
	fr_buf_adds(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"");
	fr_buf_adds(b, natural ? "diagram" : "chart");
	fr_buf_addf(b, "\" viewBox=\"0 0 %.0f %.0f\"", w, h);
	if (natural)
		fr_buf_addf(b, " width=\"%.0f\" height=\"%.0f\"", w, h);
	fr_buf_adds(b, " role=\"img\" aria-label=\"");
	esc(b, title);
	fr_buf_adds(b, "\"><title>");
	esc(b, title);
	fr_buf_adds(b, "</title>\n");
}

void fr_svg_line_chart(fr_buf *b, const fr_svg_line *c)
{
	const double W = 640, ml = 48, mr = 16, mb = 34, pad = 14;
	double mt = 12, H = 250, top, tick, t, m = 0, pw, ph, step, lw = 0;
	size_t i, s, every;

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->n; i++)
			if (c->series[s].has[i] && isfinite(c->series[s].v[i]) && c->series[s].v[i] > m)
				m = c->series[s].v[i];
	top = rate_scale_max(m, c->band, &tick);
	if (c->nseries > 1)
		mt += 20;
	pw = W - ml - mr;
	ph = H - mt - mb;
#define Y(v) (mt + ph - ((v) > top ? top : (v) < 0 ? 0 : (v)) / top * ph)
#define X(i) (c->n > 1 ? ml + pad + (double)(i) * (pw - 2 * pad) / (double)(c->n - 1) : ml + pw / 2)

	open_svg(b, W, H, c->title, 0);
	if (c->band > 0)
		fr_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
			    ml, Y(1 + c->band), pw, Y(1 - c->band) - Y(1 + c->band), C_BAND);
	for (t = 0; t <= top + 1e-9; t += tick) {
		fr_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
			    ml, Y(t), ml + pw, Y(t), fabs(t - 1) < 1e-9 ? C_AXIS : C_GRID);
		fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\" " FONT ">%.0f%%</text>\n",
			    ml - 6, Y(t) + 4, C_TEXT, t * 100);
	}
	fr_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>\n",
		    ml, Y(1), ml + pw, Y(1), C_AXIS);
	fr_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
		    ml, mt + ph, ml + pw, mt + ph, C_AXIS);

	/* x labels: as many as fit, always the last one */
	for (i = 0; i < c->n; i++) {
		double w = text_px(c->x[i], strlen(c->x[i]), 11);
		if (w > lw)
			lw = w;
	}
	step = c->n > 1 ? (pw - 2 * pad) / (double)(c->n - 1) : pw;
	every = (size_t)ceil((lw + 8) / (step > 1 ? step : 1));
	if (every < 1)
		every = 1;
	for (i = 0; i < c->n; i++) {
		if ((c->n - 1 - i) % every)
			continue;
		fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\" " FONT ">",
			    X(i), mt + ph + 16, C_TEXT);
		esc(b, c->x[i]);
		fr_buf_adds(b, "</text>\n");
	}

	for (s = 0; s < c->nseries; s++) {
		const fr_svg_series *se = &c->series[s];
		const char *col = C_SERIES[s % FR_ARRAY_LEN(C_SERIES)];
		int open = 0;
		/* the line, split where a value is missing */
		for (i = 0; i <= c->n; i++) {
			int known = i < c->n && se->has[i] && isfinite(se->v[i]);
			if (known) {
				if (!open)
					fr_buf_adds(b, "<polyline fill=\"none\" points=\"");
				else
					fr_buf_addc(b, ' ');
				add1(b, X(i));
				fr_buf_addc(b, ',');
				add1(b, Y(se->v[i]));
				open++;
			} else if (open) {
				fr_buf_addf(b, "\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", col,
					    C_DASH[s % FR_ARRAY_LEN(C_DASH)]);
				open = 0;
			}
		}
		for (i = 0; i < c->n; i++) {
			if (!se->has[i] || !isfinite(se->v[i]))
				continue;
			fr_buf_adds(b, "<circle cx=\"");
			add1(b, X(i));
			fr_buf_adds(b, "\" cy=\"");
			add1(b, Y(se->v[i]));
			fr_buf_adds(b, "\" r=\"3.5\" fill=\"");
			fr_buf_adds(b, col);
			fr_buf_adds(b, "\"><title>");
			if (c->nseries > 1) {
				esc(b, se->name);
				fr_buf_adds(b, " ");
			}
			esc(b, c->x[i]);
			fr_buf_adds(b, ": ");
			fr_svg_add_percent(b, se->v[i]);
			fr_buf_adds(b, "</title></circle>\n");
			if (c->nseries == 1 && c->n <= 12) {
				fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" fill=\"%s\" " FONT ">",
					    X(i), Y(se->v[i]) - 8, C_TEXT);
				fr_svg_add_percent(b, se->v[i]);
				fr_buf_adds(b, "</text>\n");
			}
		}
	}
	if (c->nseries > 1) {
		double lx = ml;
		for (s = 0; s < c->nseries; s++) {
			const char *col = C_SERIES[s % FR_ARRAY_LEN(C_SERIES)];
			fr_buf_addf(b, "<line x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" y2=\"14\" stroke=\"%s\" stroke-width=\"2\"%s/>",
				    lx, lx + 22, col, C_DASH[s % FR_ARRAY_LEN(C_DASH)]);
			fr_buf_addf(b, "<text x=\"%.1f\" y=\"18\" font-size=\"11\" fill=\"%s\" " FONT ">", lx + 28, C_TEXT);
			esc(b, c->series[s].name);
			fr_buf_adds(b, "</text>\n");
			lx += 28 + text_px(c->series[s].name, strlen(c->series[s].name), 11) + 20;
		}
	}
	fr_buf_adds(b, "</svg>\n");
#undef X
#undef Y
}

void fr_svg_bar_chart(fr_buf *b, const char *title, const fr_svg_bar *bars, size_t n, double band)
{
	const double W = 640, row = 28, mt = 8, mb = 26, vr = 96;
	double lc = 40, m = 0, top, tick, t, x0, pw, H;
	size_t i;

	for (i = 0; i < n; i++) {
		double w = text_px(bars[i].label, strlen(bars[i].label), 12) + 12;
		if (w > lc)
			lc = w;
		if (bars[i].has && isfinite(bars[i].v) && bars[i].v > m)
			m = bars[i].v;
	}
	if (lc > 170)
		lc = 170;
	top = rate_scale_max(m, band, &tick);
	x0 = lc;
	pw = W - lc - vr;
	H = mt + row * (double)n + mb;
#define XV(v) (x0 + ((v) > top ? top : (v) < 0 ? 0 : (v)) / top * pw)

	open_svg(b, W, H, title, 0);
	if (band > 0)
		fr_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
			    XV(1 - band), mt, XV(1 + band) - XV(1 - band), row * (double)n, C_BAND);
	for (t = 0; t <= top + 1e-9; t += tick) {
		fr_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
			    XV(t), mt, XV(t), mt + row * (double)n, C_GRID);
		fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" fill=\"%s\" " FONT ">%.0f%%</text>\n",
			    XV(t), mt + row * (double)n + 16, C_TEXT, t * 100);
	}
	for (i = 0; i < n; i++) {
		const fr_svg_bar *bar = &bars[i];
		double y = mt + row * (double)i;
		fr_buf_addf(b, "<g><text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" fill=\"%s\" " FONT ">",
			    lc - 8, y + row / 2 + 4, C_TEXT);
		fitted(b, bar->label, (size_t)((lc - 12) / (12 * 0.55)));
		fr_buf_adds(b, "</text>");
		if (bar->has && isfinite(bar->v)) {
			int flagged = fabs(bar->v - 1) > band + 1e-12 && band > 0;
			const char *col = !flagged ? C_OK : bar->v < 1 ? C_LOW : C_HIGH;
			fr_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>",
				    x0, y + (row - 16) / 2, XV(bar->v) - x0, col);
			esc(b, bar->label);
			fr_buf_adds(b, ": ");
			fr_svg_add_percent(b, bar->v);
			fr_buf_adds(b, "</title></rect>");
			fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"%s\" " FONT ">",
				    XV(bar->v) + 6, y + row / 2 + 4, flagged ? col : C_TEXT);
			fr_svg_add_percent(b, bar->v);
			if (flagged)
				fr_buf_adds(b, bar->v < 1 ? " \xe2\x96\xbc" : " \xe2\x96\xb2");   /* ▼ ▲ */
			fr_buf_adds(b, "</text>");
		} else {
			fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"%s\" " FONT ">",
				    x0 + 6, y + row / 2 + 4, C_AXIS);
			esc(b, bar->note ? bar->note : "\xe2\x80\x94");
			fr_buf_adds(b, "</text>");
		}
		fr_buf_adds(b, "</g>\n");
	}
	fr_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>\n",
		    XV(1), mt - 4, XV(1), mt + row * (double)n + 2, C_AXIS);
	fr_buf_adds(b, "</svg>\n");
#undef XV
}

/* ---- swimlane ---- */

#define SL_HDR 92.0     /* lane header column */
#define SL_TOP 26.0     /* `when` row */
#define SL_X0 (SL_HDR + 8)
#define SL_COLW 184.0
#define SL_LANEH 116.0
#define SL_BOXW 140.0
#define SL_BOXH 60.0
#define SL_DIAW 168.0
#define SL_DIAH 80.0

static int step_index(const fr_svg_step *steps, size_t n, const char *id)
{
	size_t i;
	if (!id)
		return -1;
	for (i = 0; i < n; i++)
		if (steps[i].id && !strcmp(steps[i].id, id))
			return (int)i;
	return -1;
}

struct lanes {
	const char **role;
	size_t n;
	int *top_used, *bottom_used;   /* edges routed along each lane's channels so far */
};

static size_t lane_of(const struct lanes *l, const char *role)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		if (!strcmp(l->role[i], role ? role : ""))
			return i;
	return 0;
}

static void edge(fr_buf *b, const fr_svg_step *steps, const struct lanes *l, int *gap_used,
		 int *top_used, int *bottom_used, int from, int to, int kind, const char *label)
{
	static const char *const color[] = { "#666666", C_OK, C_LOW };
	size_t lf = lane_of(l, steps[from].role), lt = lane_of(l, steps[to].role);
	int dec_f = steps[from].yes || steps[from].no, dec_t = steps[to].yes || steps[to].no;
	double cxf = SL_X0 + SL_COLW * from + SL_COLW / 2, cxt = SL_X0 + SL_COLW * to + SL_COLW / 2;
	double cyf = SL_TOP + SL_LANEH * (double)lf + SL_LANEH / 2;
	double cyt = SL_TOP + SL_LANEH * (double)lt + SL_LANEH / 2;
	double hwf = (dec_f ? SL_DIAW : SL_BOXW) / 2, hwt = (dec_t ? SL_DIAW : SL_BOXW) / 2;
	double hhf = (dec_f ? SL_DIAH : SL_BOXH) / 2;
	double lx, ly;

	fr_buf_addf(b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s marker-end=\"url(#fr-arrow-%d)\" d=\"",
		    color[kind], kind == 2 ? " stroke-dasharray=\"5 3\"" : "", kind);
	if (to == from + 1) {
		/* the next column: across the gap between them */
		double gx = SL_X0 + SL_COLW * to - 4 + 4 * (gap_used[to]++ % 3);
		if (lf == lt)
			fr_buf_addf(b, "M%.1f %.1fH%.1f", cxf + hwf, cyf, cxt - hwt - 2);
		else
			fr_buf_addf(b, "M%.1f %.1fH%.1fV%.1fH%.1f", cxf + hwf, cyf, gx, cyt, cxt - hwt - 2);
		lx = cxf + hwf + 3;
		ly = cyf - 5;
	} else if (to > from) {
		/* forward over other columns: along the top channel of the target's lane */
		double g1 = SL_X0 + SL_COLW * (from + 1) - 4 + 4 * (gap_used[from + 1]++ % 3);
		double g2 = SL_X0 + SL_COLW * to - 4 + 4 * (gap_used[to]++ % 3);
		double ch = SL_TOP + SL_LANEH * (double)lt + 6 + 4 * (top_used[lt]++ % 4);
		fr_buf_addf(b, "M%.1f %.1fH%.1fV%.1fH%.1fV%.1fH%.1f", cxf + hwf, cyf, g1, ch, g2, cyt,
			    cxt - hwt - 2);
		lx = cxf + hwf + 3;
		ly = cyf - 5;
	} else {
		/* back (or to itself): down to the bottom channel of its lane, left, into the target */
		double ch = SL_TOP + SL_LANEH * (double)(lf + 1) - 6 - 4 * (bottom_used[lf]++ % 4);
		double g = SL_X0 + SL_COLW * to - 4 + 4 * (gap_used[to]++ % 3);
		fr_buf_addf(b, "M%.1f %.1fV%.1fH%.1fV%.1fH%.1f", cxf, cyf + hhf, ch, g, cyt, cxt - hwt - 2);
		lx = cxf + 4;
		ly = cyf + hhf + 12;
	}
	fr_buf_adds(b, "\"/>");
	if (label) {
		fr_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\" " FONT ">", lx, ly,
			    color[kind]);
		esc(b, label);
		fr_buf_adds(b, "</text>");
	}
	fr_buf_adds(b, "\n");
}

void fr_svg_swimlane(fr_buf *b, const char *title, const fr_svg_step *steps, size_t n,
		     const char *yes_label, const char *no_label)
{
	struct lanes l = { NULL, 0, NULL, NULL };
	int *gap_used;
	double W, H;
	size_t i, j;
	int k;

	l.role = fr_xcalloc(n + 1, sizeof(*l.role));
	for (i = 0; i < n; i++) {
		const char *r = steps[i].role ? steps[i].role : "";
		for (j = 0; j < l.n; j++)
			if (!strcmp(l.role[j], r))
				break;
		if (j == l.n)
			l.role[l.n++] = r;
	}
	if (!l.n)
		l.role[l.n++] = "";
	l.top_used = fr_xcalloc(l.n, sizeof(int));
	l.bottom_used = fr_xcalloc(l.n, sizeof(int));
	gap_used = fr_xcalloc(n + 2, sizeof(int));
	W = SL_X0 + SL_COLW * (double)(n ? n : 1) + 8;
	H = SL_TOP + SL_LANEH * (double)l.n + 2;

	open_svg(b, W, H, title, 1);
	fr_buf_adds(b, "<defs>");
	for (k = 0; k < 3; k++)
		fr_buf_addf(b, "<marker id=\"fr-arrow-%d\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"%s\"/></marker>",
			    k, k == 0 ? "#666666" : k == 1 ? C_OK : C_LOW);
	fr_buf_adds(b, "</defs>\n");
	/* lanes */
	for (j = 0; j < l.n; j++) {
		double y = SL_TOP + SL_LANEH * (double)j;
		fr_buf_addf(b, "<rect x=\"0\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#c9d1dc\"/>",
			    y, W, SL_LANEH, j % 2 ? "#ffffff" : "#f5f8fc");
		fr_buf_addf(b, "<rect x=\"0\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#e4ebf5\" stroke=\"#c9d1dc\"/>",
			    y, SL_HDR, SL_LANEH);
		wrapped_text(b, SL_HDR / 2, y + SL_LANEH / 2, l.role[j], 12, 4, 12, 15, " font-weight=\"bold\"");
		fr_buf_adds(b, "\n");
	}
	/* the `when` row */
	fr_buf_addf(b, "<rect x=\"0\" y=\"0\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\" stroke=\"#c9d1dc\"/>\n",
		    W, SL_TOP);
	for (i = 0; i < n; i++)
		if (steps[i].when)
			wrapped_text(b, SL_X0 + SL_COLW * (double)i + SL_COLW / 2, SL_TOP / 2, steps[i].when, 26,
				     1, 11, 13, NULL);
	fr_buf_adds(b, "\n");
	/* edges under the boxes */
	for (i = 0; i < n; i++) {
		int t;
		for (j = 0; j < steps[i].nnext; j++)
			if ((t = step_index(steps, n, steps[i].next[j])) >= 0)
				edge(b, steps, &l, gap_used, l.top_used, l.bottom_used, (int)i, t, 0, NULL);
		if ((t = step_index(steps, n, steps[i].yes)) >= 0)
			edge(b, steps, &l, gap_used, l.top_used, l.bottom_used, (int)i, t, 1, yes_label);
		if ((t = step_index(steps, n, steps[i].no)) >= 0)
			edge(b, steps, &l, gap_used, l.top_used, l.bottom_used, (int)i, t, 2, no_label);
	}
	/* boxes */
	for (i = 0; i < n; i++) {
		const fr_svg_step *s = &steps[i];
		double cx = SL_X0 + SL_COLW * (double)i + SL_COLW / 2;
		double cy = SL_TOP + SL_LANEH * (double)lane_of(&l, s->role) + SL_LANEH / 2;
		int dec = s->yes || s->no;
		fr_buf_adds(b, "<g><title>");
		esc(b, s->id);
		fr_buf_adds(b, ": ");
		esc(b, s->activity);
		if (s->role) {
			fr_buf_adds(b, " \xe2\x80\x94 ");
			esc(b, s->role);
		}
		if (s->when) {
			fr_buf_adds(b, ", ");
			esc(b, s->when);
		}
		fr_buf_adds(b, "</title>");
		if (dec)
			fr_buf_addf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fz\" fill=\"#fff8e1\" stroke=\"#b7892b\" stroke-width=\"1.5\"/>",
				    cx - SL_DIAW / 2, cy, cx, cy - SL_DIAH / 2, cx + SL_DIAW / 2, cy, cx,
				    cy + SL_DIAH / 2);
		else
			fr_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"#ffffff\" stroke=\"#1f6fb2\" stroke-width=\"1.5\"/>",
				    cx - SL_BOXW / 2, cy - SL_BOXH / 2, SL_BOXW, SL_BOXH);
		if (dec)
			wrapped_text(b, cx, cy, s->activity, 14, 3, 11, 13, NULL);
		else
			wrapped_text(b, cx, cy, s->activity, 20, 3, 12, 15, NULL);
		fr_buf_adds(b, "</g>\n");
	}
	fr_buf_adds(b, "</svg>\n");
	free(l.role);
	free(l.top_used);
	free(l.bottom_used);
	free(gap_used);
}
