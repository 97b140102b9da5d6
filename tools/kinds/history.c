/* history.c - timeliness (W-ONTIME, W-MIDWEEK, M-ONTIME, P-ONTIME) and authorship
 * (G-APPROVAL, G-OWNER) over the git history of the records */
#include "history.h"
#include "date.h"
#include "i18n.h"
#include "record.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- time ---- */

/* Unix time of a local clock time (seconds after midnight) on a day, in the process's zone. */
static long long local_time(int days, int secs)
{
	struct tm tm;
	int y, m, d;
	memset(&tm, 0, sizeof(tm));
	fr_date_ymd(days, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = secs / 3600;
	tm.tm_min = secs / 60 % 60;
	tm.tm_sec = secs % 60;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

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
	long long first;           /* author time of the commit that added it; 0: none */
	char first_commit[41];
	long long has;             /* author time of the first version that passes want */
	char has_commit[41];
	int committed;             /* in some commit at all, even one after now */
};

static int date_record(struct dating *dt, const fr_changes *hist, fr_repo *repo,
		       const char *path, long long now, fr_has_fn want, fr_error *err)
{
	const fr_change *const *chs;
	size_t n = fr_changes_of(hist, path, &chs), i;
	memset(dt, 0, sizeof(*dt));
	for (i = 0; i < n; i++) {
		const fr_change *c = chs[i];
		dt->committed = 1;
		if (c->commit->author_time > now || !c->path)
			continue;
		if (!dt->first) {
			dt->first = c->commit->author_time;
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
			fr_record_parse(&r, c->path, data, len, &scratch);
			ok = r->fm && want(r->fm);
			fr_record_free(r);
			fr_diags_free(&scratch);
			free(data);
			if (ok) {
				dt->has = c->commit->author_time;
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
		if (hist && date_record(&dt, hist, repo, w[i]->path, now, has_midweek, err))
			return -1;
		fr_week_format(monday, week);
		x = add_fact(f, "W-ONTIME", "weekly-meeting", w[i]->path, host, week,
			     local_time(monday, 12 * 3600));
		x->what = fr_asprintf(f->arena, _("weekly minutes %s"), week);
		settle(x, &dt, 0, hist, now);
		x = add_fact(f, "W-MIDWEEK", "weekly-meeting", w[i]->path, host, week,
			     local_time(monday + 3, 12 * 3600));
		x->what = fr_asprintf(f->arena, _("Thursday follow-up %s"), week);
		settle(x, &dt, 1, hist, now);
	}
	if (this_monday - first > 520 * 7)
		first = this_monday - 520 * 7;
	for (monday = first; monday <= this_monday; monday += 7) {
		fr_fact *x;
		int have = 0, m;
		for (i = 0; i < n && !have; i++)
			have = !fr_week_parse(fr_map_str(w[i]->fm, "week"), &m) && m == monday;
		if (have)
			continue;
		fr_week_format(monday, week);
		x = add_fact(f, "W-ONTIME", "weekly-meeting", NULL,
			     guess_host(set->cfg, w, n, monday), week, local_time(monday, 12 * 3600));
		x->what = fr_asprintf(f->arena, _("weekly minutes %s"), week);
		x->status = judge(0, x->deadline, now);
	}
	return 0;
}

static int monthly_facts(fr_facts *f, const fr_set *set, const fr_changes *hist, fr_repo *repo,
			 long long now, fr_error *err)
{
	size_t n, i, p;
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
		if (hist && date_record(&dt, hist, repo, m[i]->path, now, NULL, err))
			return -1;
		fr_month_format(month, label);
		x = add_fact(f, "M-ONTIME", "monthly-plan", m[i]->path,
			     fr_map_str(m[i]->fm, "person"), label, local_time(month, 0) - 1);
		x->what = fr_asprintf(f->arena, _("monthly plan %s"), label);
		settle(x, &dt, 0, hist, now);
	}
	if (next - first > 3660)
		first = fr_month_add(next, -120);
	for (month = first; month <= next; month = fr_month_add(month, 1)) {
		long long deadline = local_time(month, 0) - 1;
		long long draft = local_time(fr_month_add(month, -1) + 27, 0);
		fr_month_format(month, label);
		for (p = 0; p < cfg->npeople; p++) {
			const char *who = cfg->people[p].name;
			int have = 0, mm;
			fr_fact *x;
			if (!cfg->people[p].role || strcmp(cfg->people[p].role, "sales"))
				continue;
			for (i = 0; i < n && !have; i++) {
				const char *person = fr_map_str(m[i]->fm, "person");
				have = person && !strcmp(person, who) &&
				       !fr_month_parse(fr_map_str(m[i]->fm, "month"), &mm, &nd) &&
				       mm == month;
			}
			if (have || now < draft)
				continue;
			x = add_fact(f, "M-ONTIME", "monthly-plan", NULL, who, label, deadline);
			x->what = fr_asprintf(f->arena, _("monthly plan %s"), label);
			x->status = judge(0, deadline, now);
		}
	}
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
		if (hist && date_record(&dt, hist, repo, p[i]->path, now, has_review, err))
			return -1;
		fr_month_format(month, label);
		x = add_fact(f, "P-ONTIME", "product-plan", p[i]->path, fr_map_str(p[i]->fm, "owner"),
			     label, local_time(month + 1, 0) - 1);
		x->what = fr_asprintf(f->arena, _("product plan %s drafted"), label);
		settle(x, &dt, 0, hist, now);
		for (k = 0; ap && ap->type == FR_SEQ && k < ap->n && !reviewer; k++) {
			const char *step = fr_map_str(ap->items[k], "step");
			if (step && !strcmp(step, "review"))
				reviewer = fr_map_str(ap->items[k], "by");
		}
		x = add_fact(f, "P-ONTIME", "product-plan", p[i]->path, reviewer, label,
			     local_time(month + 2, 0) - 1);
		if (!reviewer)
			x->who = names_of_role(f->arena, set->cfg, "director");
		x->what = fr_asprintf(f->arena, _("product plan %s approved"), label);
		settle(x, &dt, 1, hist, now);
		/* a record not yet committed has not been drafted, let alone approved, in history */
	}
	return 0;
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
	return 0;
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
	return v->rec && v->rec->fm && v->rec->fm->type == FR_MAP ? v->rec->fm : NULL;
}

/* An approval of a record, and what makes it this record's ("product-plan|2026-04|李娜"). */
struct approval {
	char key[512];
	const char *by;
	const char *step;
	const fr_node *at;
};

static void record_key(const fr_node *fm, const char *kind, char *out, size_t size)
{
	const char *a = !strcmp(kind, "product-plan") ? "owner" : "partner";
	snprintf(out, size, "%s|%s|%s", kind, fr_map_str(fm, "month") ? fr_map_str(fm, "month") : "",
		 fr_map_str(fm, a) ? fr_map_str(fm, a) : "");
}

/* The approvals of a version (at most max). */
static size_t approvals_of(const fr_node *fm, struct approval *out, size_t max)
{
	const char *kind = fr_map_str(fm, "kind");
	char key[400];
	size_t n = 0, i;
	if (!kind)
		return 0;
	if (!strcmp(kind, "product-plan")) {
		const fr_node *ap = fr_map_get(fm, "approvals");
		record_key(fm, kind, key, sizeof(key));
		for (i = 0; ap && ap->type == FR_SEQ && i < ap->n && n < max; i++) {
			const char *by = fr_map_str(ap->items[i], "by");
			const char *step = fr_map_str(ap->items[i], "step");
			if (!by)
				continue;
			out[n].by = by;
			out[n].step = step ? step : "";
			out[n].at = fr_map_get(ap->items[i], "by");
			snprintf(out[n].key, sizeof(out[n].key), "%s|%s|%s", key, out[n].step, by);
			n++;
		}
	} else if (!strcmp(kind, "partner-scorecard")) {
		const fr_node *rv = fr_map_get(fm, "reviewed");
		const char *by = fr_map_str(rv, "by");
		record_key(fm, kind, key, sizeof(key));
		if (by && max) {
			out[n].by = by;
			out[n].step = "reviewed";
			out[n].at = fr_map_get(rv, "by");
			snprintf(out[n].key, sizeof(out[n].key), "%s|reviewed|%s", key, by);
			n++;
		}
	}
	return n;
}

/* The roster of a commit's parent (see history.h), cached by the blob of flowrec.yaml. */
struct rosters {
	struct {
		char blob[41];
		fr_config *cfg;
	} v[8];
	size_t n, next;
};

static const fr_config *roster_at(struct rosters *rs, fr_repo *repo, const char *commit,
				  fr_error *err, int *failed)
{
	char *text = NULL, blob[41];
	size_t len, i;
	fr_config *cfg = NULL;
	fr_diags scratch = FR_DIAGS_INIT;
	int rc = fr_repo_read(repo, commit, "flowrec.yaml", &text, &len, blob, err);
	if (rc < 0) {
		*failed = 1;
		return NULL;
	}
	if (rc > 0)
		return NULL;
	for (i = 0; i < rs->n; i++) {
		if (!strcmp(rs->v[i].blob, blob)) {
			free(text);
			return rs->v[i].cfg;
		}
	}
	fr_config_load(&cfg, "flowrec.yaml", text, len, NULL, &scratch);
	fr_diags_free(&scratch);
	free(text);
	if (!cfg)
		return NULL;
	i = rs->n < FR_ARRAY_LEN(rs->v) ? rs->n++ : rs->next++ % FR_ARRAY_LEN(rs->v);
	if (rs->v[i].cfg)
		fr_config_free(rs->v[i].cfg);
	memcpy(rs->v[i].blob, blob, 41);
	rs->v[i].cfg = cfg;
	return cfg;
}

static const fr_person *person_by_email(const fr_config *cfg, const char *email)
{
	size_t i;
	for (i = 0; email && *email && i < cfg->npeople; i++)
		if (cfg->people[i].email && !strcasecmp(cfg->people[i].email, email))
			return &cfg->people[i];
	return NULL;
}

static void commit_name(const fr_commit_info *ci, char *out, size_t size)
{
	if (ci->oid[0])
		snprintf(out, size, _("commit %.7s"), ci->oid);
	else
		snprintf(out, size, "%s", _("the staged change"));
}

static long check_approvals(const fr_change *c, const fr_config *cfg, const struct version *now,
			    const struct version *before, size_t nbefore, fr_diags *d)
{
	struct approval added[32], had[64];
	size_t na, nh = 0, i, j;
	fr_severity sev = fr_config_severity(cfg, "G-APPROVAL");
	long errors = 0;
	char who[64];

	if (sev == FR_SEV_OFF || !fm_of(now))
		return 0;
	na = approvals_of(fm_of(now), added, FR_ARRAY_LEN(added));
	for (i = 0; i < nbefore; i++)
		if (fm_of(&before[i]))
			nh += approvals_of(fm_of(&before[i]), had + nh, FR_ARRAY_LEN(had) - nh);
	commit_name(c->commit, who, sizeof(who));
	for (i = 0; i < na; i++) {
		const fr_person *p;
		const fr_node *at = added[i].at;
		for (j = 0; j < nh && strcmp(had[j].key, added[i].key); j++)
			;
		if (j < nh)
			continue;
		p = fr_config_person(cfg, added[i].by);
		if (!p || !p->email || !*p->email) {
			fr_diags_add(d, c->path, at ? at->line : 1, at ? at->col : 1, sev, "G-APPROVAL",
				     _("the approval by '%s' added by %s cannot be verified: '%s' has no email in flowrec.yaml"),
				     added[i].by, who, added[i].by);
		} else if (strcasecmp(p->email, c->commit->author_email)) {
			fr_diags_add(d, c->path, at ? at->line : 1, at ? at->col : 1, sev, "G-APPROVAL",
				     _("the '%s' approval by '%s' was added by %s, authored by <%s>: only %s <%s> may add it"),
				     added[i].step, added[i].by, who, c->commit->author_email,
				     added[i].by, p->email);
		} else {
			continue;
		}
		errors += sev == FR_SEV_ERROR;
	}
	return errors;
}

static long check_owner(const fr_change *c, const fr_config *cfg, const struct version *now,
			const struct version *before, size_t nbefore, fr_diags *d)
{
	fr_severity sev = fr_config_severity(cfg, "G-OWNER");
	const fr_node *fm = NULL, *at = NULL;
	const fr_person *author, *owner;
	const char *field, *name;
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
	author = person_by_email(cfg, c->commit->author_email);
	if (author && (!strcmp(author->name, name) ||
		       (author->role && (!strcmp(author->role, "manager") ||
					 !strcmp(author->role, "director")))))
		return 0;
	if (fm_of(now) && fr_map_get(fm_of(now), field))
		at = fr_map_get(fm_of(now), field);
	owner = fr_config_person(cfg, name);
	commit_name(c->commit, who, sizeof(who));
	snprintf(whose, sizeof(whose), "%s%s%s%s", name, owner && owner->email ? " <" : "",
		 owner && owner->email ? owner->email : "", owner && owner->email ? ">" : "");
	fr_diags_add(d, c->path ? c->path : c->before[0].path, at ? at->line : c->path ? 1 : 0,
		     at ? at->col : c->path ? 1 : 0, sev, "G-OWNER",
		     !c->path ? _("%s by <%s> deletes a record of %s: only its owner, a manager or a director may change it")
		     : !nbefore ? _("%s by <%s> adds a record of %s: only its owner, a manager or a director may write it")
		     : _("%s by <%s> changes a record of %s: only its owner, a manager or a director may change it"),
		     who, c->commit->author_email, whose);
	return sev == FR_SEV_ERROR;
}

static int is_team_file(const char *path)
{
	return path && (!strcmp(path, "flowrec.yaml") || !strncmp(path, "schemas/", 8));
}

/* The config decides who approves (the roster's emails) and how hard the rules bite: only a
 * manager or a director changes it, else an approval could be forged in two steps. */
static long check_team_change(const fr_change *c, const fr_config *cfg, fr_diags *d)
{
	fr_severity sev = fr_config_severity(cfg, "G-APPROVAL");
	const fr_person *author = person_by_email(cfg, c->commit->author_email);
	char who[64];
	if (sev == FR_SEV_OFF || (author && author->role && (!strcmp(author->role, "manager") ||
							      !strcmp(author->role, "director"))))
		return 0;
	commit_name(c->commit, who, sizeof(who));
	fr_diags_add(d, c->path ? c->path : c->before[0].path, 1, 1, sev, "G-APPROVAL",
		     _("%s by <%s> changes the team's config, which says who approves: only a manager or a director may change it"),
		     who, c->commit->author_email);
	return sev == FR_SEV_ERROR;
}

long fr_history_authors(fr_repo *repo, const fr_changes *ch, const fr_config *fallback,
			fr_diags *d, fr_error *err)
{
	struct rosters rs;
	const fr_change *v;
	size_t n, i, k;
	long errors = 0;
	int failed = 0;

	memset(&rs, 0, sizeof(rs));
	v = fr_changes_list(ch, &n);
	for (i = 0; i < n && !failed; i++) {
		const fr_change *c = &v[i];
		const fr_config *cfg = NULL;
		struct version now, *before;
		if (is_team_file(c->path) || (c->nbefore && is_team_file(c->before[0].path))) {
			if (c->commit->parent[0])
				cfg = roster_at(&rs, repo, c->commit->parent, err, &failed);
			if (cfg)
				errors += check_team_change(c, cfg, d);
			continue;
		}
		if (!is_record(c->path) && !(c->nbefore && is_record(c->before[0].path)))
			continue;
		if (c->commit->parent[0])
			cfg = roster_at(&rs, repo, c->commit->parent, err, &failed);
		if (!cfg && !failed)
			cfg = roster_at(&rs, repo, c->commit->oid, err, &failed);
		if (failed)
			break;
		if (!cfg)
			cfg = fallback;
		if (!cfg)
			continue;
		memset(&now, 0, sizeof(now));
		if (c->path && load_version(&now, repo, c->path, c->oid, err)) {
			failed = 1;
			break;
		}
		before = fr_xcalloc(c->nbefore + 1, sizeof(*before));
		for (k = 0; k < c->nbefore && !failed; k++)
			if (load_version(&before[k], repo, c->before[k].path, c->before[k].oid, err))
				failed = 1;
		if (!failed) {
			if (c->path)
				errors += check_approvals(c, cfg, &now, before, c->nbefore, d);
			errors += check_owner(c, cfg, &now, before, c->nbefore, d);
		}
		for (k = 0; k < c->nbefore; k++)
			free_version(&before[k]);
		free(before);
		free_version(&now);
	}
	for (i = 0; i < rs.n; i++)
		fr_config_free(rs.v[i].cfg);
	return failed ? -1 : errors;
}
