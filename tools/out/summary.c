/* summary.c - the roll-ups of a snapshot: one tree that report and render both read */
#include "summary.h"
#include "date.h"
#include "rate.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* ---- periods ---- */

int fr_period_parse(const char *p, int *first, int *last)
{
	int f, n, y = 0, i;
	if (!p)
		return -1;
	if (strlen(p) == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4') {
		for (i = 0; i < 4; i++) {
			if (p[i] < '0' || p[i] > '9')
				return -1;
			y = y * 10 + (p[i] - '0');
		}
		f = fr_date_from_ymd(y, (p[6] - '1') * 3 + 1, 1);
		*first = f;
		*last = fr_month_add(f, 3) - 1;
		return 0;
	}
	if (!fr_month_parse(p, &f, &n)) {
		*first = f;
		*last = f + n - 1;
		return 0;
	}
	if (!fr_week_parse(p, &f)) {
		*first = f;
		*last = f + 6;
		return 0;
	}
	return -1;
}

int fr_period_contains(const char *period, int day)
{
	int first, last;
	if (fr_period_parse(period, &first, &last))
		return 0;
	return day >= first && day <= last;
}

/* ---- what each kind is placed by, owned by and named by ---- */

struct kind_info {
	const char *kind;
	const char *date;          /* field that places the record in time (NULL: always in) */
	int date_is;               /* 'w' week, 'm' month, 'd' date */
	const char *person;        /* the owner field, shown beside the record */
	const char *subject;       /* what the record is about, beside its key */
	const char *const *match;  /* fr_node_walk paths where --person must appear */
};

static const char *const m_weekly[] = { "reports[].person", NULL };
static const char *const m_cards[] = { "products[].assignees[]", NULL };
static const char *const m_monthly[] = { "person", NULL };
static const char *const m_owner[] = { "owner", NULL };
static const char *const m_scorer[] = { "scorer", NULL };
static const char *const m_specialist[] = { "specialist", NULL };
static const char *const m_meeting[] = { "host", "invited[]", "present[]", "decisions[].owner", NULL };

static const struct kind_info kinds[] = {
	{ "weekly-meeting", "week", 'w', "host", NULL, m_weekly },
	{ "cards", "week", 'w', NULL, NULL, m_cards },
	{ "monthly-plan", "month", 'm', "person", NULL, m_monthly },
	{ "product-plan", "month", 'm', "owner", NULL, m_owner },
	{ "partner-scorecard", "month", 'm', "scorer", "partner", m_scorer },
	{ "channel-service", "month", 'm', "specialist", NULL, m_specialist },
	{ "onboarding", "first_pickup", 'd', "owner", "customer", m_owner },
	{ "meeting", "date", 'd', "host", "title", m_meeting },
	{ "process", NULL, 0, "owner", "name", m_owner },
};

static const struct kind_info *info_of(const fr_record *r)
{
	size_t i;
	for (i = 0; r->k && i < FR_ARRAY_LEN(kinds); i++)
		if (!strcmp(kinds[i].kind, r->k->name))
			return &kinds[i];
	return NULL;
}

/* The day a record is placed at, or FR_NO_DATE when its field is missing or malformed. */
static int record_day(const fr_record *r, const struct kind_info *ki)
{
	const char *s = ki && ki->date ? fr_map_str(r->fm, ki->date) : NULL;
	int day;
	if (!s)
		return FR_NO_DATE;
	if (ki->date_is == 'w' && !fr_week_parse(s, &day))
		return day;
	if (ki->date_is == 'm' && !fr_month_parse(s, &day, NULL))
		return day;
	if (ki->date_is == 'd' && !fr_date_parse(s, &day))
		return day;
	return FR_NO_DATE;
}

struct match {
	const char *name;
	int found;
};

static void match_person(void *ud, const fr_node *n)
{
	struct match *m = ud;
	if (n->type == FR_STRING && !strcmp(n->str, m->name))
		m->found = 1;
}

static int record_has_person(const fr_record *r, const struct kind_info *ki, const char *person)
{
	struct match m = { person, 0 };
	const char *const *p;
	for (p = ki->match; *p && !m.found; p++)
		fr_node_walk(r->fm, *p, match_person, &m);
	return m.found;
}

