/* new.c - `flowrec new KIND [--week W | --month M | --date D] [--person NAME] [--customer NAME]
 * [--title T] [--edit]`: a pre-filled record at its conventional path (DOMAIN.md section 1)
 *
 * What can be worked out is filled in: the period (the team's today), the people (the roster,
 * the rotation), what carries over from the record before (last week's tasks, last month's
 * planned metrics, last quarter's scorecard factors, the onboarding due dates). What the user
 * must still write holds the team's first placeholder, so an unfinished record fails
 * X-PLACEHOLDER and nothing else. Numbers the user must still give start at a neutral value
 * with a placeholder line in the body naming them (a number cannot hold a placeholder).
 * The file is written to a temporary name and linked into place, so it never overwrites one.
 */
#include "cmd.h"
#include "buf.h"
#include "date.h"
#include "engine.h"
#include "i18n.h"
#include "team.h"
#include "util.h"
#include "yamltext.h"

#include <git2.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct newrec {
	fr_team t;
	fr_set *set;
	fr_buf y;          /* the front-matter lines, after the modeline */
	fr_buf body;       /* the Markdown after it */
	char *path;        /* relative to the team root (heap) */
	const char *ph;    /* the placeholder */
	int zh;            /* the team writes Chinese */
	const char *week, *month, *date, *person, *customer, *title;
};

/* The team's language: Chinese unless the team says en. */
#define L(n, zh_, en_) ((n)->zh ? (zh_) : (en_))

/* ---- YAML text ---- */

static void yq(fr_buf *b, const char *s)
{
	fr_yaml_scalar(b, s);
}

/* The shortest %g that reads back as the same double: a carried target must be the committed
 * one exactly (W-CARRY, M-CARRY), and 15 digits are not always enough. */
static void ydouble(fr_buf *b, double v)
{
	char s[40];
	int prec;
	for (prec = 15; prec < 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, v);
		if (strtod(s, NULL) == v)
			break;
	}
	snprintf(s, sizeof(s), "%.*g", prec, v);
	fr_buf_adds(b, s);
}

static void ynum(fr_buf *b, const fr_node *n)
{
	if (n && n->type == FR_NUMBER)
		ydouble(b, n->num);
	else
		fr_buf_adds(b, "1");
}

static void ydate(fr_buf *b, int day)
{
	char d[11];
	fr_date_format(day, d);
	fr_buf_adds(b, d);
}

/* "[a, b, c]" of names */
static void ylist(fr_buf *b, const char *const *v, size_t n)
{
	size_t i;
	fr_buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			fr_buf_adds(b, ", ");
		yq(b, v[i]);
	}
	fr_buf_addc(b, ']');
}

static void heading(struct newrec *n, const char *h, const char *what)
{
	fr_buf_addf(&n->body, "\n## %s\n\n%s%s%s\n", h, n->ph, n->zh ? "：" : ": ", what);
}

/* ---- the roster ---- */

static const fr_person *first_role(const fr_config *c, const char *role)
{
	size_t i;
	for (i = 0; i < c->npeople; i++)
		if (fr_streq(c->people[i].role, role))
			return &c->people[i];
	return NULL;
}

static const char *manager(const fr_config *c)
{
	const fr_person *p = first_role(c, "manager");
	if (!p)
		p = first_role(c, "director");
	if (!p && c->npeople)
		p = &c->people[0];
	return p ? p->name : NULL;
}

/* The person the command is for: --person, else the roster entry of the git user's email. */
static const char *who(struct newrec *n)
{
	const char *email = getenv("GIT_AUTHOR_EMAIL");
	git_config *gc = NULL;
	git_repository *repo = NULL;
	git_buf gb = { 0 };
	const char *found = NULL;
	size_t i;
	if (n->person)
		return n->person;
	if (!email || !*email) {
		/* the repository's config (with the global one beneath it), else the global one */
		if (git_repository_open_ext(&repo, n->t.root, 0, NULL) == 0)
			git_repository_config_snapshot(&gc, repo);
		if (!gc)
			git_config_open_default(&gc);
		if (gc && git_config_get_string_buf(&gb, gc, "user.email") == 0)
			email = gb.ptr;
	}
	for (i = 0; email && i < n->t.cfg->npeople; i++)
		if (fr_streq(n->t.cfg->people[i].email, email))
			found = n->t.cfg->people[i].name;
	git_buf_dispose(&gb);
	git_config_free(gc);
	git_repository_free(repo);
	return found;
}

/* ---- the records already there ---- */

static const fr_record *const *of_kind(struct newrec *n, const char *kind, size_t *cnt)
{
	return fr_set_kind(n->set, kind, cnt);
}

static int month_of(const fr_record *r, const char *field)
{
	int first, nd;
	const char *m = fr_map_str(r->fm, field);
	return m && fr_month_parse(m, &first, &nd) == 0 ? first : FR_NO_DATE;
}

/* The record of kind whose `month` is the month starting at first and whose field names
 * who (field NULL: any), or NULL. */
static const fr_record *record_in_month(struct newrec *n, const char *kind, int first,
					const char *field, const char *name)
{
	size_t cnt, i;
	const fr_record *const *rs = of_kind(n, kind, &cnt);
	for (i = 0; i < cnt; i++)
		if (month_of(rs[i], "month") == first &&
		    (!field || fr_streq(fr_map_str(rs[i]->fm, field), name)))
			return rs[i];
	return NULL;
}

/* ---- the kinds ---- */

static int period_week(struct newrec *n, int *monday)
{
	if (n->week) {
		if (fr_week_parse(n->week, monday))
			return fr_usage_error("new", _("--week wants a week like 2026-W12, not '%s'"), n->week);
		return 0;
	}
	*monday = n->t.today - (fr_date_weekday(n->t.today) - 1);
	return 0;
}

