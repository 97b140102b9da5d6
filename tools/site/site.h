/* site.h - the pages of the static site that `flowrec render` writes
 *
 * One file per page type: dashboard.c (index.html), person.c (people/NAME.html), record.c and
 * view.c (records/PATH.html: a record's figures and data), process.c (processes/NAME.html);
 * naming.c gives every page its site path, frame.c holds the frame and the small pieces every
 * page uses, tables.c the tables and charts more than one page shows, write.c writes them all.
 * render.c (tools/cmd/) parses the options, loads the history and swaps the folder in.
 *
 * Everything is read from the records, their summary (summary.h) and what is due
 * (dueitems.h); nothing depends on hash order, the environment or the clock but c->today.
 * Pages are built in an fr_buf and written under c->dir; the first failure's message is kept
 * in c->err.
 */
#ifndef FR_SITE_H
#define FR_SITE_H

#include "buf.h"
#include "config.h"
#include "dueitems.h"
#include "engine.h"
#include "history.h"
#include "locale.h"
#include "node.h"
#include "schemas.h"

#include <stddef.h>

#define SITE_MARKER ".flowrec-site"
#define SITE_DASH "\xe2\x80\x94"

/* A page that has a name: a person or a process, and its site path. */
struct site_named {
	const char *name;
	const char *path;
};

struct site {
	const fr_config *cfg;
	const fr_set *set;
	const fr_schemas *schemas;
	const fr_node *sum;        /* summary.h's tree; NULL when it could not be made */
	fr_arena *a;
	const char *loc;           /* the team's locale */
	const char *dir;           /* the folder being written */
	int today;
	char today_s[11];
	const fr_node **entry;     /* per set->recs[i]: its summary.records entry, or NULL */
	const char **page;         /* per set->recs[i]: its site path */
	struct site_named *people;
	size_t npeople;
	struct site_named *procs;  /* per process record, by path */
	size_t nprocs;
	char *err;                 /* the message of the first failure (heap) */
	char *made;                /* the folder of the last file written: it and its parents
				    * exist (heap) */
	const struct site_dues *dues;   /* set by site_write: the facts the record pages show */
	const fr_record **weeks;   /* the weekly meetings with a week, sorted by it (minutes.c) */
	size_t nweeks;
	const fr_fact **ontime;    /* the dues' facts that have a path, sorted by it, then by their
				    * order (blocks.c; made on first use, arena) */
	size_t nontime;
	int ontime_made;
	struct site_nav *navs;     /* the neighbour indexes made so far (blocks.c, arena) */
	size_t nnavs;
	/* Only the pages that changed are written: a page whose bytes are those of the file at its
	 * path in the old site (old, proved by hashing it, at old_dir) is a hard link to it. */
	const char *old_dir;       /* the site being replaced, or NULL */
	const struct fr_site_files *old;
	struct fr_site_files *written;   /* every file put in dir with its blob id (sitedir.h) */
	size_t nlinked;            /* how many of them are links to the old site's */
	int dirfd, old_dirfd;      /* dir and old_dir, open while site_write runs (-1: not) */
	int folders_made;          /* every page's folder exists: site_write_file makes none */
};

/* What is due or late (dueitems.h), and the on-time rates, from git history when there is. */
struct site_dues {
	fr_due_list list;
	fr_facts facts;            /* from git history (history.h) */
	int history;               /* 1 when there was a history to judge by */
	fr_ontime *rates;          /* on-time rate per person */
	size_t nrates;
};

/* A label in the site's language (locale.h). */
#define L(s) fr_site_label(c->loc, s)

/* Write every page, style.css and the marker into c->dir (which exists and is empty), the
 * pages on every core (write.c): names the pages, collects what is due into due->list.
 * Returns 0, or -1 with c->err set. */
int site_write(struct site *c, struct site_dues *due);

/* ---- naming.c ---- */
/* Fill c->entry, c->page, c->people and c->procs. */
void site_name_pages(struct site *c);

/* ---- the pages: each returns 0, or -1 with c->err set ---- */
int site_dashboard(struct site *c, const struct site_dues *due);
int site_person_page(struct site *c, const struct site_named *p, const struct site_dues *due);
int site_record_page(struct site *c, size_t idx);
int site_process_page(struct site *c, const struct site_named *p, const fr_record *r, size_t idx);