/* Is r in the filter? The roll-ups ask without the person (a team rate is the whole team's). */
static int record_selected(const fr_record *r, const fr_filter *f, int by_person)
{
	const struct kind_info *ki = info_of(r);
	if (!r->fm || r->fm->type != FR_MAP || !ki)
		return 0;
	if (f->kind && strcmp(f->kind, r->k->name))
		return 0;
	if (f->period && ki->date && !fr_period_contains(f->period, record_day(r, ki)))
		return 0;
	if (by_person && f->person && !record_has_person(r, ki, f->person))
		return 0;
	return 1;
}

/* ---- small builders ---- */

static fr_node *str_or_null(fr_arena *a, const char *s)
{
	return s ? fr_node_string(a, s) : fr_node_null(a);
}

static fr_node *num_or_null(fr_arena *a, int has, double v)
{
	return has && isfinite(v) ? fr_node_number(a, v) : fr_node_null(a);
}

/* Index of a person in the roster; names outside it come after everyone in it. */
static size_t roster_index(const fr_config *cfg, const char *name)
{
	size_t i;
	for (i = 0; name && i < cfg->npeople; i++)
		if (!strcmp(cfg->people[i].name, name))
			return i;
	return cfg->npeople;
}

/* The key of a record as text, key fields joined by a space ("2026-04 李娜"). */
static const char *record_title(const fr_record *r, fr_arena *a)
{
	const char *const *k;
	const char *t = "";
	for (k = r->k && r->k->key ? r->k->key : NULL; k && *k; k++) {
		const fr_node *n = fr_map_get(r->fm, *k);
		const char *part = fr_node_str(n);
		if (!part && n && n->type == FR_NUMBER)
			part = fr_asprintf(a, "%g", n->num);
		if (!part)
			continue;
		t = *t ? fr_asprintf(a, "%s %s", t, part) : fr_strdup(a, part);
	}
	return t;
}

/* ---- rates of people in periods: weekly tasks, monthly metrics ---- */

struct prate {
	const char *person;
	const char *path;
	size_t order;     /* roster index */
	int has;
	double rate;
};

struct prow {
	char label[12];   /* "2026-W09" or "2026-02" */
	int day;          /* the first day of the period */
	const char *path; /* weekly: the meeting it was reported at */
	struct prate *p;
	size_t n, cap;
	int has_team;
	double team;
};

struct prows {
	struct prow *v;
	size_t n, cap;
};

static struct prow *prow_get(struct prows *rows, const char *label, int day, const char *path,
			     int merge)
{
	size_t i;
	if (merge)
		for (i = 0; i < rows->n; i++)
			if (!strcmp(rows->v[i].label, label))
				return &rows->v[i];
	FR_GROW(rows->v, rows->cap, rows->n + 1);
	memset(&rows->v[rows->n], 0, sizeof(rows->v[0]));
	snprintf(rows->v[rows->n].label, sizeof(rows->v[0].label), "%s", label);
	rows->v[rows->n].day = day;
	rows->v[rows->n].path = path;
	return &rows->v[rows->n++];
}

static void prow_add(struct prow *row, const fr_config *cfg, const char *person, const char *path,
		     int has, double rate)
{
	FR_GROW(row->p, row->cap, row->n + 1);
	row->p[row->n].person = person;
	row->p[row->n].path = path;
	row->p[row->n].order = roster_index(cfg, person);
	row->p[row->n].has = has;
	row->p[row->n].rate = rate;
	row->n++;
}

static int cmp_prate(const void *x, const void *y)
{
	const struct prate *a = x, *b = y;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->person, b->person);
}

static int cmp_prow(const void *x, const void *y)
{
	const struct prow *a = x, *b = y;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return strcmp(a->path ? a->path : "", b->path ? b->path : "");
}