/* next_month: plans are written in the month before the one they plan */
static int period_month(struct newrec *n, int next_month, int *first, int *ndays)
{
	char m[8];
	if (n->month) {
		if (fr_month_parse(n->month, first, ndays))
			return fr_usage_error("new", _("--month wants a month like 2026-05, not '%s'"), n->month);
		return 0;
	}
	fr_month_format(fr_month_add(n->t.today, next_month), m);
	fr_month_parse(m, first, ndays);
	return 0;
}

static int period_date(struct newrec *n, int *day)
{
	if (n->date) {
		if (fr_date_parse(n->date, day))
			return fr_usage_error("new", _("--date wants a date like 2026-03-05, not '%s'"), n->date);
		return 0;
	}
	*day = n->t.today;
	return 0;
}

static int is_meeting_role(const char *role)
{
	static const char *const roles[] = { "manager", "sales", "finance", "logistics", "aftersales" };
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(roles); i++)
		if (fr_streq(role, roles[i]))
			return 1;
	return 0;
}

static const char *dept_name(struct newrec *n, const char *role)
{
	if (!strcmp(role, "finance"))
		return L(n, "财务部", "Finance");
	if (!strcmp(role, "logistics"))
		return L(n, "物流部", "Logistics");
	return L(n, "售后部", "After-sales");
}

/* The report of name in a weekly meeting, or NULL. */
static const fr_node *report_of(const fr_record *r, const char *name)
{
	size_t i, cnt = fr_map_len(r->fm, "reports");
	for (i = 0; i < cnt; i++)
		if (fr_streq(fr_map_str(fr_map_item(r->fm, "reports", i), "person"), name))
			return fr_map_item(r->fm, "reports", i);
	return NULL;
}

/* One carried task: what W-CARRY compares (task, target, unit) and what the rate needs
 * (weight, better); the actual is the rep's to give. */
static void carried_task(fr_buf *y, const fr_node *t)
{
	const char *s;
	double w;
	fr_buf_adds(y, "      - {task: ");
	yq(y, fr_map_str(t, "task") ? fr_map_str(t, "task") : "");
	fr_buf_adds(y, ", target: ");
	ynum(y, fr_map_get(t, "target"));
	if ((s = fr_map_str(t, "unit"))) {
		fr_buf_adds(y, ", unit: ");
		yq(y, s);
	}
	if (fr_map_num(t, "weight", &w))
		fr_buf_adds(y, ", weight: "), ydouble(y, w);
	if ((s = fr_map_str(t, "better"))) {
		fr_buf_adds(y, ", better: ");
		yq(y, s);
	}
	fr_buf_adds(y, "}\n");
}

static int new_weekly(struct newrec *n)
{
	const fr_config *c = n->t.cfg;
	const fr_record *const *rs, *prev = NULL, *latest = NULL;
	const char *host = NULL, *att[256];
	size_t cnt, i, j, na = 0;
	int monday, rc;
	char w[9];

	if ((rc = period_week(n, &monday)))
		return rc;
	fr_week_format(monday, w);
	n->path = fr_xmalloc(sizeof("records/weekly/.md") + strlen(w));
	sprintf(n->path, "records/weekly/%s.md", w);
	rs = of_kind(n, "weekly-meeting", &cnt);
	for (i = 0; i < cnt; i++) {
		int m = fr_record_week_monday(rs[i]);
		if (m == monday - 7 && !prev)
			prev = rs[i];
		if (m != FR_NO_DATE && m < monday &&
		    (!latest || m > fr_record_week_monday(latest)))
			latest = rs[i];
	}
	/* the host: next in the rotation after the last meeting's host */
	if (c->nrotation) {
		const char *last = latest ? fr_map_str(latest->fm, "host") : NULL;
		host = c->rotation[0];
		for (i = 0; last && i < c->nrotation; i++)
			if (fr_streq(c->rotation[i], last))
				host = c->rotation[(i + 1) % c->nrotation];
	} else {
		host = manager(c);
	}
	for (i = 0; i < c->npeople && na < FR_ARRAY_LEN(att); i++)
		if (is_meeting_role(c->people[i].role))
			att[na++] = c->people[i].name;

	fr_buf_addf(&n->y, "kind: weekly-meeting\nweek: %s\ndate: ", w);
	ydate(&n->y, monday);
	fr_buf_addf(&n->y, "\n%s\n", L(n, "# started: \"09:15\"    # 开始时间（上班后30分钟内）",
					   "# started: \"09:15\"    # start time (within 30 minutes of work_start)"));
	fr_buf_addf(&n->y, "%s\n", L(n, "# minutes: 55         # 会议时长，不超过60分钟",
				     "# minutes: 55         # length, at most 60 minutes"));
	fr_buf_adds(&n->y, "host: ");
	yq(&n->y, host ? host : n->ph);
	fr_buf_adds(&n->y, "\nattendees: ");
	ylist(&n->y, att, na);
	fr_buf_adds(&n->y, "\nreports:\n");
	for (i = 0; i < na; i++) {
		const fr_person *p = fr_config_person(c, att[i]);
		const fr_node *old = prev ? report_of(prev, att[i]) : NULL;
		const fr_node *tw = fr_map_get(old, "this_week");
		if (!p || !fr_streq(p->role, "sales"))
			continue;
		fr_buf_adds(&n->y, "  - person: ");
		yq(&n->y, att[i]);
		fr_buf_addf(&n->y, "\n    last_week:%s\n",
			    fr_node_count(tw) ? L(n, "            # 填上每项的 actual（实际完成），偏差超过30%的写 reason",
						  "            # give each its actual; a deviation over 30% needs a reason")
					      : " []");
		for (j = 0; j < fr_node_count(tw); j++)
			carried_task(&n->y, tw->items[j]);
		fr_buf_adds(&n->y, "    this_week:\n");
		for (j = 0; j < 3; j++)
			fr_buf_addf(&n->y, "      - {task: %s, target: 1, unit: %s}\n", n->ph, n->ph);
	}
	fr_buf_adds(&n->y, "departments:\n");
	for (i = 0; i < c->npeople; i++) {
		const char *r = c->people[i].role;
		if (!fr_streq(r, "finance") && !fr_streq(r, "logistics") && !fr_streq(r, "aftersales"))
			continue;
		fr_buf_addf(&n->y, "  - department: %s\n    head: ", dept_name(n, r));
		yq(&n->y, c->people[i].name);
		fr_buf_addf(&n->y, "\n    tasks:\n      - {task: %s, owner: ", n->ph);
		yq(&n->y, c->people[i].name);
		fr_buf_adds(&n->y, "}\n");
	}
	if (manager(c)) {
		fr_buf_addf(&n->y, "company:\n  - {task: %s, owner: ", n->ph);
		yq(&n->y, manager(c));
		fr_buf_adds(&n->y, "}\n");
	}
	fr_buf_addf(&n->y, "%s\n# midweek:\n#   date: ",
		    L(n, "# 周四12:00前追踪时取消注释并填写：", "# at the Thursday noon follow-up, uncomment and fill in:"));
	ydate(&n->y, monday + 3);
	fr_buf_adds(&n->y, "\n#   checks:\n");
	for (i = 0; i < na; i++) {
		const fr_person *p = fr_config_person(c, att[i]);
		if (p && fr_streq(p->role, "sales"))
			fr_buf_addf(&n->y, "#     - {person: %s, task: ..., progress: 0}\n", att[i]);
	}
	heading(n, L(n, "上周要事达成情况", "Last week's key tasks"),
		L(n, "每位销售代表上周要事的达成情况，偏差超过30%的简述原因",
		  "how each rep did on last week's tasks; explain deviations over 30%"));
	heading(n, L(n, "本周三件要事", "This week's three key tasks"),
		L(n, "每人三件具体、数字化的要事（目标和单位）", "three concrete, numeric tasks each (target and unit)"));
	heading(n, L(n, "部门与公司要事", "Department and company tasks"),
		L(n, "财务、物流、售后传达的本部门要事，经理的公司要事", "what finance, logistics, after-sales and the manager pass on"));
	return 0;
}