/* ---- frame.c: reading trees ---- */
size_t site_seq_len(const fr_node *n);
const fr_node *site_sum_get(const struct site *c, const char *key);
int site_str_eq(const char *a, const char *b);
/* The Monday of a "2026-W10" or first day of a "2026-03"; FR_NO_DATE when neither. */
int site_period_start(const char *s);
const struct site_named *site_find_named(const struct site_named *v, size_t n, const char *name);
/* The site path of the record at path, or NULL. */
const char *site_page_of_path(const struct site *c, const char *path);

/* ---- frame.c: files and the page frame ---- */
/* Put the bytes of b at c->dir/rel, creating the folders on the way: a hard link to the old
 * site's file when it holds those bytes (c->old), else a new file; listed in c->written. */
int site_write_file(struct site *c, const char *rel, const fr_buf *b);
/* Make the folders of the page at rel (under c->dir) that c->made does not show exist. */
int site_make_folders(struct site *c, const char *rel);
/* Keep the first failure's message (c->err): "WHAT 'PATH': strerror(errno)", a relative
 * path under c->dir. */
void site_fail(struct site *c, const char *what, const char *path);
void site_page_begin(struct site *c, fr_buf *b, int depth, const char *title, const char *subtitle);
void site_page_end(struct site *c, fr_buf *b);
int site_depth_of(const char *site_path);

/* ---- frame.c: small pieces ---- */
void site_esc(fr_buf *b, const char *s);
/* id is a literal of the caller, never a record's text. */
void site_h2(fr_buf *b, const char *id, const char *text);
void site_para(fr_buf *b, const char *cls, const char *text);
/* A person's name, linked to their page when they have one. */
void site_person(struct site *c, fr_buf *b, int depth, const char *name);
void site_people_list(struct site *c, fr_buf *b, int depth, const fr_node *seq);
void site_record_link(struct site *c, fr_buf *b, int depth, const char *path, const char *text);
void site_rate_td(fr_buf *b, const fr_node *m, const char *key);
void site_num_td(fr_buf *b, const fr_node *m, const char *key, const char *unit);
void site_text_td(fr_buf *b, const char *s);
/* A table's opening and header row (heads are English labels, translated here). */
void site_th_row(struct site *c, fr_buf *b, const char *const *heads, size_t n);
void site_table_end(fr_buf *b);
/* A deviation with its sign ("+40.0%", "-40.0%"), coloured by direction. */
void site_deviation_td(fr_buf *b, const fr_node *m);
void site_kpi(fr_buf *b, const char *label, double v, int has, const char *cls);
void site_kpi_count(fr_buf *b, const char *label, size_t n, const char *cls);
/* A product as "SKU name", the SKU once when the name starts with it. */
void site_product(struct site *c, fr_buf *b, const char *sku, const char *name);
/* The same as text (arena or borrowed). */
const char *site_product_name(struct site *c, const char *sku, const char *name);
/* A label with one %s (the table's, never a record's text) and its argument (arena). */
const char *site_fmt(struct site *c, const char *f, const char *arg);

/* ---- tables.c: what more than one page shows ---- */
/* A line chart of rows (summary weeks or months, label under key): the person's line and the
 * team's, or the team's alone when who is NULL. Returns 0 when nothing is known. */
int site_rate_chart(struct site *c, fr_buf *b, const fr_node *rows, const char *key, const char *who,
		    const char *title, const char *caption);
/* The latest row that began by today and has a number under rate_key. */
const fr_node *site_latest_row(const struct site *c, const fr_node *rows, const char *key,
			       const char *rate_key);
/* The flagged deviations of a kind, period and person (each NULL: any). Returns the rows. */
size_t site_flagged_table(struct site *c, fr_buf *b, int depth, const char *kind, const char *period,
			  const char *who, int newest_first);
/* What is due or late for who (NULL: everyone, the last four weeks). */
void site_due_table(struct site *c, fr_buf *b, int depth, const struct site_dues *d, const char *who);
void site_ontime_table(struct site *c, fr_buf *b, const struct site_dues *d);
/* A timeliness fact's text ("weekly minutes 2026-W10") in the site's language. */
const char *site_fact_what(struct site *c, const fr_fact *x);