/* Team rate = mean of the person rates that are known (all people, not only the filtered). */
static void prow_finish(struct prow *row)
{
	double sum = 0;
	size_t i, k = 0;
	for (i = 0; i < row->n; i++)
		if (row->p[i].has) {
			sum += row->p[i].rate;
			k++;
		}
	row->has_team = k > 0;
	row->team = k ? sum / (double)k : 0;
	if (row->n)
		qsort(row->p, row->n, sizeof(*row->p), cmp_prate);
}

static void prows_free(struct prows *rows)
{
	size_t i;
	for (i = 0; i < rows->n; i++)
		free(rows->v[i].p);
	free(rows->v);
}

/* ---- flagged deviations ---- */

struct flag {
	const fr_record *r;
	const fr_node *node;
	const char *period;
	int day;
	const char *person;
	fr_item it;
	const char *unit, *reason;
	double rate;
};

struct flags {
	struct flag *v;
	size_t n, cap;
};

static void flag_items(struct flags *fl, const fr_record *r, const fr_node *items,
		       const char *name_key, const char *period, int day, const char *person,
		       double threshold, fr_item **out, size_t *nout)
{
	size_t i, n = 0;
	fr_item *v;
	if (!items || items->type != FR_SEQ) {
		*out = NULL;
		*nout = 0;
		return;
	}
	v = fr_xcalloc(items->n + 1, sizeof(*v));
	for (i = 0; i < items->n; i++) {
		const fr_node *m = items->items[i];
		if (!m || m->type != FR_MAP)
			continue;
		fr_item_read(m, name_key, &v[n]);
		if (fr_item_flagged(&v[n], threshold)) {
			struct flag *g;
			FR_GROW(fl->v, fl->cap, fl->n + 1);
			g = &fl->v[fl->n++];
			memset(g, 0, sizeof(*g));
			g->r = r;
			g->node = m;
			g->period = period;
			g->day = day;
			g->person = person;
			g->it = v[n];
			g->unit = fr_map_str(m, "unit");
			g->reason = fr_map_str(m, "reason");
			g->rate = fr_rate(v[n].actual, v[n].target, v[n].lower);
		}
		n++;
	}
	*out = v;
	*nout = n;
}

static int cmp_flag(const void *x, const void *y)
{
	const struct flag *a = x, *b = y;
	int c;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if ((c = strcmp(a->r->path, b->r->path)))
		return c;
	return (a->node->line > b->node->line) - (a->node->line < b->node->line);
}

/* ---- the summary ---- */

struct ctx {
	const fr_set *s;
	const fr_filter *f;
	fr_arena *a;
	const fr_record **recs;   /* the selected records, by path */
	size_t n;
	struct prows weeks, months;
	struct flags flags;
	char **labels;            /* period labels, freed at the end */
	size_t nlabels, labelcap;
};

static const char *keep_label(struct ctx *c, const char *s)
{
	FR_GROW(c->labels, c->labelcap, c->nlabels + 1);
	return c->labels[c->nlabels++] = fr_xstrdup(s);
}

static int cmp_rec(const void *x, const void *y)
{
	const fr_record *const *a = x, *const *b = y;
	return strcmp((*a)->path, (*b)->path);
}

static int is_kind(const fr_record *r, const char *name)
{
	return r->k && !strcmp(r->k->name, name);
}

static void roll_weekly(struct ctx *c, const fr_record *r)
{
	const fr_node *reports = fr_map_get(r->fm, "reports");
	char label[9];
	const char *lab;
	struct prow *row;
	int monday;
	size_t i;

	if (fr_week_parse(fr_map_str(r->fm, "week"), &monday))
		return;
	/* the meeting of week W reports the tasks of week W-1 */
	fr_week_format(monday - 7, label);
	lab = keep_label(c, label);
	row = prow_get(&c->weeks, label, monday - 7, r->path, 0);
	for (i = 0; reports && reports->type == FR_SEQ && i < reports->n; i++) {
		const fr_node *rep = reports->items[i];
		const char *person = fr_map_str(rep, "person");
		fr_item *items;
		size_t n;
		double rate = 0;
		int has;
		struct flags *fl = &c->flags, none = { NULL, 0, 0 };
		if (!person)
			continue;
		if (c->f->person && strcmp(person, c->f->person))
			fl = &none; /* still counts for the team rate, but not listed */
		flag_items(fl, r, fr_map_get(rep, "last_week"), "task", lab, monday - 7, person,
			   c->s->cfg->threshold, &items, &n);
		has = !fr_items_rate(items, n, &rate);
		prow_add(row, c->s->cfg, person, r->path, has, rate);
		free(items);
		free(none.v);
	}
}