static int new_cards(struct newrec *n)
{
	const char *who_ = who(n);
	const fr_person *sales = first_role(n->t.cfg, "sales");
	int monday, rc;
	char w[9];
	if ((rc = period_week(n, &monday)))
		return rc;
	fr_week_format(monday, w);
	n->path = fr_xmalloc(sizeof("records/cards/.md") + strlen(w));
	sprintf(n->path, "records/cards/%s.md", w);
	if (!who_)
		who_ = sales ? sales->name : manager(n->t.cfg);
	fr_buf_addf(&n->y, "kind: cards\nweek: %s\nconfirmed: ", w);
	ydate(&n->y, monday);
	fr_buf_addf(&n->y, "%s\nproducts:\n", L(n, "             # 周例会审核确认（1至3种）",
						   "             # confirmed at the Monday meeting (1 to 3 products)"));
	fr_buf_addf(&n->y, "  - sku: %s\n    name: %s\n    card: red            # %s\n"
			   "    quantity: 1\n    price: 1\n    partner_price: 2\n    assignees: [",
		    n->ph, n->ph, L(n, "red 本周售完；yellow 两周内售完", "red: sold out this week; yellow: within two weeks"));
	yq(&n->y, who_ ? who_ : n->ph);
	fr_buf_adds(&n->y, "]\n    tracking:\n      - {date: ");
	ydate(&n->y, monday);
	fr_buf_adds(&n->y, ", sold: 0}\n");
	heading(n, L(n, "红黄牌产品", "Red and yellow card products"),
		L(n, "产品的数量、供货价和渠道价（渠道价须高于供货价）", "quantity, our price and the partner's price (above ours)"));
	heading(n, L(n, "销售追踪", "Tracking"),
		L(n, "周四追踪累计销量", "cumulative sales at the Thursday follow-up"));
	return 0;
}

static int need_person(struct newrec *n, const char **p)
{
	*p = who(n);
	if (!*p)
		return fr_usage_error("new", _("say whose record it is with --person NAME (a name in flowrec.yaml's people)"));
	if (!fr_config_person(n->t.cfg, *p))
		return fr_usage_error("new", _("'%s' is not in flowrec.yaml's people"), *p);
	return 0;
}

/* A name that becomes a file name: no slash, no leading dot, not empty. */
static int name_ok(const char *s, const char *opt)
{
	if (!s || !*s || strchr(s, '/') || s[0] == '.') {
		fr_usage_error("new", _("%s wants a name that can be a file name (no '/', not starting with '.')"), opt);
		return 0;
	}
	return 1;
}

static void month_path(struct newrec *n, const char *dir, int first, const char *name)
{
	char m[8];
	fr_month_format(first, m);
	n->path = fr_xmalloc(strlen(dir) + strlen(name) + 32);
	sprintf(n->path, "records/%s/%s/%s.md", dir, m, name);
}

/* The start every record of a month shares: the month (next_month: plans are written in the
 * month before), whose record it is (--person, else the roster entry of the git email), the
 * name of its file (the person's; with customer_missing, --customer's, that message when it is
 * absent) and its path records/DIR/YYYY-MM/NAME.md in n->path. *first: the month's first day,
 * *ndays: its length, m: "YYYY-MM", *p: the person. Returns 0, or the exit status after a usage
 * error. */