/* ---- view.c: a record's data, labelled by its schema ---- */
struct site_view {
	struct site *c;
	const fr_node *root;   /* the schema's tree, or NULL */
	int depth;             /* the page's depth, for links */
	int figures;           /* 1: a figures mapping (labels and formats by key) */
};
/* Follow local $refs of the schema w->root. */
const fr_node *site_sch_resolve(const struct site_view *w, const fr_node *s);
const fr_node *site_sch_prop(const struct site_view *w, const fr_node *s, const char *key);
const char *site_key_label(const struct site_view *w, const fr_node *sch, const char *key);
void site_value_html(const struct site_view *w, fr_buf *b, const fr_node *v, const fr_node *sch,
		     const char *key, int nest);
void site_map_table(const struct site_view *w, fr_buf *b, const fr_node *m, const fr_node *sch, int nest);
/* An approval's cell: "by · date" of the mapping a (with a check mark first when mark), or
 * "not yet" when a is NULL (a product plan's approvals, a scorecard's review). */
void site_signoff(struct site *c, fr_buf *b, int depth, const fr_node *a, int mark);

/* ---- minutes.c: a weekly meeting as its minutes (the page and the mail) ---- */
struct site_task {
	const char *task, *unit, *reason, *due;
	double target, actual, rate;   /* rate: fr_rate of actual and target when has_rate */
	int has_target, has_actual, has_rate, flagged, lower;
};
struct site_rep {
	const char *person;
	double rate;                   /* the kind's figure (weekly.c) */
	int has_rate;
	struct site_task *last, *next; /* last_week, this_week */
	size_t nlast, nnext;
};
struct site_check {                    /* a Thursday follow-up check, toward this week's target */
	const char *person, *task, *unit;
	double progress, target;
	int has_progress, has_target, lower;
};
struct site_minutes {
	const fr_record *r;
	const char *week, *date, *started, *host, *midweek_date;
	double team_rate;
	int has_team;
	struct site_rep *reps;
	size_t nreps;
	struct site_check *checks;
	size_t nchecks;
	const fr_record *prev, *next;  /* the meetings of the weeks before and after, or NULL */
};
/* Read the weekly meeting c->set->recs[idx] (arena c->a; needs c->entry for its figures).
 * Returns 0, or -1 when it is not a readable weekly meeting. */
int site_minutes_read(struct site *c, size_t idx, struct site_minutes *m);
/* The minutes as HTML: with the site's classes and links (mail 0), or with inline styles and
 * no links, for a mail (mail 1). */
void site_minutes_html(struct site *c, fr_buf *b, const struct site_minutes *m, int depth, int mail);
/* The minutes as plain text (UTF-8, "\n" line ends). */
void site_minutes_text(struct site *c, fr_buf *b, const struct site_minutes *m);

/* ---- kindview.c: the views made for a kind ---- */
/* Write the view made for the record's kind; returns the front-matter keys it showed
 * (NULL-terminated), or NULL when the kind has none (nothing written). */
const char *const *site_kind_view(struct site *c, fr_buf *b, size_t idx, int depth);
/* The pairs of fm whose key is not in shown (arena; values borrowed from fm). */
fr_node *site_other_fields(struct site *c, const fr_node *fm, const char *const *shown);

/* ---- blocks.c: what the views made for a kind are built from ---- */
/* A fact list is <dl class="facts">: site_dt writes a term (an English label, translated) and
 * opens its <dd>, site_dd_end closes it. */
void site_dt(struct site *c, fr_buf *b, const char *label);
void site_dd_end(fr_buf *b);
void site_fact(struct site *c, fr_buf *b, const char *label, const char *text);
void site_fact_person(struct site *c, fr_buf *b, int depth, const char *label, const char *name);
/* cls is a literal of the caller (card-red, st-done, ...) or NULL. */
void site_badge(fr_buf *b, const char *cls, const char *text);
/* The record's timeliness facts (history.h: minutes by Monday noon, plan by the month's end,
 * ...), each with its state, as a section; nothing without history or facts. */
void site_record_ontime(struct site *c, fr_buf *b, const fr_record *r);
/* Links to the records of r's kind just before and after it by the field key (weeks and months
 * sort as text), among those whose field same (NULL: any) is r's; labels have one %s. */
void site_neighbour_nav(struct site *c, fr_buf *b, int depth, const fr_record *r, const char *key,
			const char *same, const char *prev_label, const char *next_label);
/* A horizontal bar of frac (0..1; more is drawn full) as inline SVG; tone: ok, low, high,
 * accent (NULL: accent). */