static void roll_monthly(struct ctx *c, const fr_record *r)
{
	const char *person = fr_map_str(r->fm, "person");
	struct flags *fl = &c->flags, none = { NULL, 0, 0 };
	char label[8];
	const char *lab;
	struct prow *row;
	fr_item *items;
	size_t n;
	double rate = 0;
	int first, has;

	if (!person || fr_month_parse(fr_map_str(r->fm, "month"), &first, NULL))
		return;
	/* the plan for month M summarises month M-1 */
	first = fr_month_add(first, -1);
	fr_month_format(first, label);
	lab = keep_label(c, label);
	row = prow_get(&c->months, label, first, NULL, 1);
	if (c->f->person && strcmp(person, c->f->person))
		fl = &none;
	flag_items(fl, r, fr_map_get(fr_map_get(r->fm, "summary"), "metrics"), "name", lab,
		   first, person, c->s->cfg->threshold, &items, &n);
	has = !fr_items_rate(items, n, &rate);
	prow_add(row, c->s->cfg, person, r->path, has, rate);
	free(items);
	free(none.v);
}

/* The weekly figures with only the filtered person in `people`. */
static fr_node *filter_people(fr_node *fig, const char *person, fr_arena *a)
{
	fr_node *copy, *people;
	size_t i;
	if (!fig || fig->type != FR_MAP || !person)
		return fig;
	copy = fr_node_map(a);
	for (i = 0; i < fig->n; i++) {
		const fr_node *v = fig->pairs[i].val;
		if (!strcmp(fig->pairs[i].key->str, "people") && v && v->type == FR_SEQ) {
			size_t j;
			people = fr_node_seq(a);
			for (j = 0; j < v->n; j++) {
				const char *p = fr_map_str(v->items[j], "person");
				if (p && !strcmp(p, person))
					fr_seq_push(a, people, v->items[j]);
			}
			fr_map_set(a, copy, "people", people);
		} else {
			fr_map_set(a, copy, fig->pairs[i].key->str, fig->pairs[i].val);
		}
	}
	return copy;
}

static fr_node *build_records(struct ctx *c)
{
	fr_node *list = fr_node_seq(c->a);
	size_t i;
	for (i = 0; i < c->n; i++) {
		const fr_record *r = c->recs[i];
		const struct kind_info *ki = info_of(r);
		fr_node *e = fr_node_map(c->a), *fig;
		fr_map_set(c->a, e, "path", fr_node_string(c->a, r->path));
		fr_map_set(c->a, e, "kind", fr_node_string(c->a, r->k->name));
		fr_map_set(c->a, e, "title", fr_node_string(c->a, record_title(r, c->a)));
		fr_map_set(c->a, e, "subject",
			   str_or_null(c->a, ki->subject ? fr_map_str(r->fm, ki->subject) : NULL));
		fr_map_set(c->a, e, "date",
			   str_or_null(c->a, ki->date ? fr_map_str(r->fm, ki->date) : NULL));
		fr_map_set(c->a, e, "person",
			   str_or_null(c->a, ki->person ? fr_map_str(r->fm, ki->person) : NULL));
		fr_map_set(c->a, e, "valid", fr_node_bool(c->a, r->valid));
		fig = fr_set_figures(c->s, r, c->a);
		if (is_kind(r, "weekly-meeting"))
			fig = filter_people(fig, c->f->person, c->a);
		fr_map_set(c->a, e, "figures", fig ? fig : fr_node_null(c->a));
		fr_seq_push(c->a, list, e);
	}
	return list;
}