static int month_record_start(struct newrec *n, int next_month, const char *dir, const char *customer_missing,
			      int *first, int *ndays, const char **p, char m[8])
{
	const char *name;
	int rc;
	if ((rc = period_month(n, next_month, first, ndays)) || (rc = need_person(n, p)))
		return rc;
	name = customer_missing ? n->customer : *p;
	if (customer_missing && !name)
		return fr_usage_error("new", "%s", customer_missing);
	if (!name_ok(name, customer_missing ? "--customer" : "--person"))
		return FR_EXIT_FAIL;
	month_path(n, dir, *first, name);
	fr_month_format(*first, m);
	return 0;
}

static int new_monthly(struct newrec *n)
{
	const char *p;
	const fr_record *prev;
	const fr_node *pm = NULL;
	int first, nd, rc;
	size_t i;
	char m[8];
	if ((rc = month_record_start(n, 1, "monthly", NULL, &first, &nd, &p, m)))
		return rc;
	prev = record_in_month(n, "monthly-plan", fr_month_add(first, -1), "person", p);
	if (prev)
		pm = fr_map_get(fr_map_get(prev->fm, "plan"), "metrics");
	fr_buf_adds(&n->y, "kind: monthly-plan\nperson: ");
	yq(&n->y, p);
	fr_buf_addf(&n->y, "\nmonth: %s\nsummary:                 # %s\n  metrics:\n", m,
		    L(n, "上月总结：填上 actual，偏差超过30%的写 reason", "last month: give each actual; a deviation over 30% needs a reason"));
	for (i = 0; i < fr_node_count(pm); i++) {
		const fr_node *it = pm->items[i];
		const char *s = fr_map_str(it, "unit");
		const char *b = fr_map_str(it, "better");
		double w;
		fr_buf_adds(&n->y, "    - {name: ");
		yq(&n->y, fr_map_str(it, "name") ? fr_map_str(it, "name") : "");
		if (s) {
			fr_buf_adds(&n->y, ", unit: ");
			yq(&n->y, s);
		}
		fr_buf_adds(&n->y, ", target: ");
		ynum(&n->y, fr_map_get(it, "target"));
		if (fr_map_num(it, "weight", &w))
			fr_buf_adds(&n->y, ", weight: "), ydouble(&n->y, w);
		if (b) {
			fr_buf_adds(&n->y, ", better: ");
			yq(&n->y, b);
		}
		fr_buf_adds(&n->y, "}\n");
	}
	if (!fr_node_count(pm))
		fr_buf_addf(&n->y, "    - {name: %s, unit: %s, target: 1}\n", n->ph, n->ph);
	fr_buf_addf(&n->y, "  highlight: %s              # %s\n  lowlight: %s               # %s\n",
		    n->ph, L(n, "亮点：只列一条最重要的", "the one highlight"),
		    n->ph, L(n, "暗点：只列一条最重要的", "the one lowlight"));
	fr_buf_adds(&n->y, "plan:\n  metrics:\n");
	for (i = 0; i < fr_node_count(pm); i++) {
		const fr_node *it = pm->items[i];
		const char *s = fr_map_str(it, "unit");
		fr_buf_adds(&n->y, "    - {name: ");
		yq(&n->y, fr_map_str(it, "name") ? fr_map_str(it, "name") : "");
		if (s) {
			fr_buf_adds(&n->y, ", unit: ");
			yq(&n->y, s);
		}
		fr_buf_addf(&n->y, ", target: 1, measures: [%s]}\n", n->ph);
	}
	if (!fr_node_count(pm))
		fr_buf_addf(&n->y, "    - {name: %s, unit: %s, target: 1, measures: [%s]}\n", n->ph, n->ph, n->ph);
	fr_buf_addf(&n->y, "  golden_page:            # %s\n    - {action: %s, owner: ",
		    L(n, "黄金页：只写方法和行动", "golden page: methods and actions only"), n->ph);
	yq(&n->y, p);
	fr_buf_adds(&n->y, ", due: ");
	ydate(&n->y, first + nd - 1);
	fr_buf_addf(&n->y, "}\n  blank_sheet:            # %s\n    - {role: %s, person: ",
		    L(n, "一张白纸：明确角色和具体行动", "blank sheet: clear roles, concrete actions"),
		    L(n, "销售代表", "sales rep"));
	yq(&n->y, p);
	fr_buf_addf(&n->y, ", action: %s, due: ", n->ph);
	ydate(&n->y, first + nd - 1);
	fr_buf_addf(&n->y, "}\n%s\n# mid_month:\n#   date: ", L(n, "# 16日月中调整时取消注释：只写偏差超过30%的指标",
							   "# at the mid-month review (the 16th), uncomment: only metrics off by more than 30%"));
	ydate(&n->y, first + 15);
	fr_buf_adds(&n->y, "\n#   items: [{metric: ..., actual_to_date: 0, reason: ...}]\n");
	heading(n, L(n, "上月总结", "Last month"), L(n, "亮点、暗点和偏差原因", "the highlight, the lowlight and why targets were missed"));
	heading(n, L(n, "本月计划", "This month's plan"),
		L(n, "各项指标的目标（target）和措施", "each metric's target and its measures"));
	return 0;
}

