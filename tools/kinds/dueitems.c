/* dueitems.c - what is due, late or missing: the facts of history and the records' own dates */
#include "dueitems.h"

#include "buf.h"
#include "date.h"
#include "i18n.h"
#include "locale.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The order is fr_deadline_id's. */
const fr_deadline_def fr_deadlines[FR_DL_COUNT] = {
	{ "weekly-meeting", "weekly-meeting", "W-START", 1, 60, "",
	  N_("weekly meeting %s"), "周一上班后30分钟 轮流主持; 会议时间不超过60分钟" },
	{ "weekly-minutes", "weekly-meeting", "W-ONTIME", 1, 0, "host",
	  N_("weekly minutes %s"), "主持人 周一12点前 例会文字邮件 通告与会人" },
	{ "weekly-midweek", "weekly-meeting", "W-MIDWEEK", 1, 0, "host",
	  N_("Thursday follow-up %s"), "主持人 周四中午12点前 口头追踪 与会人要事执行" },
	{ "monthly-midmonth", "monthly-plan", NULL, 0, 0, "sales",
	  N_("mid-month review of the plans for %s"), "每月16日 月中调整" },
	{ "monthly-draft", "monthly-plan", NULL, 0, 0, "sales",
	  N_("first draft of the monthly plans for %s"), "28日 完成文字初稿" },
	{ "monthly-plan", "monthly-plan", "M-ONTIME", 0, 0, "sales",
	  N_("monthly summary and plan for %s"), "最后1日 完成总结计划" },
	{ "product-draft", "product-plan", "P-ONTIME", 0, 0, "sales manager",
	  N_("product plan %s drafted and confirmed by the manager"), "每月1日 产品运营计划 经理确认" },
	{ "product-approval", "product-plan", "P-ONTIME", 0, 0, "director",
	  N_("product plan %s reviewed by the director"), "每月2日 上级审评" },
	{ "scorecard-inform", "partner-scorecard", NULL, 0, 0, "commerce finance aftersales",
	  N_("tell the sales reps how each partner did in %s"), "商务财务售后 27日前 告知本月客户执行情况" },
	{ "scorecard-draft", "partner-scorecard", NULL, 0, 0, "sales",
	  N_("partner scorecards for %s filled in"), "销售代表 28日完成 客户绩效评分表" },
	{ "scorecard-done", "partner-scorecard", NULL, 0, 0, "sales commerce manager",
	  N_("partner scorecards for %s completed, summed up and reviewed"),
	  "销售代表 最后一日 完成客户绩效表; 商务 最后一日 汇总表格; 经理 审评" },
	{ "scorecard-notice", "partner-scorecard", "S-NOTIFY", 0, 0, "sales",
	  N_("written and verbal notice to the partners for %s"), "销售代表 每月3日前 文字通告 同时 口头说明" },
};

int fr_deadline_day(fr_deadline_id id, int period, const fr_config *cfg, int *hhmm)
{
	int y, m, d, nd, day, t = -1;
	fr_date_ymd(period, &y, &m, &d);
	nd = fr_days_in_month(y, m);
	switch (id) {
	case FR_DL_MEETING: day = period; t = cfg ? cfg->work_start : 9 * 60; break;
	case FR_DL_MINUTES: day = period; t = 12 * 60; break;
	case FR_DL_MIDWEEK: day = period + 3; t = 12 * 60; break;
	case FR_DL_MIDMONTH: day = period + 15; break;
	case FR_DL_PLAN_DRAFT: day = fr_month_add(period, -1) + 27; break;
	case FR_DL_PLAN: day = period - 1; break;
	case FR_DL_PRODUCT_DRAFT: day = period; break;
	case FR_DL_PRODUCT_APPROVAL: day = period + 1; break;
	case FR_DL_SCORE_INFORM: day = period + 26; break;
	case FR_DL_SCORE_DRAFT: day = period + 27; break;
	case FR_DL_SCORE_DONE: day = period + nd - 1; break;
	case FR_DL_NOTICE: default: day = period + nd + 2; break;
	}
	if (hhmm)
		*hhmm = t;
	return day;
}