static fr_node *build_prows(struct ctx *c, struct prows *rows, const char *label_key, int weekly)
{
	fr_node *list = fr_node_seq(c->a);
	size_t i, j;
	for (i = 0; i < rows->n; i++)
		prow_finish(&rows->v[i]);
	if (rows->n)
		qsort(rows->v, rows->n, sizeof(*rows->v), cmp_prow);
	for (i = 0; i < rows->n; i++) {
		struct prow *row = &rows->v[i];
		fr_node *e, *people;
		if (c->f->person) {
			for (j = 0; j < row->n; j++)
				if (!strcmp(row->p[j].person, c->f->person))
					break;
			if (j == row->n)
				continue;
		}
		e = fr_node_map(c->a);
		people = fr_node_seq(c->a);
		fr_map_set(c->a, e, label_key, fr_node_string(c->a, row->label));
		if (weekly)
			fr_map_set(c->a, e, "path", str_or_null(c->a, row->path));
		fr_map_set(c->a, e, "team_rate", num_or_null(c->a, row->has_team, row->team));
		for (j = 0; j < row->n; j++) {
			fr_node *p;
			if (c->f->person && strcmp(row->p[j].person, c->f->person))
				continue;
			p = fr_node_map(c->a);
			fr_map_set(c->a, p, "person", fr_node_string(c->a, row->p[j].person));
			fr_map_set(c->a, p, "rate", num_or_null(c->a, row->p[j].has, row->p[j].rate));
			fr_map_set(c->a, p, "path", fr_node_string(c->a, row->p[j].path));
			fr_seq_push(c->a, people, p);
		}
		fr_map_set(c->a, e, "people", people);
		fr_seq_push(c->a, list, e);
	}
	return list;
}

/* Append the rates of one person in rows to list as {key: label, rate}; 1 if any. */
static int person_rates(struct ctx *c, const struct prows *rows, const char *person,
			const char *key, fr_node *list)
{
	size_t i, j;
	int any = 0;
	for (i = 0; i < rows->n; i++)
		for (j = 0; j < rows->v[i].n; j++) {
			const struct prate *p = &rows->v[i].p[j];
			fr_node *e;
			if (strcmp(p->person, person))
				continue;
			e = fr_node_map(c->a);
			fr_map_set(c->a, e, key, fr_node_string(c->a, rows->v[i].label));
			fr_map_set(c->a, e, "rate", num_or_null(c->a, p->has, p->rate));
			fr_seq_push(c->a, list, e);
			any = 1;
		}
	return any;
}

static void add_person(struct ctx *c, fr_node *list, const char *name, const char *role)
{
	fr_node *e = fr_node_map(c->a), *w = fr_node_seq(c->a), *m = fr_node_seq(c->a);
	int any = person_rates(c, &c->weeks, name, "week", w);
	any |= person_rates(c, &c->months, name, "month", m);
	if (!any)
		return;
	fr_map_set(c->a, e, "person", fr_node_string(c->a, name));
	fr_map_set(c->a, e, "role", str_or_null(c->a, role));
	fr_map_set(c->a, e, "weeks", w);
	fr_map_set(c->a, e, "months", m);
	fr_seq_push(c->a, list, e);
}

static int name_seen(char **names, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return 1;
	return 0;
}

static fr_node *build_people(struct ctx *c)
{
	fr_node *list = fr_node_seq(c->a);
	const fr_config *cfg = c->s->cfg;
	char **extra = NULL;
	size_t nextra = 0, cap = 0, i, j, k;
	struct prows *both[2] = { &c->weeks, &c->months };

	for (i = 0; i < cfg->npeople; i++)
		if (!c->f->person || !strcmp(c->f->person, cfg->people[i].name))
			add_person(c, list, cfg->people[i].name, cfg->people[i].role);
	/* names not in the roster (X-PERSON errors) still show, after it */
	for (k = 0; k < 2; k++)
		for (i = 0; i < both[k]->n; i++)
			for (j = 0; j < both[k]->v[i].n; j++) {
				const char *p = both[k]->v[i].p[j].person;
				if (fr_config_person(cfg, p) || name_seen(extra, nextra, p) ||
				    (c->f->person && strcmp(c->f->person, p)))
					continue;
				FR_GROW(extra, cap, nextra + 1);
				extra[nextra++] = (char *)p;
			}
	for (i = 0; i < nextra; i++)
		add_person(c, list, extra[i], NULL);
	free(extra);
	return list;
}