static int new_product(struct newrec *n)
{
	const char *p;
	const fr_record *prev;
	const fr_node *prods = NULL;
	int first, nd, rc;
	size_t i;
	char m[8];
	if ((rc = month_record_start(n, 1, "product", NULL, &first, &nd, &p, m)))
		return rc;
	prev = record_in_month(n, "product-plan", fr_month_add(first, -1), "owner", p);
	if (prev)
		prods = fr_map_get(prev->fm, "products");
	fr_buf_addf(&n->y, "kind: product-plan\nmonth: %s\nowner: ", m);
	yq(&n->y, p);
	fr_buf_addf(&n->y, "\nproducts:                # %s\n",
		    L(n, "class: profit 利润 | key 重点 | slow 滞销 | star 明星", "class: profit | key | slow | star"));
	for (i = 0; i < fr_node_count(prods) || (i == 0 && !fr_node_count(prods)); i++) {
		const fr_node *it = prods ? fr_node_count(prods) ? prods->items[i] : NULL : NULL;
		const char *sku = fr_map_str(it, "sku"), *cls = fr_map_str(it, "class");
		fr_buf_adds(&n->y, "  - sku: ");
		yq(&n->y, sku ? sku : n->ph);
		fr_buf_adds(&n->y, "\n    class: ");
		yq(&n->y, cls ? cls : "star");
		fr_buf_addf(&n->y, "\n    strategy: %s\n", n->ph);
		if (fr_streq(cls, "slow")) {
			fr_buf_adds(&n->y, "    sell_by: ");
			ydate(&n->y, first + 19);
			fr_buf_adds(&n->y, "\n");
		}
		fr_buf_adds(&n->y, "    forecast: {sales: 0, profit: 0}\n");
	}
	fr_buf_addf(&n->y, "cards: []                # %s\npromotions: []\napprovals: []            # %s\n",
		    L(n, "建议的红黄牌产品，不超过3种", "proposed red/yellow cards, at most 3"),
		    L(n, "1日经理确认（confirm），2日上级审核（review）", "the manager confirms by the 1st, the director reviews by the 2nd"));
	heading(n, L(n, "产品运营", "Products"),
		L(n, "每个产品的定位、销售策略和预估（forecast）", "each product's class, strategy and forecast"));
	return 0;
}

/* The first scorecard of class cls in the quarter of first, or in the quarter before when
 * prev_q. */
static const fr_record *scorecard_of_class(struct newrec *n, const char *cls, int first, int prev_q)
{
	size_t cnt, i;
	const fr_record *const *rs = of_kind(n, "partner-scorecard", &cnt);
	int y, m, d, q0;
	fr_date_ymd(first, &y, &m, &d);
	q0 = fr_month_add(first, -((m - 1) % 3) - (prev_q ? 3 : 0));
	for (i = 0; i < cnt; i++) {
		int mm = month_of(rs[i], "month");
		if (mm != FR_NO_DATE && mm >= q0 && mm < fr_month_add(q0, 3) &&
		    fr_streq(fr_map_str(rs[i]->fm, "class"), cls))
			return rs[i];
	}
	return NULL;
}

static int new_scorecard(struct newrec *n)
{
	const char *partner = n->customer, *p, *cls = "A";
	const fr_record *same, *last, *latest = NULL;
	const fr_node *f;
	size_t cnt, i;
	int first, nd, rc;
	char m[8];
	const fr_record *const *rs;
	if ((rc = month_record_start(n, 0, "partners", _("say which partner with --customer NAME"), &first, &nd, &p, m)))
		return rc;
	rs = of_kind(n, "partner-scorecard", &cnt);
	for (i = 0; i < cnt; i++)
		if (fr_streq(fr_map_str(rs[i]->fm, "partner"), partner) && month_of(rs[i], "month") < first)
			latest = rs[i];
	if (latest && fr_map_str(latest->fm, "class"))
		cls = fr_map_str(latest->fm, "class");
	same = scorecard_of_class(n, cls, first, 0);
	last = same ? NULL : scorecard_of_class(n, cls, first, 1);
	fr_buf_adds(&n->y, "kind: partner-scorecard\npartner: ");
	yq(&n->y, partner);
	fr_buf_adds(&n->y, "\nclass: ");
	yq(&n->y, cls);
	fr_buf_addf(&n->y, "\nmonth: %s\nscorer: ", m);
	yq(&n->y, p);
	fr_buf_addf(&n->y, "\nfactors:                 # %s\n",
		    same ? L(n, "本季度同级伙伴的考核要素；填上 score（0-100）", "this quarter's factors for the class; give each score (0-100)")
		    : last ? L(n, "新的季度：考核要素每季度更换一次，换掉上季度的要素", "a new quarter: the factors change every quarter, replace last quarter's")
			   : L(n, "至少2项，权重合计100", "at least 2, weights summing to 100"));
	f = fr_map_get((same ? same : last) ? (same ? same : last)->fm : NULL, "factors");
	for (i = 0; i < fr_node_count(f); i++) {
		const fr_node *it = f->items[i];
		fr_buf_adds(&n->y, "  - {name: ");
		if (same) {
			yq(&n->y, fr_map_str(it, "name") ? fr_map_str(it, "name") : n->ph);
		} else {
			fr_buf t = FR_BUF_INIT;
			fr_buf_addf(&t, "%s%s%s%s", n->ph, L(n, "（上季度：", " (last quarter: "),
				    fr_map_str(it, "name") ? fr_map_str(it, "name") : "", L(n, "）", ")"));
			yq(&n->y, t.ptr);
			fr_buf_free(&t);
		}
		fr_buf_adds(&n->y, ", weight: ");
		ynum(&n->y, fr_map_get(it, "weight"));
		fr_buf_adds(&n->y, ", score: 0}\n");
	}
	if (!fr_node_count(f))
		fr_buf_addf(&n->y, "  - {name: %s, weight: 50, score: 0}\n  - {name: %s, weight: 50, score: 0}\n",
			    n->ph, n->ph);
	fr_buf_addf(&n->y, "%s\n# reviewed: {by: %s, date: ", L(n, "# 经理审核后取消注释；3日前文字并口头通告：",
								  "# once the manager has reviewed, uncomment; notify by the 3rd, written and verbal:"),
		    manager(n->t.cfg) ? manager(n->t.cfg) : "...");
	ydate(&n->y, first + nd - 1);
	fr_buf_adds(&n->y, "}\n# notified: {date: ");
	ydate(&n->y, fr_month_add(first, 1) + 1);
	fr_buf_adds(&n->y, ", written: true, verbal: true}\n");
	heading(n, L(n, "绩效评分", "Scores"), L(n, "每项考核要素的得分（score）和依据", "each factor's score and why"));
	return 0;
}

