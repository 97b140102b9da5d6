/* report.c - `flowrec report`: the handbook's figures and roll-ups as text, CSV, Markdown, JSON */
#include "cmd.h"
#include "date.h"
#include "dueitems.h"
#include "engine.h"
#include "i18n.h"
#include "suggest.h"
#include "jsonout.h"
#include "source.h"
#include "summary.h"
#include "table.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum fmt { F_TEXT, F_CSV, F_JSON, F_MD };

struct out {
	fr_buf *b;
	enum fmt fmt;
	const char *locale;
	const fr_node *sum;
};

#define L(o, s) fr_label((o)->locale, s)

/* ---- reading the summary tree ---- */

static const char *str_of(const fr_node *m, const char *key)
{
	return fr_map_str(m, key);
}

static const char *dash(const char *s)
{
	return s && *s ? s : "-";
}

/* A rate from the tree as a percent ("85.0%"), "-" when null. */
static const char *pct(const fr_node *m, const char *key, char buf[32])
{
	double v;
	if (!fr_map_num(m, key, &v))
		return "-";
	fr_format_percent(buf, v);
	return buf;
}

static const char *num(const fr_node *m, const char *key, char buf[32])
{
	double v;
	if (!fr_map_num(m, key, &v))
		return "-";
	fr_format_number(buf, v);
	return buf;
}

/* A signed deviation as a percent ("+40.0%", "-40.0%"). */
static const char *signed_pct(const fr_node *m, const char *key, char buf[33])
{
	double v;
	if (!fr_map_num(m, key, &v))
		return "-";
	fr_format_percent(buf + 1, v);
	if (buf[1] == '-')
		return buf + 1;
	buf[0] = '+';
	return buf;
}

/* The strings of a sequence joined by ", " into b (emptied first). */
static const char *joined(const fr_node *seq, fr_buf *b)
{
	size_t i;
	fr_buf_reset(b);
	for (i = 0; seq && seq->type == FR_SEQ && i < seq->n; i++) {
		const char *s = fr_node_str(seq->items[i]);
		if (!s)
			s = fr_map_str(seq->items[i], "decision");
		if (!s)
			continue;
		if (b->len)
			fr_buf_adds(b, ", ");
		fr_buf_adds(b, s);
	}
	return b->len ? b->ptr : "-";
}

/* ---- sections ---- */

static void heading(struct out *o, const char *title, const char *note)
{
	if (o->fmt == F_MD) {
		fr_buf_addf(o->b, "\n## %s\n\n", title);
		if (note)
			fr_buf_addf(o->b, "_%s_\n\n", note);
	} else {
		fr_buf_addf(o->b, "\n%s\n", title);
		if (note)
			fr_buf_addf(o->b, "(%s)\n", note);
		fr_buf_addc(o->b, '\n');
	}
}

static void emit(struct out *o, fr_table *t)
{
	if (!fr_table_rows(t)) {
		if (o->fmt == F_MD)
			fr_buf_addf(o->b, "_%s_\n", L(o, "nothing to report"));
		else
			fr_buf_addf(o->b, "  (%s)\n", L(o, "nothing to report"));
	} else if (o->fmt == F_MD) {
		fr_table_md(t, o->b);
	} else {
		fr_table_text(t, o->b, "  ");
	}
	fr_table_free(t);
}

/* The people who have a rate in rows (list of {label, people}), in the summary's order. */
static size_t columns_of(const fr_node *people, const char *which, const char **names, size_t max)
{
	size_t i, n = 0;
	for (i = 0; people && i < people->n && n < max; i++)
		if (fr_node_count(fr_map_get(people->items[i], which)))
			names[n++] = str_of(people->items[i], "person");
	return n;
}