static fr_node *build_flagged(struct ctx *c)
{
	fr_node *list = fr_node_seq(c->a);
	size_t i;
	if (c->flags.n)
		qsort(c->flags.v, c->flags.n, sizeof(*c->flags.v), cmp_flag);
	for (i = 0; i < c->flags.n; i++) {
		const struct flag *g = &c->flags.v[i];
		fr_node *e = fr_node_map(c->a);
		fr_map_set(c->a, e, "path", fr_node_string(c->a, g->r->path));
		fr_map_set(c->a, e, "line", fr_node_number(c->a, g->node->line));
		fr_map_set(c->a, e, "kind", fr_node_string(c->a, g->r->k->name));
		fr_map_set(c->a, e, "period", fr_node_string(c->a, g->period));
		fr_map_set(c->a, e, "person", fr_node_string(c->a, g->person));
		fr_map_set(c->a, e, "item", str_or_null(c->a, g->it.name));
		fr_map_set(c->a, e, "target", fr_node_number(c->a, g->it.target));
		fr_map_set(c->a, e, "actual", fr_node_number(c->a, g->it.actual));
		fr_map_set(c->a, e, "unit", str_or_null(c->a, g->unit));
		fr_map_set(c->a, e, "better", fr_node_string(c->a, g->it.lower ? "lower" : "higher"));
		fr_map_set(c->a, e, "rate", fr_node_number(c->a, g->rate));
		fr_map_set(c->a, e, "deviation", fr_node_number(c->a, g->rate - 1));
		fr_map_set(c->a, e, "reason", str_or_null(c->a, g->reason));
		fr_seq_push(c->a, list, e);
	}
	return list;
}

static int assigned(const fr_node *p, const char *person)
{
	const fr_node *who = fr_map_get(p, "assignees");
	size_t i;
	for (i = 0; who && who->type == FR_SEQ && i < who->n; i++)
		if (fr_node_str(who->items[i]) && !strcmp(who->items[i]->str, person))
			return 1;
	return 0;
}

/* Card rows are the cards kind's own figures (cards.c), one a product, with path and week. */
static fr_node *build_cards(struct ctx *c)
{
	fr_node *list = fr_node_seq(c->a);
	size_t i, j;
	for (i = 0; i < c->n; i++) {
		const fr_record *r = c->recs[i];
		fr_node *fig, *products;
		if (!is_kind(r, "cards") || !(fig = fr_set_figures(c->s, r, c->a)))
			continue;
		products = fr_map_get(fig, "products");
		for (j = 0; products && products->type == FR_SEQ && j < products->n; j++) {
			fr_node *row = fr_node_map(c->a), *p = products->items[j];
			size_t k;
			if (c->f->person && !assigned(p, c->f->person))
				continue;
			fr_map_set(c->a, row, "path", fr_node_string(c->a, r->path));
			fr_map_set(c->a, row, "week", str_or_null(c->a, fr_map_str(r->fm, "week")));
			for (k = 0; k < p->n; k++)
				fr_map_set(c->a, row, p->pairs[k].key->str, p->pairs[k].val);
			fr_seq_push(c->a, list, row);
		}
	}
	return list;
}

struct partner {
	const fr_record *r;
	const char *name, *month;
	fr_node *fig;      /* the scorecard kind's figures: score, grade */
	int has;
	double score;
};