static int new_channel(struct newrec *n)
{
	const char *p;
	const fr_record *prev;
	int first, nd, rc;
	char m[8];
	if ((rc = month_record_start(n, 0, "channel", NULL, &first, &nd, &p, m)))
		return rc;
	prev = record_in_month(n, "channel-service", fr_month_add(first, -1), "specialist", p);
	fr_buf_addf(&n->y, "kind: channel-service\nmonth: %s\nspecialist: ", m);
	yq(&n->y, p);
	fr_buf_addf(&n->y, "\nservices:                # %s\n",
		    L(n, "每月两期分类服务、一期重点客户服务；效果第一", "two classified services and one key-customer service a month; effect first"));
	fr_buf_adds(&n->y, "  - {type: classified, date: ");
	ydate(&n->y, first + 9);
	fr_buf_addf(&n->y, ", customers: [%s], effect: %s}\n  - {type: classified, date: ", n->ph, n->ph);
	ydate(&n->y, first + 24);
	fr_buf_addf(&n->y, ", customers: [%s], effect: %s}\n  - {type: key-customer, date: ", n->ph, n->ph);
	ydate(&n->y, first + 14);
	fr_buf_addf(&n->y, ", customers: [%s], effect: %s}\n", n->ph, n->ph);
	if (prev && !fr_map_get(prev->fm, "price_survey")) {
		fr_buf_addf(&n->y, "price_survey:            # %s\n  date: ",
			    L(n, "上月没有价格调查：本月必须做", "no price survey last month: one is due this month"));
		ydate(&n->y, first + 19);
		fr_buf_addf(&n->y, "\n  summary: %s\n", n->ph);
	} else {
		fr_buf_addf(&n->y, "%s\n# price_survey: {date: ", L(n, "# 价格调查（每两个月至少一次）：", "# price survey (at least every two months):"));
		ydate(&n->y, first + 19);
		fr_buf_adds(&n->y, ", summary: ...}\n");
	}
	fr_buf_addf(&n->y, "%s\n# satisfaction_survey: {date: ", L(n, "# 满意度调查（每半年至少一次）：", "# satisfaction survey (at least every six months):"));
	ydate(&n->y, first + nd - 3);
	fr_buf_adds(&n->y, ", score: 0, responses: 0}\n");
	heading(n, L(n, "渠道服务", "Services"), L(n, "每次服务的客户和效果", "each service's customers and effect"));
	return 0;
}

static int new_onboarding(struct newrec *n)
{
	static const struct { const char *step; int off; const char *zh, *en; } steps[] = {
		{ "informed", -1, "D-1 文字告知财务、物流、商务、售后", "D-1 finance, logistics, commerce, after-sales told in writing" },
		{ "training", 0, "D 提货当天产品培训", "D product training on pickup day" },
		{ "promo_delivery", 0, "D 宣传物料随货配送", "D promotion material shipped with the goods" },
		{ "channel_review", 5, "D+5 渠道专员分类服务", "D+5 the channel specialist reviews class and services" },
		{ "aftersales_call", 20, "D+20 售后电话沟通", "D+20 after-sales phone call" },
		{ "manager_visit", 26, "D+26 经理拜访", "D+26 manager visit" },
	};
	const char *p;
	int day, rc;
	size_t i;
	if (!n->customer)
		return fr_usage_error("new", _("say which customer with --customer NAME"));
	if ((rc = period_date(n, &day)) || (rc = need_person(n, &p)))
		return rc;
	if (!name_ok(n->customer, "--customer"))
		return FR_EXIT_FAIL;
	n->path = fr_xmalloc(strlen(n->customer) + sizeof("records/onboarding/.md"));
	sprintf(n->path, "records/onboarding/%s.md", n->customer);
	fr_buf_adds(&n->y, "kind: onboarding\ncustomer: ");
	yq(&n->y, n->customer);
	fr_buf_adds(&n->y, "\nowner: ");
	yq(&n->y, p);
	fr_buf_adds(&n->y, "\nfirst_pickup: ");
	ydate(&n->y, day);
	fr_buf_addf(&n->y, "%s\nsteps: {}\n%s\n", L(n, "       # 首次提货日（D）", "       # the first pickup (D)"),
		    L(n, "# 每完成一步，把它写进 steps，日期为完成日；截止日：",
		      "# as each step is done, add it to steps with the day it was done; due:"));
	for (i = 0; i < FR_ARRAY_LEN(steps); i++) {
		fr_buf_addf(&n->y, "#   %s: ", steps[i].step);
		ydate(&n->y, day + steps[i].off);
		fr_buf_addf(&n->y, "   # %s\n", L(n, steps[i].zh, steps[i].en));
	}
	heading(n, L(n, "客户情况", "The customer"), L(n, "首单产品、数量和需要的支持", "the first order and the support it needs"));
	return 0;
}

