/* due.c - `flowrec due [--today DATE] [--format text|json] [--rev REV]`: what is due, late or
 * missing as of a date, and each person's on-time rate from git history
 *
 * Items (DOMAIN.md sections 4 and 5), each with a status:
 *   missing  a record or a section that should exist by now does not (weekly minutes, the
 *            Thursday follow-up, a sales rep's monthly plan, a product plan's approval)
 *   overdue  a thing inside a record is past its due date and not done (a card product not
 *            sold out by its deadline, an onboarding step, an open meeting decision, a
 *            scorecard not reviewed by the month's end, a partner notice after the 3rd)
 *   late     done, but after its deadline (from history: W-ONTIME, W-MIDWEEK, M-ONTIME,
 *            P-ONTIME; and partner notices given after the 3rd)
 *   open     not done, due later (the next onboarding step, this week's minutes, ...)
 * "Now" is the end of --today (23:59:59 local), or the current time; commits dated after it
 * count as not yet made. The records are the working tree's (or REV's); history is HEAD's (or
 * REV's). Outside a git repository everything but the history-based facts is still listed.
 */
#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "engine.h"
#include "history.h"
#include "i18n.h"
#include "repo.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum status { ST_MISSING, ST_OVERDUE, ST_OPEN, ST_LATE };
static const char *const status_names[] = { "missing", "overdue", "open", "late" };

struct item {
	const char *kind, *what, *who, *path, *rule;
	int due;               /* day number */
	int hhmm;              /* deadline's clock time in minutes, -1 for the end of the day */
	long long done;        /* unix time when done late, else 0 */
	enum status status;
};

struct items {
	fr_arena *a;
	struct item *v;
	size_t n, cap;
};