long long fr_due_local_time(int day, int minutes)
{
	struct tm tm;
	int y, m, d;
	memset(&tm, 0, sizeof(tm));
	fr_date_ymd(day, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

long long fr_deadline_at(fr_deadline_id id, int period, const fr_config *cfg)
{
	int hhmm, day = fr_deadline_day(id, period, cfg, &hhmm);
	return hhmm < 0 ? fr_due_end_of_day(day) : fr_due_local_time(day, hhmm);
}

static const char *const status_names[] = { N_("missing"), N_("overdue"), N_("open"), N_("late") };

const char *fr_due_status_name(fr_due_status st)
{
	return (unsigned)st < FR_ARRAY_LEN(status_names) ? status_names[st] : "";
}

long long fr_due_end_of_day(int day)
{
	struct tm tm;
	int y, m, d;
	memset(&tm, 0, sizeof(tm));
	fr_date_ymd(day, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

static int local_day(long long t, int *minutes)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	if (minutes)
		*minutes = tm.tm_hour * 60 + tm.tm_min;
	return fr_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The returned item is valid until the next add (the array may move). */
static fr_due_item *add(fr_due_list *l, fr_due_source src, const char *kind, const char *path,
			int due, fr_due_status st)
{
	fr_due_item *x;
	FR_GROW(l->v, l->cap, l->n + 1);
	x = &l->v[l->n++];
	memset(x, 0, sizeof(*x));
	x->source = src;
	x->kind = kind;
	x->path = path;
	x->who = "";
	x->due = due;
	x->hhmm = -1;
	x->status = st;
	x->what = "";
	x->deadline = FR_DL_COUNT;
	return x;
}

/* The people responsible: names[0..n) (NULLs skipped), copied into the arena, and joined. */
static void set_people(fr_due_list *l, fr_due_item *x, const char *const *names, size_t n)
{
	const char **v = fr_alloc(l->a, (n ? n : 1) * sizeof(*v));
	fr_buf b = FR_BUF_INIT;
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		if (!names[i])
			continue;
		if (b.len)
			fr_buf_adds(&b, ", ");
		fr_buf_adds(&b, names[i]);
		v[k++] = names[i];
	}
	x->people = v;
	x->npeople = k;
	x->who = k == 1 ? v[0] : k ? fr_strdup(l->a, b.ptr) : "";
	fr_buf_free(&b);
}

static void set_person(fr_due_list *l, fr_due_item *x, const char *name)
{
	set_people(l, x, &name, name && *name ? 1 : 0);
}

/* The names in a sequence of strings (the other items are skipped). */
static void set_people_seq(fr_due_list *l, fr_due_item *x, const fr_node *seq)
{
	size_t n = seq && seq->type == FR_SEQ ? seq->n : 0, i;
	const char **names = fr_alloc(l->a, (n ? n : 1) * sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = fr_node_str(seq->items[i]);
	set_people(l, x, names, n);
}

/* The people of a role, in roster order. */
static void set_role(fr_due_list *l, fr_due_item *x, const fr_config *cfg, const char *role)
{
	const char **names = fr_alloc(l->a, (cfg->npeople ? cfg->npeople : 1) * sizeof(*names));
	size_t i, n = 0;
	for (i = 0; i < cfg->npeople; i++)
		if (cfg->people[i].role && !strcmp(cfg->people[i].role, role))
			names[n++] = cfg->people[i].name;
	set_people(l, x, names, n);
}

static void from_facts(fr_due_list *l, const fr_facts *f)
{
	size_t i;
	for (i = 0; f && i < f->n; i++) {
		const fr_fact *x = &f->v[i];
		fr_due_item *y;
		fr_due_status st;
		int min;
		switch (x->status) {
		case FR_FACT_OPEN: st = FR_DUE_OPEN; break;
		case FR_FACT_LATE: st = FR_DUE_LATE; break;
		case FR_FACT_MISSING: st = FR_DUE_MISSING; break;
		default: continue;
		}
		y = add(l, FR_DUE_FACT, x->kind, x->path, local_day(x->deadline, &min), st);
		/* a deadline at 23:59:59 is the whole day; others show their time */
		if (local_day(x->deadline + 1, NULL) == y->due)
			y->hhmm = min;
		y->fact = x;
		y->rule = x->rule;
		y->done = st == FR_DUE_LATE ? x->done : 0;
		y->what = x->uncommitted ? fr_asprintf(l->a, _("%s (not committed)"), x->what) : x->what;
		set_person(l, y, x->who);
	}
}

/* Card products not sold out, as the cards kind judges them (cards.c): overdue after the
 * deadline, open before it. */
static void cards(fr_due_list *l, const fr_set *s)
{
	size_t n, i, k;
	const fr_record *const *r = fr_set_kind(s, "cards", &n);
	for (i = 0; i < n; i++) {
		const fr_node *fig = fr_set_figures(s, r[i], l->a);
		const fr_node *ps = fr_map_get(fig, "products");
		for (k = 0; ps && ps->type == FR_SEQ && k < ps->n; k++) {
			const fr_node *p = ps->items[k];
			const char *status = fr_map_str(p, "status"), *card = fr_map_str(p, "card");
			const char *sku = fr_map_str(p, "sku");
			double qty = 0, sold = 0;
			int deadline;
			fr_due_item *x;
			if (!fr_streq(status, "overdue") && !fr_streq(status, "open"))
				continue;
			if (fr_date_parse(fr_map_str(p, "deadline"), &deadline))
				continue;
			fr_map_num(p, "quantity", &qty);
			fr_map_num(p, "sold", &sold);
			x = add(l, FR_DUE_CARD, "cards", r[i]->path, deadline,
				fr_streq(status, "overdue") ? FR_DUE_OVERDUE : FR_DUE_OPEN);
			x->rec = r[i];
			x->node = p;
			x->key = fr_asprintf(l->a, "card %s %s", fr_map_str(r[i]->fm, "week") ?
					     fr_map_str(r[i]->fm, "week") : r[i]->path, sku ? sku : "?");
			x->what = fr_asprintf(l->a, _("%s card %s: %g of %g sold"),
					      fr_streq(card, "red") ? _("red") : _("yellow"),
					      sku ? sku : "?", sold, qty);
			set_people_seq(l, x, fr_map_get(p, "assignees"));
		}
	}
}

/* Onboarding steps not done (the kind's `pending` figure): overdue after their due day, and
 * the next one open. */
static void onboarding(fr_due_list *l, const fr_set *s, int today, int all)
{
	size_t n, i, k;
	const fr_record *const *r = fr_set_kind(s, "onboarding", &n);
	for (i = 0; i < n; i++) {
		const fr_node *fig = fr_set_figures(s, r[i], l->a);
		const fr_node *pending = fr_map_get(fig, "pending");
		const char *customer = fr_map_str(r[i]->fm, "customer");
		int next_listed = 0;
		for (k = 0; pending && pending->type == FR_SEQ && k < pending->n; k++) {
			const char *step = fr_map_str(pending->items[k], "step");
			fr_due_item *x;
			fr_due_status sst;
			int due;
			if (fr_date_parse(fr_map_str(pending->items[k], "due"), &due))
				continue;
			if (today > due)
				sst = FR_DUE_OVERDUE;
			else if (!next_listed || all)
				sst = FR_DUE_OPEN;
			else
				continue;
			next_listed |= sst == FR_DUE_OPEN;
			x = add(l, FR_DUE_STEP, "onboarding", r[i]->path, due, sst);
			x->rec = r[i];
			x->node = pending->items[k];
			x->rule = sst == FR_DUE_OVERDUE ? "O-OVERDUE" : NULL;
			x->key = fr_asprintf(l->a, "onboarding %s %s", customer ? customer : r[i]->path,
					     step ? step : "?");
			x->what = fr_asprintf(l->a, _("onboarding %s: step %s"), customer ? customer : "?",
					      step ? fr_label(fr_i18n_lang(), step) : "?");
			set_person(l, x, fr_map_str(r[i]->fm, "owner"));
		}
	}
}

/* Open meeting decisions: overdue past their due date, else open. */
static void decisions(fr_due_list *l, const fr_set *s, int today)
{
	size_t n, i, k;
	const fr_record *const *r = fr_set_kind(s, "meeting", &n);
	for (i = 0; i < n; i++) {
		const fr_node *ds = fr_map_get(r[i]->fm, "decisions");
		const char *title = fr_map_str(r[i]->fm, "title");
		for (k = 0; ds && ds->type == FR_SEQ && k < ds->n; k++) {
			const fr_node *d = ds->items[k];
			const char *status = fr_map_str(d, "status"), *text = fr_map_str(d, "decision");
			fr_due_item *x;
			int due;
			if (!status || strcmp(status, "open") || fr_date_parse(fr_map_str(d, "due"), &due))
				continue;
			x = add(l, FR_DUE_DECISION, "meeting", r[i]->path, due,
				today > due ? FR_DUE_OVERDUE : FR_DUE_OPEN);
			x->rec = r[i];
			x->node = d;
			x->key = fr_asprintf(l->a, "decision %s %s %s", fr_map_str(r[i]->fm, "date") ?
					     fr_map_str(r[i]->fm, "date") : "", title ? title : r[i]->path,
					     text ? text : "");
			x->what = fr_asprintf(l->a, _("decision '%s' (%s)"), text ? text : "?",
					      title ? title : "?");
			set_person(l, x, fr_map_str(d, "owner"));
		}
	}
}

/* Scorecards: the manager's review by the end of the month scored, the written and verbal
 * notice to the partner by the 3rd of the next month. */
static void scorecards(fr_due_list *l, const fr_set *s, int today)
{
	size_t n, i;
	const fr_record *const *r = fr_set_kind(s, "partner-scorecard", &n);
	for (i = 0; i < n; i++) {
		const fr_node *fm = r[i]->fm, *nt = fr_map_get(fm, "notified");
		const fr_node *w = fr_map_get(nt, "written"), *v = fr_map_get(nt, "verbal");
		const char *partner = fr_map_str(fm, "partner"), *month = fr_map_str(fm, "month");
		int first, nd, notice_due, review_due, date;
		fr_due_item *x;
		if (fr_month_parse(month, &first, &nd))
			continue;
		review_due = fr_deadline_day(FR_DL_SCORE_DONE, first, s->cfg, NULL);
		if (!fr_map_str(fr_map_get(fm, "reviewed"), "by")) {
			x = add(l, FR_DUE_REVIEW, "partner-scorecard", r[i]->path, review_due,
				today > review_due ? FR_DUE_OVERDUE : FR_DUE_OPEN);
			x->rec = r[i];
			x->what = fr_asprintf(l->a, _(FR_DUE_REVIEW_FORM), partner ? partner : "?", month);
			set_role(l, x, s->cfg, "manager");
		}
		notice_due = fr_deadline_day(FR_DL_NOTICE, first, s->cfg, NULL);
		if (w && w->type == FR_BOOL && w->boolean && v && v->type == FR_BOOL && v->boolean &&
		    !fr_date_parse(fr_map_str(nt, "date"), &date)) {
			if (date <= notice_due)
				continue;
			x = add(l, FR_DUE_NOTICE, "partner-scorecard", r[i]->path, notice_due,
				FR_DUE_LATE);
			x->rule = "S-NOTIFY";
			x->done = fr_due_end_of_day(date);
		} else {
			x = add(l, FR_DUE_NOTICE, "partner-scorecard", r[i]->path, notice_due,
				today > notice_due ? FR_DUE_OVERDUE : FR_DUE_OPEN);
			x->rule = today > notice_due ? "S-NOTIFY" : NULL;
		}
		x->rec = r[i];
		x->what = fr_asprintf(l->a, _(FR_DUE_NOTICE_FORM), partner ? partner : "?", month);
		set_person(l, x, fr_map_str(fm, "scorer"));
	}
}

/* Most urgent first: missing and overdue (oldest first), then open (soonest first), then late
 * (latest first). */
static int cmp_item(const void *pa, const void *pb)
{
	const fr_due_item *a = pa, *b = pb;
	int ra = a->status == FR_DUE_OPEN ? 1 : a->status == FR_DUE_LATE ? 2 : 0;
	int rb = b->status == FR_DUE_OPEN ? 1 : b->status == FR_DUE_LATE ? 2 : 0;
	int k;
	if (ra != rb)
		return ra - rb;
	if (a->due != b->due)
		return ra == 2 ? (a->due < b->due) - (a->due > b->due) : (a->due > b->due) - (a->due < b->due);
	if ((k = strcmp(a->kind, b->kind)))
		return k;
	if ((k = strcmp(a->path ? a->path : "", b->path ? b->path : "")))
		return k;
	if ((k = strcmp(a->who, b->who)))
		return k;
	return strcmp(a->what, b->what);
}

void fr_due_collect(fr_due_list *out, const fr_set *s, const fr_facts *facts, int today)
{
	if (!out->a)
		out->a = fr_arena_new();
	from_facts(out, facts);
	if (s) {
		cards(out, s);
		onboarding(out, s, today, 0);
		decisions(out, s, today);
		scorecards(out, s, today);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_item);
}

/* Whether word is one of the space-separated words of list. */
static int word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;
	for (p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* The process deadlines of the periods whose due day is in [from, to]. */
static void process(fr_due_list *l, const fr_set *s, int from, int to)
{
	int id;
	char label[9];
	for (id = 0; id < FR_DL_COUNT; id++) {
		const fr_deadline_def *def = &fr_deadlines[id];
		/* every period whose due day can fall in the range: due days lie within a month
		 * before or after their period's start */
		int start = def->weekly ? from - 7 - (fr_date_weekday(from - 7) - 1) : fr_month_add(from, -2);
		int p;
		for (p = start; p <= to + 40; p = def->weekly ? p + 7 : fr_month_add(p, 1)) {
			int hhmm, day = fr_deadline_day(id, p, s->cfg, &hhmm);
			fr_due_item *x;
			if (day < from || day > to)
				continue;
			if (def->weekly)
				fr_week_format(p, label);
			else
				fr_month_format(p, label);
			x = add(l, FR_DUE_PROCESS, def->kind, NULL, day, FR_DUE_OPEN);
			x->hhmm = hhmm;
			x->deadline = (fr_deadline_id)id;
			x->rule = def->rule;
			x->key = fr_asprintf(l->a, "%s %s", def->name, label);
			x->what = fr_asprintf(l->a, _(def->what), label);
			if (!strcmp(def->roles, "host")) {
				set_person(l, x, fr_history_host(s, p));
			} else if (!def->roles[0]) {
				x->team_wide = 1;
			} else {
				const char **names = fr_alloc(l->a, (s->cfg->npeople + 1) * sizeof(*names));
				size_t i, n = 0;
				for (i = 0; i < s->cfg->npeople; i++)
					if (s->cfg->people[i].role &&
					    word_in(def->roles, s->cfg->people[i].role))
						names[n++] = s->cfg->people[i].name;
				set_people(l, x, names, n);
			}
		}
	}
}

static int cmp_schedule(const void *pa, const void *pb)
{
	const fr_due_item *a = pa, *b = pb;
	int k;
	if (a->due != b->due)
		return (a->due > b->due) - (a->due < b->due);
	if (a->hhmm != b->hhmm)
		return (a->hhmm > b->hhmm) - (a->hhmm < b->hhmm);
	if ((k = strcmp(a->kind, b->kind)))
		return k;
	return strcmp(a->key ? a->key : "", b->key ? b->key : "");
}

void fr_due_schedule(fr_due_list *out, const fr_set *s, int from, int to, int today)
{
	fr_due_list recs = FR_DUE_LIST_INIT;
	size_t i;
	if (!out->a)
		out->a = fr_arena_new();
	process(out, s, from, to);
	recs.a = out->a;
	cards(&recs, s);
	onboarding(&recs, s, today, 1);
	decisions(&recs, s, today);
	for (i = 0; i < recs.n; i++) {
		if (recs.v[i].due < from || recs.v[i].due > to)
			continue;
		FR_GROW(out->v, out->cap, out->n + 1);
		out->v[out->n++] = recs.v[i];
	}
	free(recs.v);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_schedule);
}

void fr_due_list_free(fr_due_list *l)
{
	if (!l)
		return;
	free(l->v);
	fr_arena_free(l->a);
	memset(l, 0, sizeof(*l));
}