void site_bar(fr_buf *b, double frac, int has, const char *tone);
/* "3 days left", "due today", "2 days overdue" as of c->today; NULL for FR_NO_DATE. */
const char *site_days_text(struct site *c, int deadline);
/* The number under key with its unit, or the dash. */
void site_amount(fr_buf *b, const fr_node *m, const char *key, const char *unit);
/* "ok", "low" or "high" by the team's threshold (rate.h); NULL when !has. */
const char *site_rate_tone(const struct site *c, double rate, int has);

/* Target items (a weekly task, a monthly metric) with their rates (rate.h): name under
 * name_key ("task", "name"); the array (arena) has *n items. */
struct site_task *site_tasks_read(fr_arena *a, const fr_node *seq, const char *name_key, double threshold,
				  size_t *n);
/* HTML that is the site's (classes, links: mail 0) or a mail's (inline styles, no links, since
 * mail clients strip <style>: mail 1); the minutes and the monthly plans are written through it. */
struct site_out {
	struct site *c;
	fr_buf *b;
	int depth;
	int mail;
};
/* "<tag class=cls>" or "<tag style=...>"; td, th, table, h2 and h3 get their mail style without
 * a class. cls is a literal of the caller. */
void site_tag(struct site_out *o, const char *tag, const char *cls);
void site_text_el(struct site_out *o, const char *tag, const char *cls, const char *text);
/* A person, linked on the site. */
void site_who(struct site_out *o, const char *name);
/* "12 / 30 万元", the rate cell, and the deviation cell (signed, flagged with its mark). */
void site_task_amount(struct site_out *o, const struct site_task *t);
/* The task's name as shown: with "(lower is better)" when a lower actual is the better one
 * (better: lower), so that a rate above 100 % for a smaller figure is not misread. */
const char *site_task_label(struct site *c, const char *task, int lower);
void site_rate_cell(struct site_out *o, int has, double rate);
void site_dev_cell(struct site_out *o, const struct site_task *t);
/* A table's head (English labels, translated) and end; on the site in a scroll box. */
void site_out_head(struct site_out *o, const char *const *heads, size_t n);
void site_out_tail(struct site_out *o);

/* ---- view-monthly.c: a monthly plan (the page and `flowrec mail monthly`) ---- */
struct site_action {                   /* a golden-page or blank-sheet row */
	const char *action, *role, *who, *due;
};
struct site_mid {                      /* a mid-month item, against the plan's target */
	const char *metric, *unit, *reason;
	double to_date, target, prorated;  /* prorated: target x day / days in month */
	int has_to_date, has_target, has_prorated;
};
struct site_monthly {
	const fr_record *r;
	const char *person, *month, *summarises, *highlight, *lowlight, *mid_date;
	double rate;                       /* the kind's figure (monthly.c) */
	int has_rate, has_mid;
	size_t nflagged, nunreported;
	struct site_task *summary, *plan;  /* summary.metrics (with rates), plan.metrics */
	size_t nsummary, nplan;
	const fr_node **measures;          /* per plan metric */
	struct site_action *golden, *blank;
	size_t ngolden, nblank;
	struct site_mid *mid;
	size_t nmid;
};
/* Read the monthly plan c->set->recs[idx] (arena c->a; needs c->entry). 0, or -1 when it is not
 * a readable monthly plan with figures. */
int site_monthly_read(struct site *c, size_t idx, struct site_monthly *m);
/* As the page (mail 0) or a mail's HTML with inline styles (mail 1). */
void site_monthly_html(struct site *c, fr_buf *b, const struct site_monthly *m, int depth, int mail);
void site_monthly_text(struct site *c, fr_buf *b, const struct site_monthly *m);

/* ---- view-KIND.c: the view of one kind (kindview.c's table); as site_kind_view ---- */
const char *const *site_view_cards(struct site *c, fr_buf *b, size_t idx, int depth);
const char *const *site_view_monthly(struct site *c, fr_buf *b, size_t idx, int depth);
const char *const *site_view_product(struct site *c, fr_buf *b, size_t idx, int depth);
const char *const *site_view_scorecard(struct site *c, fr_buf *b, size_t idx, int depth);
const char *const *site_view_channel(struct site *c, fr_buf *b, size_t idx, int depth);
const char *const *site_view_onboarding(struct site *c, fr_buf *b, size_t idx, int depth);
const char *const *site_view_meeting(struct site *c, fr_buf *b, size_t idx, int depth);

/* ---- record.c ---- */
/* The Markdown body under "Notes", when it shows anything. */
void site_body_section(struct site *c, fr_buf *b, const fr_record *r);

#endif