static struct item *add(struct items *it, const char *kind, const char *path, const char *who,
			int due, enum status st)
{
	struct item *x;
	FR_GROW(it->v, it->cap, it->n + 1);
	x = &it->v[it->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->path = path;
	x->who = who ? who : "";
	x->due = due;
	x->hhmm = -1;
	x->status = st;
	x->what = "";
	return x;
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

static long long end_of_day(int days)
{
	struct tm tm;
	int y, m, d;
	memset(&tm, 0, sizeof(tm));
	fr_date_ymd(days, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

static void from_facts(struct items *it, const fr_facts *f)
{
	size_t i;
	for (i = 0; i < f->n; i++) {
		const fr_fact *x = &f->v[i];
		struct item *y;
		enum status st;
		int min;
		switch (x->status) {
		case FR_FACT_OPEN: st = ST_OPEN; break;
		case FR_FACT_LATE: st = ST_LATE; break;
		case FR_FACT_MISSING: st = ST_MISSING; break;
		default: continue;
		}
		y = add(it, x->kind, x->path, x->who, local_day(x->deadline, &min), st);
		/* a deadline at 23:59:59 is the whole day; others show their time */
		if (local_day(x->deadline + 1, NULL) == y->due)
			y->hhmm = min;
		y->rule = x->rule;
		y->done = st == ST_LATE ? x->done : 0;
		y->what = x->uncommitted ? fr_asprintf(it->a, _("%s (not committed)"), x->what) : x->what;
	}
}

static const char *joined(fr_arena *a, const fr_node *seq)
{
	fr_buf b = FR_BUF_INIT;
	size_t i;
	const char *s;
	for (i = 0; seq && seq->type == FR_SEQ && i < seq->n; i++) {
		if (!fr_node_str(seq->items[i]))
			continue;
		if (b.len)
			fr_buf_adds(&b, ", ");
		fr_buf_adds(&b, fr_node_str(seq->items[i]));
	}
	s = fr_strdup(a, b.ptr);
	fr_buf_free(&b);
	return s;
}

static const char *role_names(fr_arena *a, const fr_config *cfg, const char *role)
{
	fr_buf b = FR_BUF_INIT;
	size_t i;
	const char *s;
	for (i = 0; i < cfg->npeople; i++) {
		if (!cfg->people[i].role || strcmp(cfg->people[i].role, role))
			continue;
		if (b.len)
			fr_buf_adds(&b, ", ");
		fr_buf_adds(&b, cfg->people[i].name);
	}
	s = fr_strdup(a, b.ptr);
	fr_buf_free(&b);
	return s;
}

/* Card products not sold out, as the cards kind judges them (cards.c): overdue after the
 * deadline, open before it. */
static void cards(struct items *it, const fr_set *s)
{
	size_t n, i, k;
	const fr_record *const *r = fr_set_kind(s, "cards", &n);
	for (i = 0; i < n; i++) {
		const fr_node *fig = fr_set_figures(s, r[i], it->a);
		const fr_node *ps = fr_map_get(fig, "products");
		for (k = 0; ps && ps->type == FR_SEQ && k < ps->n; k++) {
			const fr_node *p = ps->items[k];
			const char *status = fr_map_str(p, "status"), *card = fr_map_str(p, "card");
			const char *sku = fr_map_str(p, "sku");
			double qty = 0, sold = 0;
			int deadline;
			struct item *x;
			if (!fr_streq(status, "overdue") && !fr_streq(status, "open"))
				continue;
			if (fr_date_parse(fr_map_str(p, "deadline"), &deadline))
				continue;
			fr_map_num(p, "quantity", &qty);
			fr_map_num(p, "sold", &sold);
			x = add(it, "cards", r[i]->path, joined(it->a, fr_map_get(p, "assignees")),
				deadline, fr_streq(status, "overdue") ? ST_OVERDUE : ST_OPEN);
			x->what = fr_asprintf(it->a, _("%s card %s: %g of %g sold"),
					      fr_streq(card, "red") ? _("red") : _("yellow"),
					      sku ? sku : "?", sold, qty);
		}
	}
}

/* Onboarding steps not done (the kind's `pending` figure): overdue after their due day, and
 * the next one open. */
static void onboarding(struct items *it, const fr_set *s, int today)
{
	size_t n, i, k;
	const fr_record *const *r = fr_set_kind(s, "onboarding", &n);
	for (i = 0; i < n; i++) {
		const fr_node *fig = fr_set_figures(s, r[i], it->a);
		const fr_node *pending = fr_map_get(fig, "pending");
		const char *customer = fr_map_str(r[i]->fm, "customer");
		int next_listed = 0;
		for (k = 0; pending && pending->type == FR_SEQ && k < pending->n; k++) {
			const char *step = fr_map_str(pending->items[k], "step");
			struct item *x;
			enum status sst;
			int due;
			if (fr_date_parse(fr_map_str(pending->items[k], "due"), &due))
				continue;
			if (today > due)
				sst = ST_OVERDUE;
			else if (!next_listed)
				sst = ST_OPEN;
			else
				continue;
			next_listed |= sst == ST_OPEN;
			x = add(it, "onboarding", r[i]->path, fr_map_str(r[i]->fm, "owner"), due, sst);
			x->rule = sst == ST_OVERDUE ? "O-OVERDUE" : NULL;
			x->what = fr_asprintf(it->a, _("onboarding %s: step %s"), customer ? customer : "?",
					      step ? step : "?");
		}
	}
}

/* Open meeting decisions: overdue past their due date, else open. */
static void decisions(struct items *it, const fr_set *s, int today)
{
	size_t n, i, k;
	const fr_record *const *r = fr_set_kind(s, "meeting", &n);
	for (i = 0; i < n; i++) {
		const fr_node *ds = fr_map_get(r[i]->fm, "decisions");
		const char *title = fr_map_str(r[i]->fm, "title");
		for (k = 0; ds && ds->type == FR_SEQ && k < ds->n; k++) {
			const fr_node *d = ds->items[k];
			const char *status = fr_map_str(d, "status"), *text = fr_map_str(d, "decision");
			struct item *x;
			int due;
			if (!status || strcmp(status, "open") || fr_date_parse(fr_map_str(d, "due"), &due))
				continue;
			x = add(it, "meeting", r[i]->path, fr_map_str(d, "owner"), due,
				today > due ? ST_OVERDUE : ST_OPEN);
			x->what = fr_asprintf(it->a, _("decision '%s' (%s)"), text ? text : "?",
					      title ? title : "?");
		}
	}
}

/* Scorecards: the manager's review by the end of the month scored, the written and verbal
 * notice to the partner by the 3rd of the next month. */
static void scorecards(struct items *it, const fr_set *s, int today)
{
	size_t n, i;
	const fr_record *const *r = fr_set_kind(s, "partner-scorecard", &n);
	for (i = 0; i < n; i++) {
		const fr_node *fm = r[i]->fm, *nt = fr_map_get(fm, "notified");
		const fr_node *w = fr_map_get(nt, "written"), *v = fr_map_get(nt, "verbal");
		const char *partner = fr_map_str(fm, "partner"), *month = fr_map_str(fm, "month");
		int first, nd, notice_due, date;
		struct item *x;
		if (fr_month_parse(month, &first, &nd))
			continue;
		if (!fr_map_str(fr_map_get(fm, "reviewed"), "by")) {
			x = add(it, "partner-scorecard", r[i]->path, role_names(it->a, s->cfg, "manager"),
				first + nd - 1, today > first + nd - 1 ? ST_OVERDUE : ST_OPEN);
			x->what = fr_asprintf(it->a, _("review of scorecard %s %s"), partner ? partner : "?",
					      month);
		}
		notice_due = first + nd + 2;
		if (w && w->type == FR_BOOL && w->boolean && v && v->type == FR_BOOL && v->boolean &&
		    !fr_date_parse(fr_map_str(nt, "date"), &date)) {
			if (date <= notice_due)
				continue;
			x = add(it, "partner-scorecard", r[i]->path, fr_map_str(fm, "scorer"), notice_due,
				ST_LATE);
			x->rule = "S-NOTIFY";
			x->done = end_of_day(date);
		} else {
			x = add(it, "partner-scorecard", r[i]->path, fr_map_str(fm, "scorer"), notice_due,
				today > notice_due ? ST_OVERDUE : ST_OPEN);
			x->rule = today > notice_due ? "S-NOTIFY" : NULL;
		}
		x->what = fr_asprintf(it->a, _("written and verbal notice to %s for %s"),
				      partner ? partner : "?", month);
	}
}

/* Most urgent first: missing and overdue (oldest first), then open (soonest first), then late
 * (latest first). */
static int cmp_item(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	int ra = a->status == ST_OPEN ? 1 : a->status == ST_LATE ? 2 : 0;
	int rb = b->status == ST_OPEN ? 1 : b->status == ST_LATE ? 2 : 0;
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

static void iso_time(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t n;
	localtime_r(&tt, &tm);
	n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S%z", &tm);
	if (n == 24) {              /* ISO 8601 extended: +0800 -> +08:00 */
		memmove(out + 23, out + 22, 3);
		out[22] = ':';
	}
}

static void json_str(fr_buf *b, const char *s)
{
	if (s)
		fr_buf_add_json_str(b, s, strlen(s));
	else
		fr_buf_adds(b, "null");
}

static void print_json(fr_buf *b, const struct items *it, const fr_ontime *rates, size_t nr)
{
	size_t i;
	fr_buf_adds(b, "{\"items\": [");
	for (i = 0; i < it->n; i++) {
		const struct item *x = &it->v[i];
		char due[11], done[32];
		fr_date_format(x->due, due);
		fr_buf_adds(b, i ? ",\n  {" : "\n  {");
		fr_buf_adds(b, "\"kind\": ");
		json_str(b, x->kind);
		fr_buf_adds(b, ", \"what\": ");
		json_str(b, x->what);
		fr_buf_adds(b, ", \"who\": ");
		json_str(b, x->who);
		fr_buf_addf(b, ", \"due\": \"%s\", \"status\": \"%s\", \"path\": ", due,
			    status_names[x->status]);
		json_str(b, x->path);
		fr_buf_adds(b, ", \"rule\": ");
		json_str(b, x->rule);
		if (x->done) {
			iso_time(x->done, done);
			fr_buf_addf(b, ", \"done\": \"%s\"", done);
		}
		fr_buf_adds(b, "}");
	}
	fr_buf_adds(b, it->n ? "\n], \"on_time\": [" : "], \"on_time\": [");
	for (i = 0; i < nr; i++) {
		fr_buf_adds(b, i ? ",\n  {" : "\n  {");
		fr_buf_adds(b, "\"person\": ");
		json_str(b, rates[i].person);
		fr_buf_addf(b, ", \"on_time\": %zu, \"total\": %zu, \"rate\": %.4f}", rates[i].on_time,
			    rates[i].total, (double)rates[i].on_time / (double)rates[i].total);
	}
	fr_buf_adds(b, nr ? "\n]}\n" : "]}\n");
}

/* Left-aligned in a column of width w (terminal width of UTF-8 text). */
static void cell(fr_buf *b, const char *s, size_t w, int last)
{
	size_t have = fr_utf8_width(s, strlen(s));
	fr_buf_adds(b, s);
	if (last)
		return;
	for (; have < w + 2; have++)
		fr_buf_addc(b, ' ');
}

static void print_table(fr_buf *b, const char *const *cells, size_t rows, size_t cols)
{
	size_t w[8] = { 0 }, r, c;
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			size_t k = fr_utf8_width(cells[r * cols + c], strlen(cells[r * cols + c]));
			if (k > w[c])
				w[c] = k;
		}
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols; c++)
			cell(b, cells[r * cols + c], w[c], c + 1 == cols);
		while (b->len && b->ptr[b->len - 1] == ' ')
			b->ptr[--b->len] = '\0';
		fr_buf_addc(b, '\n');
	}
}

static void print_text(fr_buf *b, fr_arena *a, const struct items *it, const fr_ontime *rates,
		       size_t nr, int history)
{
	const char **cells;
	size_t i;
	if (!it->n) {
		fr_buf_adds(b, _("nothing due, late or missing\n"));
	} else {
		cells = fr_xcalloc((it->n + 1) * 6, sizeof(*cells));
		cells[0] = _("STATUS");
		cells[1] = _("DUE");
		cells[2] = _("WHO");
		cells[3] = _("KIND");
		cells[4] = _("WHAT");
		cells[5] = _("PATH");
		for (i = 0; i < it->n; i++) {
			const struct item *x = &it->v[i];
			const char **row = cells + (i + 1) * 6;
			char due[11];
			fr_date_format(x->due, due);
			row[0] = _(status_names[x->status]);
			row[1] = x->hhmm >= 0 ? fr_asprintf(a, "%s %02d:%02d", due, x->hhmm / 60, x->hhmm % 60)
					      : fr_strdup(a, due);
			row[2] = x->who[0] ? x->who : "-";
			row[3] = x->kind;
			row[4] = x->what;
			row[5] = x->path ? x->path : "-";
		}
		print_table(b, cells, it->n + 1, 6);
		free(cells);
	}
	if (!history)
		return;
	fr_buf_adds(b, _("\non time (first commits by their deadlines, from git history):\n"));
	if (!nr) {
		fr_buf_adds(b, _("nothing judged yet\n"));
		return;
	}
	cells = fr_xcalloc((nr + 1) * 4, sizeof(*cells));
	cells[0] = _("PERSON");
	cells[1] = _("ON TIME");
	cells[2] = _("TOTAL");
	cells[3] = _("RATE");
	for (i = 0; i < nr; i++) {
		const char **row = cells + (i + 1) * 4;
		row[0] = rates[i].person;
		row[1] = fr_asprintf(a, "%zu", rates[i].on_time);
		row[2] = fr_asprintf(a, "%zu", rates[i].total);
		row[3] = fr_asprintf(a, "%.1f%%", 100.0 * (double)rates[i].on_time / (double)rates[i].total);
	}
	print_table(b, cells, nr + 1, 4);
	free(cells);
}

int cmd_due(int argc, char **argv)
{
	const char *format = "text", *today = NULL, *rev = NULL;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("judge as of the end of that day (default: now)"), &today),
		FR_OPT_STR_("format", "text|json", N_("a table, or JSON {items, on_time}"), &format),
		FR_OPT_STR_("rev", "REV", N_("the records and history of a commit (default: the working tree and HEAD)"), &rev),
		FR_OPT_END_
	};
	fr_team team = { NULL, NULL, NULL, 0 };
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_repo *repo = NULL;
	fr_changes *hist = NULL;
	fr_set *set = NULL;
	fr_facts facts = FR_FACTS_INIT;
	fr_ontime *rates = NULL;
	struct items it = { NULL, NULL, 0, 0 };
	fr_buf out = FR_BUF_INIT;
	fr_error err;
	char tip[41] = "", *root = NULL;
	size_t nr = 0;
	long long now;
	int rc, json;

	rc = fr_parse_options("due", "[--today YYYY-MM-DD] [--format text|json] [--rev REV]", opts,
			      &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	json = !strcmp(format, "json");
	if (!json && strcmp(format, "text"))
		return fr_usage_error("due", _("--format is text or json, not '%s'"), format);
	if (argc)
		return fr_usage_error("due", _("unexpected argument '%s'"), argv[0]);
	git_libgit2_init();
	it.a = fr_arena_new();
	rc = FR_EXIT_FAIL;
	if (rev) {
		if (fr_team_repo(&repo, &root))
			goto done;
		if (fr_repo_resolve(repo, rev, tip, &err)) {
			fr_die_msg("%s", err.msg);
			goto done;
		}
		if (fr_team_open_snapshot(&team, "due", today, repo, tip, &files, &d))
			goto done;
	} else {
		if (fr_team_open(&team, "due", today))
			goto done;
		if (fr_files_from_dir(&files, team.root, &d)) {
			fr_diags_finish(&d);
			fr_die_msg(_("cannot read the records: %s"), d.n ? d.v[0].msg : "");
			goto done;
		}
		if (fr_repo_open(&repo, team.root, &err) == 0) {
			const char *top = fr_repo_workdir(repo);
			char *real = top ? realpath(top, NULL) : NULL;
			size_t n = real ? strlen(real) : 0;
			if (real && !strncmp(team.root, real, n) && team.root[n] == '/')
				fr_repo_set_prefix(repo, team.root + n + 1);
			free(real);
			if (fr_repo_resolve(repo, "HEAD", tip, &err))
				tip[0] = '\0';     /* no commit yet */
		} else {
			fr_die_msg(_("warning: %s: on-time facts need the git history"), err.msg);
		}
	}
	now = today ? end_of_day(team.today) : (long long)time(NULL);
	fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	if (repo && tip[0] && fr_repo_changes(&hist, repo, tip, NULL, 0, 0, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	if (fr_history_timeliness(&facts, set, hist, repo, now, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	from_facts(&it, &facts);
	cards(&it, set);
	onboarding(&it, set, team.today);
	decisions(&it, set, team.today);
	scorecards(&it, set, team.today);
	if (it.n > 1)
		qsort(it.v, it.n, sizeof(*it.v), cmp_item);
	nr = hist ? fr_facts_rates(&facts, team.cfg, &rates) : 0;
	if (json)
		print_json(&out, &it, rates, nr);
	else
		print_text(&out, it.a, &it, rates, nr, hist != NULL);
	fwrite(out.ptr, 1, out.len, stdout);
	rc = FR_EXIT_OK;
done:
	fr_buf_free(&out);
	free(rates);
	free(it.v);
	fr_arena_free(it.a);
	fr_facts_free(&facts);
	fr_set_free(set);
	fr_changes_free(hist);
	fr_diags_free(&d);
	fr_files_free(&files);
	fr_team_close(&team);
	fr_repo_free(repo);
	free(root);
	git_libgit2_shutdown();
	return rc;
}