/* A matrix: one row per period, the team rate, then one column per person. */
static void section_rates(struct out *o, const char *title, const char *note, const char *rows_key,
			  const char *label_key, const char *label)
{
	const fr_node *rows = fr_map_get(o->sum, rows_key);
	const char *names[256];
	size_t n = columns_of(fr_map_get(o->sum, "people"), rows_key, names, FR_ARRAY_LEN(names));
	fr_table *t = fr_table_new();
	size_t i, j, k;
	char buf[32];

	heading(o, title, note);
	fr_table_col(t, L(o, label), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Team"), FR_ALIGN_RIGHT);
	for (j = 0; j < n; j++)
		fr_table_col(t, names[j], FR_ALIGN_RIGHT);
	for (i = 0; rows && i < rows->n; i++) {
		const fr_node *row = rows->items[i], *people = fr_map_get(row, "people");
		fr_table_row(t);
		fr_table_cell(t, str_of(row, label_key));
		fr_table_cell(t, pct(row, "team_rate", buf));
		for (j = 0; j < n; j++) {
			const char *cell = "-";
			for (k = 0; people && k < people->n; k++) {
				const char *p = str_of(people->items[k], "person");
				if (p && names[j] && !strcmp(p, names[j])) {
					cell = pct(people->items[k], "rate", buf);
					break;
				}
			}
			fr_table_cell(t, cell);
		}
	}
	emit(o, t);
}

static void section_ontime(struct out *o);

static void section_flagged(struct out *o)
{
	const fr_node *rows = fr_map_get(o->sum, "flagged");
	fr_table *t = fr_table_new();
	size_t i;
	char b1[32], b2[32], b3[32], b4[33];

	heading(o, L(o, "Flagged deviations"), NULL);
	fr_table_col(t, L(o, "Period"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Person"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Item"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Target"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Actual"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Unit"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Rate"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Deviation"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Reason"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Where"), FR_ALIGN_LEFT);
	for (i = 0; rows && i < rows->n; i++) {
		const fr_node *r = rows->items[i];
		double line = 0;
		fr_table_row(t);
		fr_table_cell(t, dash(str_of(r, "period")));
		fr_table_cell(t, dash(str_of(r, "person")));
		fr_table_cell(t, dash(str_of(r, "item")));
		fr_table_cell(t, num(r, "target", b1));
		fr_table_cell(t, num(r, "actual", b2));
		fr_table_cell(t, dash(str_of(r, "unit")));
		fr_table_cell(t, pct(r, "rate", b3));
		fr_table_cell(t, signed_pct(r, "deviation", b4));
		fr_table_cell(t, str_of(r, "reason") ? str_of(r, "reason") : L(o, "none"));
		fr_map_num(r, "line", &line);
		fr_table_cellf(t, "%s:%d", dash(str_of(r, "path")), (int)line);
	}
	emit(o, t);
}

/* A code word (done, red, excellent) in the team's language; "-" when absent. */
static const char *word(struct out *o, const char *s)
{
	return s ? L(o, s) : "-";
}

static void section_cards(struct out *o)
{
	const fr_node *rows = fr_map_get(o->sum, "cards");
	fr_table *t = fr_table_new();
	fr_buf who = FR_BUF_INIT;
	size_t i;
	char b1[32], b2[32], b3[32];

	heading(o, L(o, "Red and yellow cards"), NULL);
	fr_table_col(t, L(o, "Week"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "SKU"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Name"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Card"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Quantity"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Sold"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Sell-through"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Status"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Deadline"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Assignees"), FR_ALIGN_LEFT);
	for (i = 0; rows && i < rows->n; i++) {
		const fr_node *r = rows->items[i];
		fr_table_row(t);
		fr_table_cell(t, dash(str_of(r, "week")));
		fr_table_cell(t, dash(str_of(r, "sku")));
		fr_table_cell(t, dash(str_of(r, "name")));
		fr_table_cell(t, word(o, str_of(r, "card")));
		fr_table_cell(t, num(r, "quantity", b1));
		fr_table_cell(t, num(r, "sold", b2));
		fr_table_cell(t, pct(r, "sell_through", b3));
		fr_table_cell(t, word(o, str_of(r, "status")));
		fr_table_cell(t, dash(str_of(r, "deadline")));
		fr_table_cell(t, joined(fr_map_get(r, "assignees"), &who));
	}
	fr_buf_free(&who);
	emit(o, t);
}

static void section_partners(struct out *o)
{
	const fr_node *rows = fr_map_get(o->sum, "partners");
	fr_table *t = fr_table_new();
	size_t i;
	char b1[32];

	heading(o, L(o, "Partners"), NULL);
	fr_table_col(t, L(o, "Rank"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Partner"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Class"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Month"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "Score"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Grade"), FR_ALIGN_LEFT);
	for (i = 0; rows && i < rows->n; i++) {
		const fr_node *r = rows->items[i];
		fr_table_row(t);
		fr_table_cellf(t, "%zu", i + 1);
		fr_table_cell(t, dash(str_of(r, "partner")));
		fr_table_cell(t, dash(str_of(r, "class")));
		fr_table_cell(t, dash(str_of(r, "month")));
		fr_table_cell(t, num(r, "score", b1));
		fr_table_cell(t, word(o, str_of(r, "grade")));
	}
	emit(o, t);
}

/* The per-record sections: one row per record of a kind, cells from its figures. */
enum cell_type { C_REC, C_PCT, C_NUM, C_STR, C_LIST, C_WORD, C_NEXT_STEP, C_NEXT_DUE };
struct col_spec {
	const char *label;
	enum cell_type type;
	const char *key;     /* C_REC: a key of the record entry; others: of its figures */
};

static void section_records(struct out *o, const char *title, const char *kind,
			    const struct col_spec *cols, size_t ncols)
{
	const fr_node *recs = fr_map_get(o->sum, "records");
	fr_table *t = fr_table_new();
	fr_buf tmp = FR_BUF_INIT;
	size_t i, j;
	char buf[32];

	heading(o, title, NULL);
	for (j = 0; j < ncols; j++)
		fr_table_col(t, L(o, cols[j].label),
			     cols[j].type == C_PCT || cols[j].type == C_NUM ? FR_ALIGN_RIGHT
									   : FR_ALIGN_LEFT);
	for (i = 0; recs && i < recs->n; i++) {
		const fr_node *r = recs->items[i], *fig = fr_map_get(r, "figures");
		const char *k = str_of(r, "kind");
		if (!k || strcmp(k, kind))
			continue;
		fr_table_row(t);
		for (j = 0; j < ncols; j++) {
			const fr_node *next = fr_map_get(fig, "next");
			switch (cols[j].type) {
			case C_REC: fr_table_cell(t, dash(str_of(r, cols[j].key))); break;
			case C_PCT: fr_table_cell(t, pct(fig, cols[j].key, buf)); break;
			case C_NUM: fr_table_cell(t, num(fig, cols[j].key, buf)); break;
			case C_STR: fr_table_cell(t, dash(str_of(fig, cols[j].key))); break;
			case C_WORD: fr_table_cell(t, word(o, str_of(fig, cols[j].key))); break;
			case C_LIST: fr_table_cell(t, joined(fr_map_get(fig, cols[j].key), &tmp)); break;
			case C_NEXT_STEP: fr_table_cell(t, word(o, str_of(next, "step"))); break;
			case C_NEXT_DUE: fr_table_cell(t, dash(str_of(next, "due"))); break;
			}
		}
	}
	fr_buf_free(&tmp);
	emit(o, t);
}

static const struct col_spec product_cols[] = {
	{ N_("Month"), C_REC, "date" }, { N_("Owner"), C_REC, "person" },
	{ N_("Sales rate"), C_PCT, "sales_rate" }, { N_("Profit rate"), C_PCT, "profit_rate" },
};
static const struct col_spec channel_cols[] = {
	{ N_("Month"), C_REC, "date" }, { N_("Specialist"), C_REC, "person" },
	{ N_("Classified"), C_NUM, "classified" }, { N_("Key customer"), C_NUM, "key_customer" },
};
static const struct col_spec onboarding_cols[] = {
	{ N_("Customer"), C_REC, "subject" }, { N_("Owner"), C_REC, "person" },
	{ N_("First pickup"), C_REC, "date" }, { N_("Done"), C_NUM, "done" },
	{ N_("Late"), C_NUM, "late" }, { N_("Next step"), C_NEXT_STEP, NULL },
	{ N_("Due"), C_NEXT_DUE, NULL },
};
static const struct col_spec meeting_cols[] = {
	{ N_("Date"), C_REC, "date" }, { N_("Title"), C_REC, "subject" },
	{ N_("Action completion"), C_PCT, "action_completion" }, { N_("Overdue"), C_LIST, "overdue" },
};
static const struct col_spec process_cols[] = {
	{ N_("Name"), C_REC, "subject" }, { N_("Owner"), C_REC, "person" },
	{ N_("Review score"), C_PCT, "review_score" },
};

static int shows(const char *kind_filter, const char *a, const char *b)
{
	return !kind_filter || !strcmp(kind_filter, a) || (b && !strcmp(kind_filter, b));
}

static void write_tables(struct out *o)
{
	const char *kind = str_of(o->sum, "kind");
	const char *team = str_of(o->sum, "team");
	const char *period = str_of(o->sum, "period"), *person = str_of(o->sum, "person");

	if (o->fmt == F_MD)
		fr_buf_addf(o->b, "# %s: %s\n\n", dash(team), L(o, "Report"));
	else
		fr_buf_addf(o->b, "%s: %s\n", dash(team), L(o, "Report"));
	fr_buf_addf(o->b, "%s: %s%s", L(o, "Period"), period ? period : L(o, "all"),
		    o->fmt == F_MD ? "  \n" : "\n");
	if (person)
		fr_buf_addf(o->b, "%s: %s%s", L(o, "Person"), person, o->fmt == F_MD ? "  \n" : "\n");
	if (kind)
		fr_buf_addf(o->b, "%s: %s%s", L(o, "Kind"), kind, o->fmt == F_MD ? "  \n" : "\n");
	fr_buf_addf(o->b, "%s: %s\n", L(o, "Today"), dash(str_of(o->sum, "today")));

	if (shows(kind, "weekly-meeting", NULL))
		section_rates(o, L(o, "Achievement by week"),
			      L(o, "rates are of the week the tasks were for, reported at the next week's meeting"),
			      "weeks", "week", "Week");
	if (shows(kind, "monthly-plan", NULL))
		section_rates(o, L(o, "Achievement by month"),
			      L(o, "rates are of the month summarised, planned in the month before"),
			      "months", "month", "Month");
	if (shows(kind, "weekly-meeting", "monthly-plan"))
		section_flagged(o);
	if (shows(kind, "cards", NULL))
		section_cards(o);
	if (shows(kind, "partner-scorecard", NULL))
		section_partners(o);
	if (shows(kind, "product-plan", NULL))
		section_records(o, L(o, "Product plans"), "product-plan", product_cols,
				FR_ARRAY_LEN(product_cols));
	if (shows(kind, "channel-service", NULL))
		section_records(o, L(o, "Channel services"), "channel-service", channel_cols,
				FR_ARRAY_LEN(channel_cols));
	if (shows(kind, "onboarding", NULL))
		section_records(o, L(o, "Onboarding"), "onboarding", onboarding_cols,
				FR_ARRAY_LEN(onboarding_cols));
	if (shows(kind, "meeting", NULL))
		section_records(o, L(o, "Meetings"), "meeting", meeting_cols,
				FR_ARRAY_LEN(meeting_cols));
	if (shows(kind, "process", NULL))
		section_records(o, L(o, "Processes"), "process", process_cols,
				FR_ARRAY_LEN(process_cols));
	if (shows(kind, "weekly-meeting", "monthly-plan") || shows(kind, "product-plan", NULL))
		section_ontime(o);
}

/* CSV: the rates table a spreadsheet pivots, one row per period and person:
 * period,person,rate,on_time,judged,on_time_rate. rate is the achievement rate of the tasks or
 * metrics FOR that period (weeks, then months, as the text report labels them); on_time and
 * judged count the deadlines OF that period (its minutes, follow-up or plan: the facts `due`
 * judges, on_time.periods) and on_time_rate is their quotient. The team's row has an empty
 * person; an unknown value is an empty field. Rows by weeks then months, by period, the team
 * first, then people as the rates list them, then people with only on-time figures. */
struct csv_row {
	const char *period, *person;   /* person "" for the team */
	int month;
	size_t seq;
	const fr_node *rate, *ot;      /* the achievement entry (key team_rate or rate), on-time entry */
	int team;
};

static int csv_cmp(const void *pa, const void *pb)
{
	const struct csv_row *a = pa, *b = pb;
	int c;
	if (a->month != b->month)
		return a->month - b->month;
	if ((c = strcmp(a->period, b->period)))
		return c;
	if (a->team != b->team)
		return b->team - a->team;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static struct csv_row *csv_find(struct csv_row *v, size_t n, const char *period, const char *person)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(v[i].period, period) && !strcmp(v[i].person, person))
			return &v[i];
	return NULL;
}

static void write_csv(struct out *o)
{
	static const char *const keys[2][2] = { { "weeks", "week" }, { "months", "month" } };
	const fr_node *otp = fr_map_get(fr_map_get(o->sum, "on_time"), "periods");
	struct csv_row *v;
	size_t k, i, j, n = 0, cap = 1;
	for (k = 0; k < 2; k++) {
		const fr_node *rows = fr_map_get(o->sum, keys[k][0]);
		for (i = 0; rows && i < rows->n; i++)
			cap += 1 + fr_node_count(fr_map_get(rows->items[i], "people"));
	}
	for (i = 0; otp && i < otp->n; i++)
		cap += 1 + fr_node_count(fr_map_get(otp->items[i], "people"));
	v = fr_xmalloc(cap * sizeof(*v));
	for (k = 0; k < 2; k++) {
		const fr_node *rows = fr_map_get(o->sum, keys[k][0]);
		for (i = 0; rows && i < rows->n; i++) {
			const fr_node *row = rows->items[i], *people = fr_map_get(row, "people");
			const char *label = str_of(row, keys[k][1]);
			if (!label)
				continue;
			v[n] = (struct csv_row){ label, "", (int)k, n, row, NULL, 1 };
			n++;
			for (j = 0; people && j < people->n; j++) {
				const char *who = str_of(people->items[j], "person");
				v[n] = (struct csv_row){ label, who ? who : "", (int)k, n, people->items[j], NULL, 0 };
				n++;
			}
		}
	}
	for (i = 0; otp && i < otp->n; i++) {
		const fr_node *row = otp->items[i], *people = fr_map_get(row, "people");
		const char *label = str_of(row, "period");
		int day, month;
		if (!label)
			continue;
		month = fr_week_parse(label, &day) != 0;
		for (j = 0; j <= fr_node_count(people); j++) {
			const fr_node *e = j ? people->items[j - 1] : row;
			const char *who = j ? str_of(e, "person") : "";
			struct csv_row *r;
			if (!who)
				continue;
			if (!(r = csv_find(v, n, label, who))) {
				r = &v[n];
				*r = (struct csv_row){ label, who, month, n, NULL, NULL, !j };
				n++;
			}
			r->ot = e;
		}
	}
	qsort(v, n, sizeof(*v), csv_cmp);
	fr_buf_adds(o->b, "period,person,rate,on_time,judged,on_time_rate\n");
	for (i = 0; i < n; i++) {
		double x;
		fr_csv_field(o->b, v[i].period);
		fr_buf_addc(o->b, ',');
		fr_csv_field(o->b, v[i].person);
		fr_buf_addc(o->b, ',');
		if (v[i].rate && fr_map_num(v[i].rate, v[i].team ? "team_rate" : "rate", &x))
			fr_buf_addf(o->b, "%.4f", x);
		fr_buf_addc(o->b, ',');
		if (v[i].ot && fr_map_num(v[i].ot, "on_time", &x))
			fr_buf_addf(o->b, "%.0f", x);
		fr_buf_addc(o->b, ',');
		if (v[i].ot && fr_map_num(v[i].ot, "judged", &x))
			fr_buf_addf(o->b, "%.0f", x);
		fr_buf_addc(o->b, ',');
		if (v[i].ot && fr_map_num(v[i].ot, "rate", &x))
			fr_buf_addf(o->b, "%.4f", x);
		fr_buf_addc(o->b, '\n');
	}
	free(v);
}

/* ---- timeliness: the facts `due` judges by (history.h), in the summary tree ---- */

static int judged(const fr_fact *x)
{
	return x->status == FR_FACT_ONTIME || x->status == FR_FACT_LATE || x->status == FR_FACT_MISSING;
}

/* Is the fact in the report's selection: the person, the kind, the period's days? */
static int fact_selected(const fr_fact *x, const fr_filter *f, int first, int last)
{
	int day;
	if (f->person && strcmp(x->who, f->person))
		return 0;
	if (f->kind && (!x->kind || strcmp(x->kind, f->kind)))
		return 0;
	if (f->period) {
		if (!x->period || (fr_week_parse(x->period, &day) && fr_month_parse(x->period, &day, NULL)))
			return 0;
		if (day < first || day > last)
			return 0;
	}
	return 1;
}

static fr_node *rate_list(fr_arena *a, const fr_fact *v, size_t n, const fr_config *cfg, size_t *on, size_t *tot)
{
	fr_facts sub = { NULL, (fr_fact *)v, n, n, FR_CLOCK_COMMIT };
	fr_ontime *r = NULL;
	size_t k, nr = fr_facts_rates(&sub, cfg, &r);
	fr_node *seq = fr_node_seq(a);
	*on = *tot = 0;
	for (k = 0; k < nr; k++) {
		fr_node *e = fr_node_map(a);
		fr_map_set(a, e, "person", fr_node_string(a, r[k].person));
		fr_map_set(a, e, "on_time", fr_node_number(a, (double)r[k].on_time));
		fr_map_set(a, e, "judged", fr_node_number(a, (double)r[k].total));
		fr_map_set(a, e, "rate", fr_node_number(a, (double)r[k].on_time / (double)r[k].total));
		fr_seq_push(a, seq, e);
		*on += r[k].on_time;
		*tot += r[k].total;
	}
	free(r);
	return seq;
}

static void set_rate(fr_arena *a, fr_node *m, size_t on, size_t tot)
{
	fr_map_set(a, m, "on_time", fr_node_number(a, (double)on));
	fr_map_set(a, m, "judged", fr_node_number(a, (double)tot));
	fr_map_set(a, m, "rate", tot ? fr_node_number(a, (double)on / (double)tot) : fr_node_null(a));
}

/* Each record entry gets "on_time": true when every deadline of it judged so far was met,
 * false when one was missed, null when none is judged (no commit, no history, not yet due).
 * The tree gets "on_time": {history, people: [{person, on_time, judged, rate}], periods:
 * [{period, on_time, judged, rate, people}]}: the rates `due` prints, of the selection. */
static void add_timeliness(fr_arena *a, fr_node *sum, const fr_team_history *h, const fr_config *cfg,
			   const fr_filter *f, int first, int last)
{
	const fr_node *recs = fr_map_get(sum, "records");
	fr_node *top = fr_node_map(a), *periods = fr_node_seq(a);
	fr_fact *sel = fr_alloc(a, (h->facts.n + 1) * sizeof(*sel));
	size_t i, j, n = 0, on, tot;

	for (i = 0; recs && i < recs->n; i++) {
		fr_node *e = recs->items[i];
		const char *path = fr_map_str(e, "path");
		int state = -1;   /* -1 nothing judged, 1 all on time, 0 one late or missing */
		for (j = 0; path && h->history && j < h->facts.n; j++) {
			const fr_fact *x = &h->facts.v[j];
			if (!x->path || strcmp(x->path, path) || !judged(x) || x->uncommitted || !x->done)
				continue;   /* null while the record has no commit */
			state = x->status == FR_FACT_ONTIME ? (state == 0 ? 0 : 1) : 0;
		}
		fr_map_set(a, e, "on_time", state < 0 ? fr_node_null(a) : fr_node_bool(a, state));
	}
	for (i = 0; h->history && i < h->facts.n; i++)
		if (judged(&h->facts.v[i]) && fact_selected(&h->facts.v[i], f, first, last))
			sel[n++] = h->facts.v[i];
	fr_map_set(a, top, "history", fr_node_bool(a, h->history));
	fr_map_set(a, top, "clock", h->history ? fr_node_string(a, fr_clock_name(h->facts.clock)) : fr_node_null(a));
	fr_map_set(a, top, "people", rate_list(a, sel, n, cfg, &on, &tot));
	set_rate(a, top, on, tot);
	/* by period, in order */
	for (i = 0; i < n; i++) {
		fr_fact *v;
		size_t k = 0;
		fr_node *row;
		for (j = 0; j < i && (!sel[j].period || !sel[i].period || strcmp(sel[j].period, sel[i].period)); j++)
			;
		if (j < i || !sel[i].period)
			continue;   /* seen */
		v = fr_alloc(a, (n + 1) * sizeof(*v));
		for (j = 0; j < n; j++)
			if (sel[j].period && !strcmp(sel[j].period, sel[i].period))
				v[k++] = sel[j];
		row = fr_node_map(a);
		fr_map_set(a, row, "period", fr_node_string(a, sel[i].period));
		fr_map_set(a, row, "people", rate_list(a, v, k, cfg, &on, &tot));
		set_rate(a, row, on, tot);
		for (j = periods->n; j > 0 && strcmp(fr_map_str(periods->items[j - 1], "period"), sel[i].period) > 0; j--)
			;
		fr_seq_push(a, periods, row);
		memmove(&periods->items[j + 1], &periods->items[j], (periods->n - 1 - j) * sizeof(*periods->items));
		periods->items[j] = row;
	}
	fr_map_set(a, top, "periods", periods);
	fr_map_set(a, sum, "on_time", top);
	/* after "threshold", before the lists: readers that take the lists in order keep them */
	for (i = 0; i + 1 < sum->n && strcmp(sum->pairs[i].key->str, "threshold"); i++)
		;
	if (i + 1 < sum->n) {
		fr_pair moved = sum->pairs[sum->n - 1];
		memmove(&sum->pairs[i + 2], &sum->pairs[i + 1], (sum->n - 2 - i) * sizeof(*sum->pairs));
		sum->pairs[i + 1] = moved;
	}
}

static void section_ontime(struct out *o)
{
	const fr_node *ot = fr_map_get(o->sum, "on_time"), *ppl = fr_map_get(ot, "people");
	const fr_node *periods = fr_map_get(ot, "periods");
	const fr_node *hist = fr_map_get(ot, "history");
	const char *clock;
	fr_table *t;
	size_t i;
	char buf[32];

	double judged_n;
	/* text and Markdown show the section when something was judged (JSON always has it) */
	if (!hist || hist->type != FR_BOOL || !hist->boolean || !fr_map_num(ot, "judged", &judged_n) ||
	    judged_n < 1)
		return;
	heading(o, L(o, "On-time rates"),
		L(o, "Of the minutes and plans due so far, how many were first committed by their deadline."));
	clock = str_of(ot, "clock");
	if (clock)
		fr_buf_addf(o->b, o->fmt == F_MD ? "_%s_\n\n" : "(%s)\n\n",
			    L(o, fr_clock_text(!strcmp(clock, "received") ? FR_CLOCK_RECEIVED
					       : !strcmp(clock, "mixed") ? FR_CLOCK_MIXED : FR_CLOCK_COMMIT)));
	t = fr_table_new();
	fr_table_col(t, L(o, "Person"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "On time"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Judged"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "On-time rate"), FR_ALIGN_RIGHT);
	for (i = 0; ppl && i < ppl->n; i++) {
		fr_table_row(t);
		fr_table_cell(t, dash(str_of(ppl->items[i], "person")));
		fr_table_cell(t, num(ppl->items[i], "on_time", buf));
		fr_table_cell(t, num(ppl->items[i], "judged", buf));
		fr_table_cell(t, pct(ppl->items[i], "rate", buf));
	}
	emit(o, t);
	if (!periods || !periods->n)
		return;
	fr_buf_addc(o->b, '\n');
	t = fr_table_new();
	fr_table_col(t, L(o, "Period"), FR_ALIGN_LEFT);
	fr_table_col(t, L(o, "On time"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "Judged"), FR_ALIGN_RIGHT);
	fr_table_col(t, L(o, "On-time rate"), FR_ALIGN_RIGHT);
	for (i = 0; i < periods->n; i++) {
		fr_table_row(t);
		fr_table_cell(t, dash(str_of(periods->items[i], "period")));
		fr_table_cell(t, num(periods->items[i], "on_time", buf));
		fr_table_cell(t, num(periods->items[i], "judged", buf));
		fr_table_cell(t, pct(periods->items[i], "rate", buf));
	}
	emit(o, t);
}

static size_t records_with_errors(const fr_set *s)
{
	size_t i, n = 0;
	for (i = 0; i < s->n; i++)
		n += !s->recs[i]->valid;
	return n;
}

int cmd_report(int argc, char **argv)
{
	const char *format = "text", *today = NULL, *period = NULL, *person = NULL, *kind = NULL;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("format", "text|csv|json|md",
			    N_("text tables (default), csv (period,person,rate,on_time,judged,on_time_rate: weekly and monthly achievement and on-time rates, the team's with an empty person), json, or Markdown"),
			    &format),
		FR_OPT_STR_("period", "2026-03|2026-W10|2026-Q1",
			    N_("only records of a month, ISO week or quarter (weekly rates are of the week before the meeting)"),
			    &period),
		FR_OPT_STR_("person", N_("NAME"), N_("only records where the person appears, and their rates"), &person),
		FR_OPT_STR_("kind", N_("KIND"), N_("only records of one kind (weekly-meeting, cards, ...)"), &kind),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date to judge deadlines by"), &today),
		FR_OPT_END_
	};
	fr_team team;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	fr_arena *a = NULL;
	fr_node *sum = NULL;
	fr_filter filter;
	fr_buf b = FR_BUF_INIT;
	fr_team_history hist;
	struct out o;
	enum fmt fmt;
	size_t bad;
	int rc, first, last;

	rc = fr_parse_options("report",
			      N_("[--format text|csv|json|md] [--period P] [--person NAME] [--kind KIND] [--today DATE]"),
			      opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (argc > 0)
		return fr_usage_error("report", _("report takes no operands, not '%s'"), argv[0]);
	if (!strcmp(format, "text"))
		fmt = F_TEXT;
	else if (!strcmp(format, "csv"))
		fmt = F_CSV;
	else if (!strcmp(format, "json"))
		fmt = F_JSON;
	else if (!strcmp(format, "md") || !strcmp(format, "markdown"))
		fmt = F_MD;
	else
		return fr_usage_error("report", _("--format is text, csv, json or md, not '%s'"), format);
	if (period && fr_period_parse(period, &first, &last))
		return fr_usage_error("report",
				      _("--period wants a month (2026-03), an ISO week (2026-W10) or a quarter (2026-Q1), not '%s'"),
				      period);
	if (kind && !fr_kind_find(kind)) {
		const char *names[32], *guess;
		size_t n;
		for (n = 0; fr_kinds[n] && n < FR_ARRAY_LEN(names); n++)
			names[n] = fr_kinds[n]->name;
		if ((guess = fr_suggest(kind, names, n, sizeof(names[0]))))
			return fr_usage_error("report", _("--kind: unknown kind '%s'; did you mean '%s'?"), kind, guess);
		return fr_usage_error("report", _("--kind: unknown kind '%s'"), kind);
	}
	if ((rc = fr_team_open(&team, "report", today)))
		return rc;
	rc = FR_EXIT_FAIL;
	if (person && !fr_config_person(team.cfg, person)) {
		fr_usage_error("report", _("--person: '%s' is not in the team's roster ('people' in flowrec.yaml)"),
			       person);
		goto done;
	}

	if (fr_files_from_dir(&files, team.root, &d)) {
		/* unreadable files: say so once, report on the rest */
		fr_die_msg(_("some record files could not be read; run 'flowrec check'"));
	}
	fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	bad = records_with_errors(set);
	if (bad == 1)
		fr_die_msg("%s", _("1 record has errors; run 'flowrec check'"));
	else if (bad)
		fr_die_msg(_("%zu records have errors; run 'flowrec check'"), bad);

	filter.period = period;
	filter.person = person;
	filter.kind = kind;
	a = fr_arena_new();
	if (fr_summary(&sum, set, &filter, a))
		goto done; /* cannot happen: the period was checked above */
	git_libgit2_init();
	fr_team_timeliness(&hist, &team, set, today ? fr_due_end_of_day(team.today) : (long long)time(NULL));
	if (!period)
		first = last = 0;
	add_timeliness(a, sum, &hist, team.cfg, &filter, first, last);
	fr_team_history_free(&hist);
	git_libgit2_shutdown();

	o.b = &b;
	o.fmt = fmt;
	o.locale = fr_i18n_doc_lang(team.cfg->locale);
	o.sum = sum;
	if (fmt == F_JSON) {
		fr_json_write(&b, sum);
		fr_buf_addc(&b, '\n');
	} else if (fmt == F_CSV) {
		write_csv(&o);
	} else {
		write_tables(&o);
	}
	fwrite(b.ptr, 1, b.len, stdout);
	rc = FR_EXIT_OK;
done:
	fr_buf_free(&b);
	fr_arena_free(a);
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_team_close(&team);
	return rc;
}