static int cmp_partner(const void *x, const void *y)
{
	const struct partner *a = x, *b = y;
	if (a->has != b->has)
		return a->has ? -1 : 1;
	if (a->has && fabs(a->score - b->score) > EPS)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The latest scorecard of each partner, best score first; score and grade from scorecard.c. */
static fr_node *build_partners(struct ctx *c)
{
	fr_node *list = fr_node_seq(c->a);
	struct partner *v = NULL;
	size_t n = 0, cap = 0, i, j;

	for (i = 0; i < c->n; i++) {
		const fr_record *r = c->recs[i];
		const char *name = fr_map_str(r->fm, "partner");
		const char *month = fr_map_str(r->fm, "month");
		struct partner p = { r, name, month ? month : "", NULL, 0, 0 };
		if (!is_kind(r, "partner-scorecard") || !name)
			continue;
		p.fig = fr_set_figures(c->s, r, c->a);
		p.has = fr_map_num(p.fig, "score", &p.score);
		/* records are in path order; the latest month wins, ties keep the last */
		for (j = 0; j < n; j++)
			if (!strcmp(v[j].name, name))
				break;
		if (j < n) {
			if (strcmp(p.month, v[j].month) >= 0)
				v[j] = p;
			continue;
		}
		FR_GROW(v, cap, n + 1);
		v[n++] = p;
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_partner);
	for (i = 0; i < n; i++) {
		fr_node *e = fr_node_map(c->a), *grade = fr_map_get(v[i].fig, "grade");
		fr_map_set(c->a, e, "partner", fr_node_string(c->a, v[i].name));
		fr_map_set(c->a, e, "class", str_or_null(c->a, fr_map_str(v[i].r->fm, "class")));
		fr_map_set(c->a, e, "month", str_or_null(c->a, fr_map_str(v[i].r->fm, "month")));
		fr_map_set(c->a, e, "score", num_or_null(c->a, v[i].has, v[i].score));
		fr_map_set(c->a, e, "grade", grade ? grade : fr_node_null(c->a));
		fr_map_set(c->a, e, "path", fr_node_string(c->a, v[i].r->path));
		fr_seq_push(c->a, list, e);
	}
	free(v);
	return list;
}

int fr_summary(fr_node **out, const fr_set *s, const fr_filter *f, fr_arena *a)
{
	static const fr_filter none = { NULL, NULL, NULL };
	struct ctx c;
	fr_node *root;
	char today[11];
	int first, last;
	size_t i;

	*out = NULL;
	if (!f)
		f = &none;
	if (f->period && fr_period_parse(f->period, &first, &last))
		return -1;
	memset(&c, 0, sizeof(c));
	c.s = s;
	c.f = f;
	c.a = a;
	c.recs = fr_xcalloc(s->n + 1, sizeof(*c.recs));
	for (i = 0; i < s->n; i++)
		if (record_selected(s->recs[i], f, 1))
			c.recs[c.n++] = s->recs[i];
	if (c.n)
		qsort(c.recs, c.n, sizeof(*c.recs), cmp_rec);
	/* rates of the whole team in the period; --person picks rows afterwards */
	for (i = 0; i < s->n; i++) {
		const fr_record *r = s->recs[i];
		if (!record_selected(r, f, 0))
			continue;
		if (is_kind(r, "weekly-meeting"))
			roll_weekly(&c, r);
		else if (is_kind(r, "monthly-plan"))
			roll_monthly(&c, r);
	}

	root = fr_node_map(a);
	fr_map_set(a, root, "team", str_or_null(a, s->cfg->team));
	fr_date_format(s->today, today);
	fr_map_set(a, root, "today", fr_node_string(a, today));
	fr_map_set(a, root, "period", str_or_null(a, f->period));
	fr_map_set(a, root, "person", str_or_null(a, f->person));
	fr_map_set(a, root, "kind", str_or_null(a, f->kind));
	fr_map_set(a, root, "threshold", fr_node_number(a, s->cfg->threshold));
	fr_map_set(a, root, "records", build_records(&c));
	fr_map_set(a, root, "weeks", build_prows(&c, &c.weeks, "week", 1));
	fr_map_set(a, root, "months", build_prows(&c, &c.months, "month", 0));
	fr_map_set(a, root, "people", build_people(&c));
	fr_map_set(a, root, "flagged", build_flagged(&c));
	fr_map_set(a, root, "cards", build_cards(&c));
	fr_map_set(a, root, "partners", build_partners(&c));

	prows_free(&c.weeks);
	prows_free(&c.months);
	free(c.flags.v);
	for (i = 0; i < c.nlabels; i++)
		free(c.labels[i]);
	free(c.labels);
	free(c.recs);
	*out = root;
	return 0;
}