static int new_meeting(struct newrec *n)
{
	const char *host = n->person ? n->person : manager(n->t.cfg);
	char d[11];
	int day, rc;
	if ((rc = period_date(n, &day)))
		return rc;
	if (!n->title)
		return fr_usage_error("new", _("say what the meeting is with --title T"));
	if (!name_ok(n->title, "--title"))
		return FR_EXIT_FAIL;
	if (n->person && !fr_config_person(n->t.cfg, n->person))
		return fr_usage_error("new", _("'%s' is not in flowrec.yaml's people"), n->person);
	fr_date_format(day, d);
	n->path = fr_xmalloc(strlen(n->title) + sizeof("records/meetings/-.md") + 10);
	sprintf(n->path, "records/meetings/%s-%s.md", d, n->title);
	fr_buf_adds(&n->y, "kind: meeting\ntitle: ");
	yq(&n->y, n->title);
	fr_buf_addf(&n->y, "\ndate: %s\npurpose: %s          # %s\nhost: ", d, n->ph,
		    L(n, "会议主题和目的", "the subject and purpose"));
	yq(&n->y, host ? host : n->ph);
	fr_buf_adds(&n->y, "\ninvited: [");
	yq(&n->y, host ? host : n->ph);
	fr_buf_adds(&n->y, "]\npresent: [");
	yq(&n->y, host ? host : n->ph);
	fr_buf_addf(&n->y, "]\nagenda:                  # %s\n  - {topic: %s, minutes: 15}\n",
		    L(n, "每个议题限定时间", "a time limit for every topic"), n->ph);
	fr_buf_addf(&n->y, "# minutes: 40            # %s\ndecisions: []            # %s\n",
		    L(n, "会议实际时长", "how long it took"),
		    L(n, "{decision: ..., owner: ..., due: YYYY-MM-DD, status: open}", "{decision: ..., owner: ..., due: YYYY-MM-DD, status: open}"));
	fr_buf_addf(&n->y, "# distributed: %s        # %s\n", d,
		    L(n, "会议纪要发送给与会人员的日期", "the day the minutes were sent"));
	heading(n, L(n, "会议纪要", "Minutes"), L(n, "讨论要点、决策结果、责任人和时间表", "what was discussed, decided, by whom and when"));
	return 0;
}

static int new_process(struct newrec *n)
{
	static const char *const principles[] = { "goal_impact", "value_adding", "info_flow",
		"min_approvals", "easy_interfaces", "min_waiting", "min_people", "full_activities" };
	const char *owner = n->person ? n->person : manager(n->t.cfg);
	size_t i;
	if (!n->title)
		return fr_usage_error("new", _("say which process with --title NAME"));
	if (!name_ok(n->title, "--title"))
		return FR_EXIT_FAIL;
	if (n->person && !fr_config_person(n->t.cfg, n->person))
		return fr_usage_error("new", _("'%s' is not in flowrec.yaml's people"), n->person);
	n->path = fr_xmalloc(strlen(n->title) + sizeof("records/processes/.md"));
	sprintf(n->path, "records/processes/%s.md", n->title);
	fr_buf_adds(&n->y, "kind: process\nname: ");
	yq(&n->y, n->title);
	fr_buf_addf(&n->y, "\ncategory: operations     # %s\nowner: ",
		    L(n, "business 经营流程 | operations 业务流程 | management 管理流程", "business | operations | management"));
	yq(&n->y, owner ? owner : n->ph);
	fr_buf_addf(&n->y, "\ncustomer: %s\ninput: %s\noutput: %s\nsteps:\n"
			   "  - {id: s1, activity: %s, role: %s, when: %s}\n",
		    n->ph, n->ph, n->ph, n->ph, n->ph, n->ph);
	fr_buf_addf(&n->y, "review:                  # %s\n",
		    L(n, "八项原则，逐项回答 true 或 false", "the eight principles, each true or false"));
	for (i = 0; i < FR_ARRAY_LEN(principles); i++)
		fr_buf_addf(&n->y, "  %s: false\n", principles[i]);
	heading(n, L(n, "流程说明", "The process"), L(n, "客户需求、活动和产出；评估八项原则", "the need, the activities, the output; the review of the eight principles"));
	return 0;
}

static const struct {
	const char *kind;
	int (*fn)(struct newrec *);
} makers[] = {
	{ "weekly-meeting", new_weekly },
	{ "cards", new_cards },
	{ "monthly-plan", new_monthly },
	{ "product-plan", new_product },
	{ "partner-scorecard", new_scorecard },
	{ "channel-service", new_channel },
	{ "onboarding", new_onboarding },
	{ "meeting", new_meeting },
	{ "process", new_process },
};

/* ---- writing ---- */

static int mkdirs(const char *root, const char *rel)
{
	char *p = fr_xmalloc(strlen(root) + strlen(rel) + 2), *s;
	int rc = 0;
	sprintf(p, "%s/%s", root, rel);
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST) {
			fr_die_msg(_("cannot create '%s': %s"), p, strerror(errno));
			rc = -1;
		}
		*s = '/';
		if (rc)
			break;
	}
	free(p);
	return rc;
}

/* Write text to root/rel without ever replacing a file: a temporary file in the same folder,
 * linked to the name (which fails if it exists), then removed. 0, 1 when it exists, 2 else. */
static int write_new(const char *root, const char *rel, const char *text, size_t len)
{
	char *full = fr_xmalloc(strlen(root) + strlen(rel) + 2), *tmp, *slash;
	int fd, rc = FR_EXIT_FAIL;
	FILE *f;
	sprintf(full, "%s/%s", root, rel);
	tmp = fr_xmalloc(strlen(full) + 16);
	strcpy(tmp, full);
	slash = strrchr(tmp, '/');
	strcpy(slash + 1, ".flowrec-new.XXXXXX");
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w"))) {
		fr_die_msg(_("cannot write '%s': %s"), full, strerror(errno));
		if (fd >= 0)
			close(fd), unlink(tmp);
		goto done;
	}
	if (fwrite(text, 1, len, f) != len || fclose(f)) {
		fr_die_msg(_("cannot write '%s': %s"), full, strerror(errno));
		unlink(tmp);
		goto done;
	}
	if (link(tmp, full)) {
		if (errno == EEXIST) {
			fr_die_msg(_("'%s' already exists: flowrec new never overwrites a record (edit it, or move it away)"), rel);
			rc = FR_EXIT_FOUND;
		} else {
			fr_die_msg(_("cannot write '%s': %s"), full, strerror(errno));
		}
		unlink(tmp);
		goto done;
	}
	unlink(tmp);
	rc = 0;
