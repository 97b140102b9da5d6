/* svg.h - the charts of the HTML site as inline SVG: line chart, bar chart, swimlane
 *
 * Each function appends one <svg> element to b and never prints. Every text is HTML-escaped;
 * coordinates are written with fixed decimals in the C locale, so the same input gives the
 * same bytes. No script, no external resource, no id but the swimlane's one arrow marker:
 * colours are presentation attributes, so a chart reads without the stylesheet too.
 * Rates are fractions (0.85) and are labelled as percents with one decimal ("85.0%").
 * Line and bar charts scale to their container (viewBox, no width); the swimlane keeps its
 * natural size (width and height in px) and is meant to sit in a horizontally scrolling box.
 */
#ifndef FR_SVG_H
#define FR_SVG_H

#include <stddef.h>

#include "buf.h"

/* One line of a line chart: n values, one per x label; has[i] == 0 leaves a gap. */
typedef struct fr_svg_series {
	const char *name;            /* legend text (shown when there are two series or more) */
	const double *v;
	const unsigned char *has;
} fr_svg_series;

typedef struct fr_svg_line {
	const char *title;           /* the chart's accessible name (aria-label) */
	const char *const *x;        /* n x labels (weeks, months) */
	size_t n;
	const fr_svg_series *series;
	size_t nseries;
	double band;                 /* deviation threshold: shades 1 - band .. 1 + band; 0: none */
} fr_svg_line;

/* A rate-over-time chart: y in percent from 0, a dashed line at 100%, the band of reasonable
 * deviation shaded, a dot with a tooltip per known value. n may be 0 (an empty frame). */
void fr_svg_line_chart(fr_buf *b, const fr_svg_line *c);

typedef struct fr_svg_bar {
	const char *label;           /* a person's name */
	double v;                    /* the rate */
	int has;                     /* 0: no rate; note is shown instead of a bar */
	const char *note;            /* e.g. "no actuals reported"; may be NULL */
} fr_svg_bar;

/* Horizontal bars of rates, one row per bar in the given order; a bar whose deviation is over
 * band (|v - 1| > band) is flagged: red below target, orange above, and marked with a
 * triangle after its value. */
void fr_svg_bar_chart(fr_buf *b, const char *title, const fr_svg_bar *bars, size_t n,
		      double band);

/* One activity of a process (DOMAIN.md section 3, process). */
typedef struct fr_svg_step {
	const char *id, *activity, *role, *when;   /* when may be NULL */
	const char *const *next;                    /* nnext step ids */
	size_t nnext;
	const char *yes, *no;                       /* a decision's two exits, or NULL */
} fr_svg_step;

/* A swimlane diagram: one lane per role (in order of first appearance), one column per step
 * (in the given order) with its `when` above, a box per step (a diamond for a decision),
 * arrows for next (grey), yes (green, labelled yes_label) and no (red, dashed, no_label).
 * Arrows to unknown ids are left out. */
void fr_svg_swimlane(fr_buf *b, const char *title, const fr_svg_step *steps, size_t n,
		     const char *yes_label, const char *no_label);

/* "85.0%": a rate as a percent with one decimal (DOMAIN.md section 2). */
void fr_svg_add_percent(fr_buf *b, double rate);

#endif
