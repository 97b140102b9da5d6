/* history.c - timeliness (W-ONTIME, W-MIDWEEK, M-ONTIME, P-ONTIME) and authorship
 * (G-APPROVAL, G-OWNER) over the git history of the records */
#include "history.h"
#include "date.h"
#include "dueitems.h"
#include "i18n.h"
#include "kind.h"
#include "record.h"
#include "buf.h"
#include "schemas.h"
#include "util.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- time ---- */

static int local_day(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return fr_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static fr_fact_status judge(long long done, long long deadline, long long now)
{
	if (done)
		return done <= deadline ? FR_FACT_ONTIME : FR_FACT_LATE;
	return now > deadline ? FR_FACT_MISSING : FR_FACT_OPEN;
}

/* ---- facts ---- */

static fr_fact *add_fact(fr_facts *f, const char *rule, const char *kind, const char *path,
			 const char *who, const char *period, long long deadline)
{
	fr_fact *x;
	if (!f->arena)
		f->arena = fr_arena_new();
	FR_GROW(f->v, f->cap, f->n + 1);
	x = &f->v[f->n++];
	memset(x, 0, sizeof(*x));
	x->rule = rule;
	x->kind = kind;
	x->path = path ? fr_strdup(f->arena, path) : NULL;
	x->who = fr_strdup(f->arena, who ? who : "");
	x->period = fr_strdup(f->arena, period);
	x->what = "";
	x->deadline = deadline;
	return x;
}

void fr_facts_free(fr_facts *f)
{
	fr_arena_free(f->arena);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

/* What history says about one record: the first commit (as of now) and, when want is given,
 * the first commit whose version of the record passes want(). */
typedef int (*fr_has_fn)(const fr_node *fm);

struct dating {
	long long first;           /* time (fr_commit_time) of the commit that added it; 0: none */
	char first_commit[41];
	int first_received;        /* that time is the server's receive time */
	long long has;             /* time of the first version that passes want */
	char has_commit[41];
	int has_received;
	int committed;             /* in some commit at all, even one after now */
};

/* cur: the record as it is now; a version with its very bytes is judged by its tree, not parsed
 * again. */
static int date_record(struct dating *dt, const fr_changes *hist, fr_repo *repo,
		       const fr_record *cur, long long now, fr_has_fn want, fr_error *err)
{
	const char *path = cur->path;
	const fr_change *const *chs;
	size_t n = fr_changes_of(hist, path, &chs), i;
	memset(dt, 0, sizeof(*dt));
	for (i = 0; i < n; i++) {
		const fr_change *c = chs[i];
		long long t = fr_commit_time(c->commit);
		dt->committed = 1;
		if (t > now || !c->path)
			continue;
		if (!dt->first) {
			dt->first = t;
			dt->first_received = c->commit->received != 0;
			memcpy(dt->first_commit, c->commit->oid, 41);
		}
		if (!want || dt->has)
			continue;
		{
			char *data;
			size_t len;
			fr_record *r = NULL;
			fr_diags scratch = FR_DIAGS_INIT;
			int ok;
			if (fr_repo_blob(repo, c->oid, &data, &len, err))
				return -1;
			/* a record kept as its facts only (engine.c) has src "": parse then */
			if (cur->src && cur->len == len && (!len || cur->src[0]) && !memcmp(cur->src, data, len)) {
				ok = cur->fm && want(cur->fm);
			} else {
				fr_record_parse(&r, c->path, data, len, &scratch);
				ok = r->fm && want(r->fm);
				fr_record_free(r);
			}
			fr_diags_free(&scratch);
			free(data);
			if (ok) {
				dt->has = t;
				dt->has_received = c->commit->received != 0;
				memcpy(dt->has_commit, c->commit->oid, 41);
			}
		}
	}
	return 0;
}

static int has_midweek(const fr_node *fm)
{
	const fr_node *m = fr_map_get(fm, "midweek");
	return m && m->type != FR_NULL;
}

static int has_review(const fr_node *fm)
{
	const fr_node *a = fr_map_get(fm, "approvals");
	size_t i;
	for (i = 0; a && a->type == FR_SEQ && i < a->n; i++) {
		const char *step = fr_map_str(a->items[i], "step");
		if (step && !strcmp(step, "review") && fr_map_str(a->items[i], "by"))
			return 1;
	}
	return 0;
}

/* Fill a fact from a dating; done is dt->first (section 0) or dt->has (section 1). */
static void settle(fr_fact *x, const struct dating *dt, int section, const fr_changes *hist,
		   long long now)
{
	long long done = section ? dt->has : dt->first;
	if (!hist) {
		x->status = FR_FACT_UNKNOWN;
		return;
	}
	x->done = done;
	x->received = done && (section ? dt->has_received : dt->first_received);
	memcpy(x->commit, section ? dt->has_commit : dt->first_commit, 41);
	x->uncommitted = !dt->committed;
	x->status = judge(done, x->deadline, now);
}

/* The names of the people of a role, joined by ", " (arena). */
static const char *names_of_role(fr_arena *a, const fr_config *cfg, const char *role)
{
	char buf[512] = "";
	size_t i;
	for (i = 0; i < cfg->npeople; i++) {
		if (!cfg->people[i].role || strcmp(cfg->people[i].role, role))
			continue;
		if (buf[0])
			strncat(buf, ", ", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, cfg->people[i].name, sizeof(buf) - strlen(buf) - 1);
	}
	return fr_strdup(a, buf);
}

/* The host of a week without minutes, from the rotation and the nearest known host. */
static const char *guess_host(const fr_config *cfg, const fr_record *const *w, size_t n,
			      int monday)
{
	size_t i, j, best = n;
	int bestdist = 0;
	long k;
	if (!cfg->nrotation)
		return "";
	for (i = 0; i < n; i++) {
		int m, dist;
		const char *host = fr_map_str(w[i]->fm, "host");
		if (!host || fr_week_parse(fr_map_str(w[i]->fm, "week"), &m))
			continue;
		for (j = 0; j < cfg->nrotation && strcmp(cfg->rotation[j], host); j++)
			;
		if (j == cfg->nrotation)
			continue;
		dist = abs(monday - m);
		if (best == n || dist < bestdist) {
			best = i;
			bestdist = dist;
		}
	}
	if (best == n)
		return "";
	{
		int m;
		const char *host = fr_map_str(w[best]->fm, "host");
		fr_week_parse(fr_map_str(w[best]->fm, "week"), &m);
		for (j = 0; strcmp(cfg->rotation[j], host); j++)
			;
		k = ((long)j + (monday - m) / 7) % (long)cfg->nrotation;
		if (k < 0)
			k += (long)cfg->nrotation;
		return cfg->rotation[k];
	}
}

const char *fr_history_host(const fr_set *set, int monday)
{
	size_t n, i;
	const fr_record *const *w = fr_set_kind(set, "weekly-meeting", &n);
	int m;
	for (i = 0; i < n; i++) {
		const char *host = fr_map_str(w[i]->fm, "host");
		if (host && !fr_week_parse(fr_map_str(w[i]->fm, "week"), &m) && m == monday)
			return host;
	}
	return guess_host(set->cfg, w, n, monday);
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

static int weekly_facts(fr_facts *f, const fr_set *set, const fr_changes *hist, fr_repo *repo,
			long long now, fr_error *err)
{
	size_t n, i;
	const fr_record *const *w = fr_set_kind(set, "weekly-meeting", &n);
	int today = local_day(now), this_monday = today - (fr_date_weekday(today) - 1);
	int first = this_monday, monday;
	char week[9];

	for (i = 0; i < n; i++) {
		const char *host = fr_map_str(w[i]->fm, "host");
		struct dating dt;
		fr_fact *x;
		if (fr_week_parse(fr_map_str(w[i]->fm, "week"), &monday))
			continue;
		if (monday < first)
			first = monday;
		if (hist && date_record(&dt, hist, repo, w[i], now, has_midweek, err))
			return -1;
		fr_week_format(monday, week);
		x = add_fact(f, "W-ONTIME", "weekly-meeting", w[i]->path, host, week,
			     fr_deadline_at(FR_DL_MINUTES, monday, set->cfg));
		x->what = fr_asprintf(f->arena, _("weekly minutes %s"), week);
		settle(x, &dt, 0, hist, now);
		x = add_fact(f, "W-MIDWEEK", "weekly-meeting", w[i]->path, host, week,
			     fr_deadline_at(FR_DL_MIDWEEK, monday, set->cfg));
		x->what = fr_asprintf(f->arena, _("Thursday follow-up %s"), week);
		settle(x, &dt, 1, hist, now);
	}
	if (this_monday - first > 520 * 7)
		first = this_monday - 520 * 7;
	{
		/* the weeks that have minutes, sorted: each Monday looked up, not scanned for */
		int *have = fr_xcalloc(n + 1, sizeof(*have));
		size_t nhave = 0;
		for (i = 0; i < n; i++)
			if (!fr_week_parse(fr_map_str(w[i]->fm, "week"), &have[nhave]))
				nhave++;
		qsort(have, nhave, sizeof(*have), cmp_int);
		for (monday = first; monday <= this_monday; monday += 7) {
			fr_fact *x;
			if (nhave && bsearch(&monday, have, nhave, sizeof(*have), cmp_int))
				continue;
			fr_week_format(monday, week);
			x = add_fact(f, "W-ONTIME", "weekly-meeting", NULL,
				     guess_host(set->cfg, w, n, monday), week,
				     fr_deadline_at(FR_DL_MINUTES, monday, set->cfg));
			x->what = fr_asprintf(f->arena, _("weekly minutes %s"), week);
			x->status = judge(0, x->deadline, now);
		}
		free(have);
	}
	return 0;
}

struct plan_of {
	const char *person;
	int month;
};

static int cmp_plan(const void *x, const void *y)
{
	const struct plan_of *a = x, *b = y;
	int k = strcmp(a->person, b->person);
	return k ? k : (a->month > b->month) - (a->month < b->month);
}

static int monthly_facts(fr_facts *f, const fr_set *set, const fr_changes *hist, fr_repo *repo,
			 long long now, fr_error *err)
{
	struct plan_of *plans;
	size_t n, i, p, nplans = 0;
	const fr_record *const *m = fr_set_kind(set, "monthly-plan", &n);
	const fr_config *cfg = set->cfg;
	int next = fr_month_add(local_day(now), 1), first = next, month, nd;
	char label[8];

	for (i = 0; i < n; i++) {
		struct dating dt;
		fr_fact *x;
		if (fr_month_parse(fr_map_str(m[i]->fm, "month"), &month, &nd))
			continue;
		if (month < first)
			first = month;
		if (hist && date_record(&dt, hist, repo, m[i], now, NULL, err))
			return -1;
		fr_month_format(month, label);
		x = add_fact(f, "M-ONTIME", "monthly-plan", m[i]->path,
			     fr_map_str(m[i]->fm, "person"), label, fr_deadline_at(FR_DL_PLAN, month, cfg));
		x->what = fr_asprintf(f->arena, _("monthly plan %s"), label);
		settle(x, &dt, 0, hist, now);
	}
	if (next - first > 3660)
		first = fr_month_add(next, -120);
	/* the (person, month) of every plan, sorted: each looked up, not scanned for */
	plans = fr_xcalloc(n + 1, sizeof(*plans));
	for (i = 0; i < n; i++) {
		const char *person = fr_map_str(m[i]->fm, "person");
		if (person && !fr_month_parse(fr_map_str(m[i]->fm, "month"), &plans[nplans].month, &nd))
			plans[nplans++].person = person;
	}
	qsort(plans, nplans, sizeof(*plans), cmp_plan);
	for (month = first; month <= next; month = fr_month_add(month, 1)) {
		long long deadline = fr_deadline_at(FR_DL_PLAN, month, cfg);
		long long draft = fr_due_local_time(fr_deadline_day(FR_DL_PLAN_DRAFT, month, cfg, NULL), 0);
		fr_month_format(month, label);
		for (p = 0; p < cfg->npeople; p++) {
			struct plan_of key;
			fr_fact *x;
			key.person = cfg->people[p].name;
			key.month = month;
			if (!cfg->people[p].role || strcmp(cfg->people[p].role, "sales"))
				continue;
			if ((key.person && nplans && bsearch(&key, plans, nplans, sizeof(*plans), cmp_plan)) ||
			    now < draft)
				continue;
			x = add_fact(f, "M-ONTIME", "monthly-plan", NULL, key.person, label, deadline);
			x->what = fr_asprintf(f->arena, _("monthly plan %s"), label);
			x->status = judge(0, deadline, now);
		}
	}
	free(plans);
	return 0;
}

static int product_facts(fr_facts *f, const fr_set *set, const fr_changes *hist, fr_repo *repo,
			 long long now, fr_error *err)
{
	size_t n, i, k;
	const fr_record *const *p = fr_set_kind(set, "product-plan", &n);
	int month, nd;
	char label[8];

	for (i = 0; i < n; i++) {
		struct dating dt;
		const fr_node *ap = fr_map_get(p[i]->fm, "approvals");
		const char *reviewer = NULL;
		fr_fact *x;
		if (fr_month_parse(fr_map_str(p[i]->fm, "month"), &month, &nd))
			continue;
		if (hist && date_record(&dt, hist, repo, p[i], now, has_review, err))
			return -1;
		fr_month_format(month, label);
		x = add_fact(f, "P-ONTIME", "product-plan", p[i]->path, fr_map_str(p[i]->fm, "owner"),
			     label, fr_deadline_at(FR_DL_PRODUCT_DRAFT, month, set->cfg));
		x->what = fr_asprintf(f->arena, _("product plan %s drafted"), label);
		settle(x, &dt, 0, hist, now);
		for (k = 0; ap && ap->type == FR_SEQ && k < ap->n && !reviewer; k++) {
			const char *step = fr_map_str(ap->items[k], "step");
			if (step && !strcmp(step, "review"))
				reviewer = fr_map_str(ap->items[k], "by");
		}
		x = add_fact(f, "P-ONTIME", "product-plan", p[i]->path, reviewer, label,
			     fr_deadline_at(FR_DL_PRODUCT_APPROVAL, month, set->cfg));
		if (!reviewer)
			x->who = names_of_role(f->arena, set->cfg, "director");
		x->what = fr_asprintf(f->arena, _("product plan %s approved"), label);
		settle(x, &dt, 1, hist, now);
		/* a record not yet committed has not been drafted, let alone approved, in history */
	}
	return 0;
}

long long fr_history_since(const fr_config *cfg, const fr_changes *hist)
{
	const fr_change *const *ch;
	if (cfg && cfg->since != FR_NO_DATE)
		return fr_due_end_of_day(cfg->since - 1) + 1;
	if (hist && fr_changes_of(hist, "flowrec.yaml", &ch) > 0) {
		/* the start of the day of the first commit that holds flowrec.yaml */
		time_t t = (time_t)fr_commit_time(ch[0]->commit);
		struct tm tm;
		localtime_r(&t, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		return (long long)mktime(&tm);
	}
	return 0;
}

/* Deadlines before the team's `since` are not judged (config.h): the facts go. */
static void drop_before_since(fr_facts *f, const fr_config *cfg, const fr_changes *hist)
{
	long long since = fr_history_since(cfg, hist);
	size_t i, j;
	for (i = j = 0; i < f->n; i++)
		if (!since || f->v[i].deadline >= since)
			f->v[j++] = f->v[i];
	f->n = j;
}

int fr_history_timeliness(fr_facts *out, const fr_set *set, const fr_changes *hist,
			  fr_repo *repo, long long now, fr_error *err)
{
	memset(out, 0, sizeof(*out));
	out->arena = fr_arena_new();
	if (weekly_facts(out, set, hist, repo, now, err) ||
	    monthly_facts(out, set, hist, repo, now, err) ||
	    product_facts(out, set, hist, repo, now, err)) {
		fr_facts_free(out);
		return -1;
	}
	drop_before_since(out, set->cfg, hist);
	out->clock = fr_facts_clock(out, repo && fr_repo_has_received_notes(repo));
	return 0;
}

fr_clock fr_facts_clock(const fr_facts *f, int notes)
{
	size_t i, dated = 0, received = 0;
	for (i = 0; i < f->n; i++)
		if (f->v[i].done) {
			dated++;
			received += f->v[i].received;
		}
	if (!dated)
		return notes ? FR_CLOCK_RECEIVED : FR_CLOCK_COMMIT;
	return received == dated ? FR_CLOCK_RECEIVED : received ? FR_CLOCK_MIXED : FR_CLOCK_COMMIT;
}

const char *fr_clock_name(fr_clock c)
{
	return c == FR_CLOCK_RECEIVED ? "received" : c == FR_CLOCK_MIXED ? "mixed" : "commit";
}

const char *fr_clock_text(fr_clock c)
{
	switch (c) {
	case FR_CLOCK_RECEIVED:
		return N_("clock: server receive time (refs/notes/flowrec-received)");
	case FR_CLOCK_MIXED:
		return N_("clock: server receive time (refs/notes/flowrec-received); commit dates (can be backdated) for commits without a note");
	default:
		return N_("clock: commit dates (can be backdated)");
	}
}

size_t fr_facts_rates(const fr_facts *f, const fr_config *cfg, fr_ontime **out)
{
	fr_ontime *v = NULL;
	size_t n = 0, cap = 0, i, j;

	/* roster order first */
	for (i = 0; i < cfg->npeople; i++) {
		FR_GROW(v, cap, n + 1);
		v[n].person = cfg->people[i].name;
		v[n].on_time = v[n].total = 0;
		n++;
	}
	for (i = 0; i < f->n; i++) {
		const fr_fact *x = &f->v[i];
		if (!x->who[0] || (x->status != FR_FACT_ONTIME && x->status != FR_FACT_LATE &&
				   x->status != FR_FACT_MISSING))
			continue;
		for (j = 0; j < n && strcmp(v[j].person, x->who); j++)
			;
		if (j == n) {
			size_t at = n;
			FR_GROW(v, cap, n + 1);
			/* people outside the roster after it, by name */
			while (at > cfg->npeople && strcmp(v[at - 1].person, x->who) > 0) {
				v[at] = v[at - 1];
				at--;
			}
			v[at].person = x->who;
			v[at].on_time = v[at].total = 0;
			n++;
			j = at;
		}
		v[j].total++;
		v[j].on_time += x->status == FR_FACT_ONTIME;
	}
	for (i = j = 0; i < n; i++)
		if (v[i].total)
			v[j++] = v[i];
	if (!j) {
		free(v);
		v = NULL;
	}
	*out = v;
	return j;
}

/* ---- authorship ---- */

static int is_record(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n > 11 && !strncmp(path, "records/", 8) && !strcmp(path + n - 3, ".md");
}

/* The field naming a record's owner, by kind (G-OWNER). */
static const char *owner_field(const char *kind)
{
	static const char *const map[][2] = {
		{ "monthly-plan", "person" },   { "product-plan", "owner" },
		{ "partner-scorecard", "scorer" }, { "channel-service", "specialist" },
		{ "onboarding", "owner" },      { "meeting", "host" },
		{ "weekly-meeting", "host" },
	};
	size_t i;
	for (i = 0; kind && i < FR_ARRAY_LEN(map); i++)
		if (!strcmp(map[i][0], kind))
			return map[i][1];
	return NULL;
}

/* One version of a record, parsed. */
struct version {
	char *data;
	fr_record *rec;
};

static int load_version(struct version *v, fr_repo *repo, const char *path, const char *oid,
			fr_error *err)
{
	fr_diags scratch = FR_DIAGS_INIT;
	size_t len;
	memset(v, 0, sizeof(*v));
	if (fr_repo_blob(repo, oid, &v->data, &len, err))
		return -1;
	fr_record_parse(&v->rec, path, v->data, len, &scratch);
	fr_diags_free(&scratch);
	return 0;
}

static void free_version(struct version *v)
{
	fr_record_free(v->rec);
	free(v->data);
	memset(v, 0, sizeof(*v));
}

static const fr_node *fm_of(const struct version *v)
{
	return v && v->rec && v->rec->fm && v->rec->fm->type == FR_MAP ? v->rec->fm : NULL;
}

/* ---- approvals as values ---- */

/* The field of a kind that holds its approvals (fr_kind.approvals), NULL when none. */
static const char *approvals_field(const char *kind)
{
	const fr_kind *k = kind ? fr_kind_find(kind) : NULL;
	return k ? k->approvals : NULL;
}

/* What makes a record the same record for its approvals: kind, month and owner or partner (an
 * approval moved to another month is a new one). */
static int same_record(const fr_node *a, const fr_node *b)
{
	const char *kind = fr_map_str(a, "kind");
	const char *who = kind && !strcmp(kind, "product-plan") ? "owner" : "partner";
	return a && b && fr_streq(kind, fr_map_str(b, "kind")) &&
	       fr_node_equal(fr_map_get(a, "month"), fr_map_get(b, "month")) &&
	       fr_node_equal(fr_map_get(a, who), fr_map_get(b, who));
}

/* The approvals of a front matter: each item with an approver (heap array, *n). */
static const fr_node **approvals_of(const fr_node *fm, size_t *n)
{
	const char *field = fm ? approvals_field(fr_map_str(fm, "kind")) : NULL;
	const fr_node *v = field ? fr_map_get(fm, field) : NULL, **out;
	size_t i;
	*n = 0;
	if (!v)
		return NULL;
	if (v->type == FR_MAP) {
		if (!fr_map_str(v, "by"))
			return NULL;
		out = fr_xmalloc(sizeof(*out));
		out[(*n)++] = v;
		return out;
	}
	if (v->type != FR_SEQ)
		return NULL;
	out = fr_xcalloc(v->n + 1, sizeof(*out));
	for (i = 0; i < v->n; i++)
		if (fr_map_str(v->items[i], "by"))
			out[(*n)++] = v->items[i];
	return out;
}

/* Whether a version of the same record holds this very approval (every field equal). */
static int holds(const fr_node *fm, const fr_node *rec, const fr_node *item)
{
	size_t n, i;
	const fr_node **v;
	int found = 0;
	if (!fm || !same_record(fm, rec))
		return 0;
	v = approvals_of(fm, &n);
	for (i = 0; i < n && !found; i++)
		found = fr_node_equal(v[i], item);
	free(v);
	return found;
}

/* ---- what an approval vouches for ---- */

/* Follow a local $ref ("#/$defs/x") of a schema node. */
static const fr_node *deref(const fr_node *root, const fr_node *s)
{
	int hops;
	for (hops = 0; s && s->type == FR_MAP && hops < 16; hops++) {
		const char *ref = fr_map_str(s, "$ref");
		const fr_node *at = root;
		char part[128];
		const char *p;
		if (!ref || strncmp(ref, "#/", 2))
			return s;
		for (p = ref + 2; *p && at;) {
			size_t k = strcspn(p, "/");
			if (k >= sizeof(part))
				return s;
			memcpy(part, p, k);
			part[k] = '\0';
			at = fr_map_get(at, part);
			p += k + (p[k] == '/');
		}
		if (!at)
			return s;
		s = at;
	}
	return s;
}

static int after_approval(const fr_node *s)
{
	const fr_node *v = fr_map_get(s, "x-after-approval");
	return v && v->type == FR_BOOL && v->boolean;
}

/* A copy of n without the fields the schema marks `x-after-approval: true` (those filled in
 * after the approval: actuals, reasons, notices), from arena a. */
static fr_node *bound_copy(fr_arena *a, const fr_node *root, const fr_node *sch, const fr_node *n,
			   int depth)
{
	fr_node *out;
	size_t i;
	sch = deref(root, sch);
	if (!n || depth > 64)
		return NULL;
	if (n->type == FR_MAP) {
		const fr_node *props = fr_map_get(sch, "properties");
		out = fr_node_map(a);
		for (i = 0; i < n->n; i++) {
			const fr_node *sub = fr_map_get(props, n->pairs[i].key->str);
			if (after_approval(sub) || after_approval(deref(root, sub)))
				continue;
			fr_map_set(a, out, n->pairs[i].key->str,
				   bound_copy(a, root, sub, n->pairs[i].val, depth + 1));
		}
		return out;
	}
	if (n->type == FR_SEQ) {
		const fr_node *items = fr_map_get(sch, "items");
		out = fr_node_seq(a);
		for (i = 0; i < n->n; i++)
			fr_seq_push(a, out, bound_copy(a, root, items, n->items[i], depth + 1));
		return out;
	}
	return (fr_node *)n;
}

/* What the approvals of fm vouch for: the front matter without its approvals and without the
 * fields filled in after approval. */
static fr_node *vouched(fr_arena *a, const fr_schemas *schemas, const fr_node *fm)
{
	const char *kind = fr_map_str(fm, "kind"), *field = approvals_field(kind);
	const fr_schema *sc = schemas && kind ? fr_schemas_get(schemas, kind) : NULL;
	const fr_node *root = sc ? fr_schema_root(sc) : NULL;
	fr_node *copy = bound_copy(a, root, root, fm, 0), *out = fr_node_map(a);
	size_t i;
	for (i = 0; copy && i < copy->n; i++)
		if (!field || strcmp(copy->pairs[i].key->str, field))
			fr_map_set(a, out, copy->pairs[i].key->str, copy->pairs[i].val);
	return out;
}

/* ---- who did it ---- */

static const fr_person *person_by_email(const fr_config *cfg, const char *email)
{
	size_t i;
	for (i = 0; email && *email && i < cfg->npeople; i++)
		if (cfg->people[i].email && !strcasecmp(cfg->people[i].email, email))
			return &cfg->people[i];
	return NULL;
}

static const fr_person *person_by_login(const fr_config *cfg, const char *login)
{
	size_t i;
	for (i = 0; login && *login && i < cfg->npeople; i++)
		if (cfg->people[i].login && !strcmp(cfg->people[i].login, login))
			return &cfg->people[i];
	return NULL;
}

static int is_boss(const fr_person *p)
{
	return p && p->role && (!strcmp(p->role, "manager") || !strcmp(p->role, "director"));
}

const char *fr_trust_name(fr_trust t)
{
	return t == FR_TRUST_SIGNATURE ? "signature" : t == FR_TRUST_PUSHER ? "pusher" : "author";
}

const char *fr_judge_pusher(const fr_config *roster, const char **var)
{
	static const char *const vars[] = { "GL_USERNAME", "GITHUB_USER_LOGIN", "GITEA_PUSHER_NAME",
					    "REMOTE_USER" };
	const char *v;
	size_t i;
	if (roster && roster->pusher_variable) {
		*var = roster->pusher_variable;
		v = getenv(*var);
		return v && *v ? v : NULL;
	}
	for (i = 0; i < FR_ARRAY_LEN(vars); i++) {
		v = getenv(vars[i]);
		if (v && *v) {
			*var = vars[i];
			return v;
		}
	}
	*var = NULL;
	return NULL;
}

fr_trust fr_judge_trust(const fr_config *roster)
{
	const char *var;
	size_t i;
	if (roster->trust)
		return !strcmp(roster->trust, "signature") ? FR_TRUST_SIGNATURE
		       : !strcmp(roster->trust, "pusher") ? FR_TRUST_PUSHER : FR_TRUST_AUTHOR;
	for (i = 0; i < roster->npeople; i++)
		if (is_boss(&roster->people[i]) && roster->people[i].signing_key)
			return FR_TRUST_SIGNATURE;
	if (fr_judge_pusher(roster, &var) || getenv("GITEA_PUSHER_EMAIL"))
		return FR_TRUST_PUSHER;
	return FR_TRUST_AUTHOR;
}

/* Run argv with stdin from the file in (NULL: /dev/null) and stdout into out (NULL:
 * discarded); returns the exit status, -1 when it could not run. */
static int run(char *const argv[], const char *in, fr_buf *out)
{
	int pfd[2] = { -1, -1 }, status;
	pid_t pid;
	if (out && pipe(pfd))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		int fd = open(in ? in : "/dev/null", O_RDONLY), nul = open("/dev/null", O_WRONLY);
		if (fd < 0 || nul < 0)
			_exit(127);
		dup2(fd, 0);
		dup2(out ? pfd[1] : nul, 1);
		dup2(nul, 2);
		if (out)
			close(pfd[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (out) {
		char b[512];
		ssize_t k;
		close(pfd[1]);
		while ((k = read(pfd[0], b, sizeof(b))) > 0)
			fr_buf_add(out, b, (size_t)k);
		close(pfd[0]);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void temp_name(char *out, size_t size, const char *what)
{
	const char *dir = getenv("TMPDIR");
	snprintf(out, size, "%s/flowrec-%s-XXXXXX", dir && *dir ? dir : "/tmp", what);
}

static int write_temp(char *tmpl, const char *data, size_t len)
{
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return -1;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		unlink(tmpl);
		return -1;
	}
	return close(fd);
}

/* The state of one judgement: the roster, the trust level and what it needs. */
struct judge {
	const fr_judge *j;
	fr_repo *repo;
	char signers[4096];        /* the allowed-signers file, "" when none */
	char gpgdir[4096];         /* a temporary GNUPGHOME holding one keyring per roster
				    * OpenPGP key (pN.gpg), "" when none */
	char *has_pgp;             /* per roster person: has a keyring in gpgdir */
	char cached[41];           /* the commit whose signer is known */
	const fr_person *signer;
	int signed_;               /* 1 signed, 0 not signed, -1 signed by no key of the roster,
				    * -2 by signer's key, expired or revoked (it vouches for nobody) */
	fr_arena *arena;
};

static int is_pgp_key(const char *key)
{
	return !strncmp(key, "-----BEGIN PGP PUBLIC KEY BLOCK-----", 36);
}

static void pgp_path(char *out, size_t size, const char *dir, size_t i, const char *ext)
{
	snprintf(out, size, "%s/p%zu.%s", dir, i, ext);
}

/* The roster's OpenPGP keys, each dearmored by gpg into a keyring of its own in a fresh
 * temporary GNUPGHOME: the user's keyring is never read, only the protected branch's roster
 * is trusted. */
static void judge_pgp_keys(struct judge *js)
{
	const fr_config *cfg = js->j->roster;
	size_t i;
	int any = 0;
	for (i = 0; i < cfg->npeople; i++)
		any |= cfg->people[i].signing_key && is_pgp_key(cfg->people[i].signing_key);
	if (!any)
		return;
	temp_name(js->gpgdir, sizeof(js->gpgdir), "gnupg");
	if (!mkdtemp(js->gpgdir)) {
		js->gpgdir[0] = '\0';
		return;
	}
	js->has_pgp = fr_xcalloc(cfg->npeople + 1, 1);
	for (i = 0; i < cfg->npeople; i++) {
		const char *key = cfg->people[i].signing_key;
		char asc[4200], kr[4200];
		int fd;
		if (!key || !is_pgp_key(key))
			continue;
		pgp_path(asc, sizeof(asc), js->gpgdir, i, "asc");
		pgp_path(kr, sizeof(kr), js->gpgdir, i, "gpg");
		fd = open(asc, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0)
			continue;
		if (write(fd, key, strlen(key)) == (ssize_t)strlen(key) && !close(fd)) {
			char *const dearmor[] = { "gpg", "--batch", "--quiet", "--no-options", "--homedir",
						  js->gpgdir, "--dearmor", "--output", kr, asc, NULL };
			js->has_pgp[i] = run(dearmor, NULL, NULL) == 0 && access(kr, R_OK) == 0;
		}
	}
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void judge_pgp_free(struct judge *js)
{
	if (js->gpgdir[0])
		nftw(js->gpgdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(js->has_pgp);
}

/* gpgv's verdict from its status lines (--status-fd): 1 when every signature in the file is
 * good and made by a key that is neither expired nor revoked (GOODSIG, which gpg gives only
 * then: an expired key gives EXPKEYSIG, a revoked one REVKEYSIG, and gpgv still exits 0 for
 * both), -2 when a signature is good but its key expired or was revoked, or it expired
 * itself, 0 otherwise. This is what `git merge --verify-signatures` accepts (%G? G). */
static int pgp_status(const char *st)
{
	int sigs = 0, good = 0, stale = 0;
	const char *l;
	for (l = st; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, "[GNUPG:] ", 9))
			continue;
		l += 9;
		if (!strncmp(l, "NEWSIG", 6) && (l[6] == '\n' || l[6] == ' ' || !l[6]))
			sigs++;
		else if (!strncmp(l, "GOODSIG ", 8))
			good++;
		else if (!strncmp(l, "EXPKEYSIG ", 10) || !strncmp(l, "REVKEYSIG ", 10) || !strncmp(l, "EXPSIG ", 7))
			stale++;
		else if (!strncmp(l, "BADSIG ", 7) || !strncmp(l, "ERRSIG ", 7))
			return 0;
	}
	if (sigs && good == sigs)
		return 1;
	return sigs && good + stale == sigs && stale ? -2 : 0;
}

/* Whose roster key made an OpenPGP signature of data: gpgv against each person's keyring on
 * its own (so a good signature names its key's owner); -1 when none. *stale: 1 when the
 * signature is that person's but their key has expired or been revoked (then -1 too). */
static long pgp_signer(struct judge *js, char *sigf, char *dataf, long *stale)
{
	size_t i;
	*stale = -1;
	for (i = 0; js->has_pgp && i < js->j->roster->npeople; i++) {
		char kr[4200];
		if (!js->has_pgp[i])
			continue;
		pgp_path(kr, sizeof(kr), js->gpgdir, i, "gpg");
		{
			char *const verify[] = { "gpgv", "--quiet", "--status-fd", "1", "--homedir", js->gpgdir,
						 "--keyring", kr, sigf, dataf, NULL };
			fr_buf out = FR_BUF_INIT;
			int rc = run(verify, NULL, &out), v;
			fr_buf_addc(&out, '\0');
			v = rc == 0 ? pgp_status(out.ptr) : 0;
			fr_buf_free(&out);
			if (v == 1)
				return (long)i;
			if (v == -2)
				*stale = (long)i;
		}
	}
	return -1;
}

static void judge_signers(struct judge *js)
{
	fr_buf b = FR_BUF_INIT;
	const fr_config *cfg = js->j->roster;
	size_t i, len;
	char *text;
	for (i = 0; i < cfg->npeople; i++)
		if (cfg->people[i].signing_key && !strchr(cfg->people[i].signing_key, '\n'))
			fr_buf_addf(&b, "p%zu namespaces=\"git\" %s\n", i, cfg->people[i].signing_key);
	text = fr_buf_detach(&b, &len);
	temp_name(js->signers, sizeof(js->signers), "signers");
	if (!len || write_temp(js->signers, text, len))
		js->signers[0] = '\0';
	free(text);
}

/* Who signed commit (SSH signatures, verified by ssh-keygen against the roster's keys). */
static void find_signer(struct judge *js, const char *commit)
{
	char *sig = NULL, *data = NULL;
	char sigf[4096], dataf[4096];
	size_t len;
	fr_error err;
	int rc;
	if (!strcmp(js->cached, commit))
		return;
	memcpy(js->cached, commit, 41);
	js->signer = NULL;
	js->signed_ = 0;
	temp_name(sigf, sizeof(sigf), "sig");
	temp_name(dataf, sizeof(dataf), "data");
	rc = fr_repo_commit_signature(js->repo, commit, &sig, &data, &len, &err);
	if (rc)
		return;
	js->signed_ = -1;
	if (js->gpgdir[0] && strstr(sig, "-----BEGIN PGP SIGNATURE-----") && !write_temp(sigf, sig, strlen(sig))) {
		if (!write_temp(dataf, data, len)) {
			long stale, i = pgp_signer(js, sigf, dataf, &stale);
			if (i >= 0) {
				js->signer = &js->j->roster->people[i];
				js->signed_ = 1;
			} else if (stale >= 0) {
				js->signer = &js->j->roster->people[stale];
				js->signed_ = -2;
			}
			unlink(dataf);
		}
		unlink(sigf);
	} else if (js->signers[0] && strstr(sig, "-----BEGIN SSH SIGNATURE-----") &&
	    !write_temp(sigf, sig, strlen(sig))) {
		if (!write_temp(dataf, data, len)) {
			fr_buf out = FR_BUF_INIT;
			char *const find[] = { "ssh-keygen", "-Y", "find-principals", "-s", sigf, "-f",
					       js->signers, NULL };
			size_t n;
			char *who;
			if (run(find, NULL, &out) == 0) {
				who = fr_buf_detach(&out, &n);
				who[strcspn(who, "\n,")] = '\0';
				if (who[0] == 'p' && strspn(who + 1, "0123456789") == strlen(who + 1) && who[1]) {
					char *const verify[] = { "ssh-keygen", "-Y", "verify", "-f", js->signers,
								 "-I", who, "-n", "git", "-s", sigf, NULL };
					size_t i = strtoul(who + 1, NULL, 10);
					if (i < js->j->roster->npeople && run(verify, dataf, NULL) == 0) {
						js->signer = &js->j->roster->people[i];
						js->signed_ = 1;
					}
				}
				free(who);
			} else {
				fr_buf_free(&out);
			}
			unlink(dataf);
		}
		unlink(sigf);
	}
	free(sig);
	free(data);
}

/* Who made a commit, as far as the trust level tells, and how that is said in messages.
 * strong: for approvals and the team's config; else (G-OWNER) an unsigned commit under
 * `signature` falls back to its author. */
static const fr_person *actor(struct judge *js, const fr_commit_info *ci, int strong,
			      const char **how)
{
	const fr_config *cfg = js->j->roster;
	const fr_person *p;
	switch (js->j->trust) {
	case FR_TRUST_SIGNATURE:
		if (ci->oid[0]) {
			find_signer(js, ci->oid);
			if (js->signed_ == 1) {
				*how = fr_asprintf(js->arena, _("signed by %s's key"), js->signer->name);
				return js->signer;
			}
			if (strong) {
				if (js->signed_ == -2)
					*how = fr_asprintf(js->arena, _("signed by %s's expired or revoked key"),
							   js->signer->name);
				else
					*how = js->signed_ ? _("signed by no key of the roster")
							   : _("not signed");
				return NULL;
			}
		}
		break;
	case FR_TRUST_PUSHER:
		if (!ci->in_push) {
			/* on the server before this push (a branch merged now): who pushed it then,
			 * as the server's note says */
			if (ci->received_by) {
				*how = fr_asprintf(js->arena, _("pushed by '%s' earlier"), ci->received_by);
				return person_by_login(cfg, ci->received_by);
			}
			if (ci->received_email) {
				*how = fr_asprintf(js->arena, _("pushed by <%s> earlier"), ci->received_email);
				return person_by_email(cfg, ci->received_email);
			}
			if (strong) {
				*how = ci->received ? _("pushed earlier by someone the server did not name")
						    : _("on the server with no record of who pushed it");
				return NULL;
			}
		}
		if (js->j->pusher) {
			p = person_by_login(cfg, js->j->pusher);
			*how = fr_asprintf(js->arena, _("pushed by '%s'"), js->j->pusher);
			return p;
		}
		if (js->j->pusher_email) {
			*how = fr_asprintf(js->arena, _("pushed by <%s>"), js->j->pusher_email);
			return person_by_email(cfg, js->j->pusher_email);
		}
		*how = _("pushed by someone the server does not name");
		return NULL;
	case FR_TRUST_AUTHOR:
		break;
	}
	if (!ci->author_email[0]) {
		*how = fr_asprintf(js->arena, _("authored by an ambiguous author line <%s>"),
				   ci->author_shown ? ci->author_shown : "");
		return NULL;
	}
	*how = fr_asprintf(js->arena, _("authored by <%s>"), ci->author_email);
	return person_by_email(cfg, ci->author_email);
}

/* How the approver of an approval is known at this trust level, for messages. */
static const char *approver_id(struct judge *js, const fr_person *p)
{
	switch (js->j->trust) {
	case FR_TRUST_SIGNATURE:
		return p->signing_key ? fr_asprintf(js->arena, _("%s's key"), p->name)
				      : fr_asprintf(js->arena, _("%s (who has no signing_key in flowrec.yaml)"), p->name);
	case FR_TRUST_PUSHER:
		return p->login ? fr_asprintf(js->arena, "%s ('%s')", p->name, p->login)
				: fr_asprintf(js->arena, _("%s (who has no login in flowrec.yaml)"), p->name);
	default:
		return p->email ? fr_asprintf(js->arena, "%s <%s>", p->name, p->email)
				: fr_asprintf(js->arena, _("%s (who has no email in flowrec.yaml)"), p->name);
	}
}

int fr_history_has_approvals(const fr_node *fm)
{
	size_t n;
	const fr_node **v = approvals_of(fm, &n);
	free(v);
	return n > 0;
}

int fr_history_forgeable(const fr_set *set)
{
	size_t i, n;
	if (fr_judge_trust(set->cfg) != FR_TRUST_AUTHOR)
		return 0;
	if (set->lazy_approvals) /* records whose facts the cache did not need to decode */
		return 1;
	for (i = 0; i < set->n; i++) {
		const fr_node **v = approvals_of(set->recs[i]->fm, &n);
		free(v);
		if (n)
			return 1;
	}
	return 0;
}

void fr_history_warn_forgeable(FILE *f)
{
	fprintf(f, "%s\n", _("flowrec: approvals can be forged: they are trusted by the commits' author emails, which anyone who can push can set; give the approvers a signing_key in flowrec.yaml, or set approvals.trust: pusher (README: threat model)"));
}

static void commit_name(const fr_commit_info *ci, char *out, size_t size)
{
	if (ci->oid[0])
		snprintf(out, size, _("commit %.7s"), ci->oid);
	else
		snprintf(out, size, "%s", _("the staged change"));
}

/* G-APPROVAL on one change of a record: the approvals it introduces are the approvers' own,
 * and the approvals it keeps still vouch for what they approved. */
static long check_approvals(struct judge *js, const fr_change *c, const struct version *now,
			    const struct version *before, size_t nbefore, const struct version *base,
			    fr_diags *d)
{
	const fr_config *cfg = js->j->roster;
	fr_severity sev = fr_config_severity(cfg, "G-APPROVAL");
	const fr_node *nf = fm_of(now), **items;
	const fr_node *vnow = NULL;
	const fr_person *who = NULL;
	const char *how = NULL;
	int merge = c->commit->nparents > 1, known = 0;
	size_t n, i, k;
	long errors = 0;
	char name[64];

	if (sev == FR_SEV_OFF || !nf)
		return 0;
	items = approvals_of(nf, &n);
	commit_name(c->commit, name, sizeof(name));
	for (i = 0; i < n; i++) {
		const fr_node *it = items[i], *at = fr_map_get(it, "by");
		const char *by = fr_map_str(it, "by"), *step = fr_map_str(it, "step");
		const fr_person *p = fr_config_person(cfg, by);
		int in_some = 0, in_all = nbefore == (size_t)(c->commit->nparents > 0 ? c->commit->nparents : 0);
		int introduced, ok = 0;
		for (k = 0; k < nbefore; k++) {
			int h = holds(fm_of(&before[k]), nf, it);
			in_some |= h;
			in_all &= h;
		}
		introduced = !in_some || (merge && !in_all && holds(fm_of(base), nf, it));
		if (!known) {
			who = actor(js, c->commit, 1, &how);
			known = 1;
		}
		if (p && who == p)
			continue;
		if (introduced) {
			fr_diags_add(d, c->path, at ? at->line : 1, at ? at->col : 1, sev, "G-APPROVAL",
				     _("the '%s' approval by '%s' was added by %s, %s: only %s may add it"),
				     step ? step : "reviewed", by, name, how,
				     p ? approver_id(js, p) : by);
			errors += sev == FR_SEV_ERROR;
			continue;
		}
		/* kept: it still vouches for the record as some parent holding it had it */
		if (!vnow)
			vnow = vouched(js->arena, js->j->schemas, nf);
		for (k = 0; k < nbefore && !ok; k++)
			ok = holds(fm_of(&before[k]), nf, it) &&
			     fr_node_equal(vnow, vouched(js->arena, js->j->schemas, fm_of(&before[k])));
		if (ok)
			continue;
		fr_diags_add(d, c->path, at ? at->line : 1, at ? at->col : 1, sev, "G-APPROVAL",
			     _("%s, %s, changes what '%s' approved ('%s'): only %s may, by renewing the approval; or remove it"),
			     name, how, by, step ? step : "reviewed", p ? approver_id(js, p) : by);
		errors += sev == FR_SEV_ERROR;
	}
	free(items);
	return errors;
}

static long check_owner(struct judge *js, const fr_change *c, const struct version *now,
			const struct version *before, size_t nbefore, fr_diags *d)
{
	const fr_config *cfg = js->j->roster;
	fr_severity sev = fr_config_severity(cfg, "G-OWNER");
	const fr_node *fm = NULL, *at = NULL;
	const fr_person *author, *owner;
	const char *field, *name, *how;
	char who[64], whose[256];
	size_t i;

	if (sev == FR_SEV_OFF)
		return 0;
	for (i = 0; i < nbefore && !fm; i++)
		fm = fm_of(&before[i]);
	if (!fm)
		fm = fm_of(now);
	field = fm ? owner_field(fr_map_str(fm, "kind")) : NULL;
	name = field ? fr_map_str(fm, field) : NULL;
	if (!name)
		return 0;
	author = actor(js, c->commit, 0, &how);
	if (author && (!strcmp(author->name, name) || is_boss(author)))
		return 0;
	if (fm_of(now) && fr_map_get(fm_of(now), field))
		at = fr_map_get(fm_of(now), field);
	owner = fr_config_person(cfg, name);
	commit_name(c->commit, who, sizeof(who));
	snprintf(whose, sizeof(whose), "%s%s%s%s", name, owner && owner->email ? " <" : "",
		 owner && owner->email ? owner->email : "", owner && owner->email ? ">" : "");
	fr_diags_add(d, c->path ? c->path : c->before[0].path, at ? at->line : 1,
		     at ? at->col : 1, sev, "G-OWNER",
		     !c->path ? _("%s, %s, deletes a record of %s: only its owner, a manager or a director may change it")
		     : !nbefore ? _("%s, %s, adds a record of %s: only its owner, a manager or a director may write it")
		     : _("%s, %s, changes a record of %s: only its owner, a manager or a director may change it"),
		     who, how, whose);
	return sev == FR_SEV_ERROR;
}

static int is_team_file(const char *path)
{
	return path && (!strcmp(path, "flowrec.yaml") || !strncmp(path, "schemas/", 8));
}

/* The config decides who approves and how hard the rules bite: only a manager or a director
 * changes it, else an approval could be forged in two steps. */
static long check_team_change(struct judge *js, const fr_change *c, fr_diags *d)
{
	fr_severity sev = fr_config_severity(js->j->roster, "G-APPROVAL");
	const char *how;
	const fr_person *author;
	char who[64];
	if (sev == FR_SEV_OFF || js->j->first_config)
		return 0;
	author = actor(js, c->commit, 1, &how);
	if (is_boss(author))
		return 0;
	commit_name(c->commit, who, sizeof(who));
	fr_diags_add(d, c->path ? c->path : c->before[0].path, 1, 1, sev, "G-APPROVAL",
		     _("%s, %s, changes the team's config, which says who approves: only a manager or a director may change it"),
		     who, how);
	return sev == FR_SEV_ERROR;
}

long fr_history_authors(fr_repo *repo, const fr_changes *ch, const fr_judge *j, fr_diags *d,
			fr_error *err)
{
	struct judge js;
	const fr_change *v;
	size_t n, i, k;
	long errors = 0;
	int failed = 0;

	memset(&js, 0, sizeof(js));
	js.j = j;
	js.repo = repo;
	js.arena = fr_arena_new();
	if (j->trust == FR_TRUST_SIGNATURE) {
		judge_signers(&js);
		judge_pgp_keys(&js);
	}
	v = fr_changes_list(ch, &n);
	for (i = 0; i < n && !failed; i++) {
		const fr_change *c = &v[i];
		struct version now, base, *before;
		if (is_team_file(c->path) || (c->nbefore && is_team_file(c->before[0].path))) {
			errors += check_team_change(&js, c, d);
			continue;
		}
		if (!is_record(c->path) && !(c->nbefore && is_record(c->before[0].path)))
			continue;
		memset(&now, 0, sizeof(now));
		memset(&base, 0, sizeof(base));
		if (c->path && load_version(&now, repo, c->path, c->oid, err)) {
			failed = 1;
			break;
		}
		if (c->base && load_version(&base, repo, c->base->path, c->base->oid, err))
			failed = 1;
		before = fr_xcalloc(c->nbefore + 1, sizeof(*before));
		for (k = 0; k < c->nbefore && !failed; k++)
			if (load_version(&before[k], repo, c->before[k].path, c->before[k].oid, err))
				failed = 1;
		if (!failed) {
			if (c->path)
				errors += check_approvals(&js, c, &now, before, c->nbefore, &base, d);
			errors += check_owner(&js, c, &now, before, c->nbefore, d);
		}
		for (k = 0; k < c->nbefore; k++)
			free_version(&before[k]);
		free(before);
		free_version(&now);
		free_version(&base);
	}
	if (js.signers[0])
		unlink(js.signers);
	judge_pgp_free(&js);
	fr_arena_free(js.arena);
	return failed ? -1 : errors;
}