done:
	free(tmp);
	free(full);
	return rc;
}

/* Run $VISUAL, else $EDITOR, else vi on path, through the shell (the variable may hold
 * arguments). Returns 0, or 2 when the editor failed. */
static int edit(const char *path)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int st;
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec $FLOWREC_EDITOR \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fr_die_msg(_("the editor '%s' failed on '%s'"), ed, path);
		return FR_EXIT_FAIL;
	}
	return 0;
}

static void kinds_list(fr_buf *b)
{
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(makers); i++)
		fr_buf_addf(b, "%s%s", i ? ", " : "", makers[i].kind);
}

int cmd_new(int argc, char **argv)
{
	struct newrec n;
	int edit_ = 0, rc, depth = 0;
	const char *today = NULL, *s;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("week", "YYYY-Www", N_("the week (weekly-meeting, cards); default this week"), &n.week),
		FR_OPT_STR_("month", "YYYY-MM", N_("the month (plans: default next month; scorecard, channel-service: this month)"), &n.month),
		FR_OPT_STR_("date", "YYYY-MM-DD", N_("the day (meeting; onboarding: the first pickup); default today"), &n.date),
		FR_OPT_STR_("person", N_("NAME"), N_("whose record (default: the roster entry of your git email)"), &n.person),
		FR_OPT_STR_("customer", N_("NAME"), N_("the customer (onboarding) or partner (partner-scorecard)"), &n.customer),
		FR_OPT_STR_("title", N_("T"), N_("the title (meeting) or name (process)"), &n.title),
		FR_OPT_FLAG_("edit", N_("open the new record in $VISUAL or $EDITOR"), &edit_),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date the default period is taken from"), &today),
		FR_OPT_END_
	};
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_buf out = FR_BUF_INIT;
	size_t i;
	char *shown = NULL, *cwd = NULL;

	memset(&n, 0, sizeof(n));
	fr_buf_init(&n.y);
	fr_buf_init(&n.body);
	rc = fr_parse_options("new", N_("KIND [--week W | --month M | --date D] [--person NAME] [--customer NAME] [--title T] [--edit]"),
			      opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (argc != 1) {
		kinds_list(&out);
		rc = fr_usage_error("new", _("say which kind of record: %s"), out.ptr);
		fr_buf_free(&out);
		return rc;
	}
	for (i = 0; i < FR_ARRAY_LEN(makers); i++)
		if (!strcmp(makers[i].kind, argv[0]))
			break;
	if (i == FR_ARRAY_LEN(makers)) {
		kinds_list(&out);
		rc = fr_usage_error("new", _("'%s' is not a kind of record; the kinds are: %s"), argv[0], out.ptr);
		fr_buf_free(&out);
		return rc;
	}
	if ((rc = fr_team_open(&n.t, "new", today)))
		return rc;
	git_libgit2_init();
	rc = FR_EXIT_FAIL;
	if (fr_files_from_dir(&files, n.t.root, &d))
		goto done;
	for (size_t k = 0; k < files.n; k++)
		files.v[k].selected = 0;
	fr_set_check(&n.set, &files, n.t.cfg, n.t.schemas, n.t.today, &d);
	n.zh = strcmp(n.t.cfg->locale, "en") != 0;
	/* the placeholder: a Chinese team's own word when it has one, else its first */
	n.ph = n.t.cfg->nplaceholders ? n.t.cfg->placeholders[0] : "TODO";
	for (i = 0; n.zh && i < n.t.cfg->nplaceholders; i++)
		if ((unsigned char)n.t.cfg->placeholders[i][0] >= 0x80) {
			n.ph = n.t.cfg->placeholders[i];
			break;
		}
	for (i = 0; i < FR_ARRAY_LEN(makers); i++)
		if (!strcmp(makers[i].kind, argv[0]))
			break;
	if ((rc = makers[i].fn(&n)))
		goto done;

	for (s = n.path; (s = strchr(s, '/')); s++)
		depth++;
	fr_buf_adds(&out, "---\n# yaml-language-server: $schema=");
	for (; depth > 0; depth--)
		fr_buf_adds(&out, "../");
	fr_buf_addf(&out, ".flowrec/schemas/%s.json\n", makers[i].kind);
	fr_buf_add(&out, n.y.ptr, n.y.len);
	fr_buf_adds(&out, "---\n");
	fr_buf_add(&out, n.body.ptr, n.body.len);
	if (mkdirs(n.t.root, n.path)) {
		rc = FR_EXIT_FAIL;
		goto done;
	}
	if ((rc = write_new(n.t.root, n.path, out.ptr, out.len)))
		goto done;
	/* the path as the user can open it: relative when run at the team's root */
	cwd = getcwd(NULL, 0);
	if (cwd && !strcmp(cwd, n.t.root)) {
		shown = fr_xstrdup(n.path);
	} else {
		shown = fr_xmalloc(strlen(n.t.root) + strlen(n.path) + 2);
		sprintf(shown, "%s/%s", n.t.root, n.path);
	}
	printf("%s\n", shown);
	if (edit_) {
		setenv("FLOWREC_EDITOR", getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
				       : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR") : "vi", 1);
		rc = edit(shown);
	}
done:
	free(cwd);
	free(shown);
	fr_buf_free(&out);
	fr_buf_free(&n.y);
	fr_buf_free(&n.body);
	free(n.path);
	fr_set_free(n.set);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_team_close(&n.t);
	git_libgit2_shutdown();
	return rc;
}
