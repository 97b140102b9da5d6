/* mail.c - `flowrec mail weekly|monthly`: the minutes (or the month's summary) as an e-mail
 *
 * An RFC 5322 message, ready for `sendmail -t -i` or any SMTP client: multipart/alternative
 * with text/plain first and then HTML with inline styles (mail clients strip <style>), both
 * UTF-8 in base64; Chinese headers as RFC 2047 encoded words. To: the people the record is for
 * (a weekly meeting's attendees, a month's planners) who have an email in the roster; Cc: the
 * rest of the roster with an email; From: the host (weekly) or the manager. Date: the deadline
 * the handbook sets for the mail (Monday 12:00 of the meeting's week; the 1st of the month at
 * 12:00) in the team's time zone; Message-ID from the team and the period, so mailing the same
 * week twice names the same message. The figures are the site's (minutes.c, summary.h).
 */
#include "cmd.h"
#include "date.h"
#include "diagout.h"
#include "html.h"
#include "i18n.h"
#include "site.h"
#include "source.h"
#include "summary.h"
#include "team.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* base64 of s[0..n), lines of 76 characters ending in CRLF when wrap, else one run. */
static void base64(fr_buf *b, const unsigned char *s, size_t n, int wrap)
{
	size_t i, col = 0;
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
			     (i + 2 < n ? s[i + 2] : 0);
		fr_buf_addc(b, b64[v >> 18 & 63]);
		fr_buf_addc(b, b64[v >> 12 & 63]);
		fr_buf_addc(b, i + 1 < n ? b64[v >> 6 & 63] : '=');
		fr_buf_addc(b, i + 2 < n ? b64[v & 63] : '=');
		if (wrap && (col += 4) >= 76) {
			fr_buf_adds(b, "\r\n");
			col = 0;
		}
	}
	if (wrap && col)
		fr_buf_adds(b, "\r\n");
}

static int is_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '"' || *s == '\\' || *s == '=' || *s == '?' ||
		    (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/* A header's text: as is when plain ASCII, else RFC 2047 "=?UTF-8?B?...?=" words of at most
 * 45 bytes each (60 base64 characters, so a word stays under 75), never splitting a
 * character, folded with CRLF SP. */
static void encoded(fr_buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	if (is_plain(s)) {
		fr_buf_adds(b, s);
		return;
	}
	while (i < n) {
		size_t len = n - i < 45 ? n - i : 45;
		while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
			len--;
		if (i)
			fr_buf_adds(b, "\r\n ");
		fr_buf_adds(b, "=?UTF-8?B?");
		base64(b, (const unsigned char *)s + i, len, 0);
		fr_buf_adds(b, "?=");
		i += len;
	}
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* "Mon, 16 Mar 2026 12:00:00 +0800": day in the team's zone (the process's, team.h). */
static void rfc_date(fr_buf *b, int day, int hour)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char ymd[11];
	struct tm tm;
	long off;
	memset(&tm, 0, sizeof(tm));
	fr_date_format(day, ymd);
	tm.tm_year = atoi(ymd) - 1900;
	tm.tm_mon = atoi(ymd + 5) - 1;
	tm.tm_mday = atoi(ymd + 8);
	tm.tm_hour = hour;
	tm.tm_isdst = -1;
	mktime(&tm);
	off = tm.tm_gmtoff / 60;
	fr_buf_addf(b, "%s, %d %s %d %02d:%02d:00 %c%02ld%02ld", wd[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon],
		    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

static int in_list(const fr_node *seq, const char *name)
{
	size_t i;
	for (i = 0; name && seq && seq->type == FR_SEQ && i < seq->n; i++)
		if (fr_node_str(seq->items[i]) && !strcmp(seq->items[i]->str, name))
			return 1;
	return 0;
}

/* "Name <addr>, ..." of the roster people with an email for whom to(p) is want. */
static void addresses(fr_buf *b, const char *field, const fr_config *cfg, const fr_node *to, int want)
{
	size_t i, k = 0;
	for (i = 0; i < cfg->npeople; i++) {
		const fr_person *p = &cfg->people[i];
		if (!p->email || !p->name || in_list(to, p->name) != want)
			continue;
		fr_buf_adds(b, k++ ? ",\r\n " : field);
		encoded(b, p->name);
		fr_buf_addf(b, " <%s>", p->email);
	}
	if (k)
		fr_buf_adds(b, "\r\n");
}

struct mail {
	const char *subject;
	const char *from;        /* a roster name, or NULL */
	const fr_node *to;       /* names */
	int day, hour;           /* the Date */
	const char *id;          /* "weekly.2026-W12" */
	fr_buf text, html;
};

static void message(fr_buf *b, const fr_config *cfg, struct mail *m)
{
	const fr_person *from = m->from ? fr_config_person(cfg, m->from) : NULL;
	uint64_t h = fnv1a(fnv1a(0xcbf29ce484222325ULL, cfg->team), m->id);
	char boundary[40];
	snprintf(boundary, sizeof(boundary), "flowrec-%016llx", (unsigned long long)h);
	fr_buf_adds(b, "From: ");
	if (from && from->email) {
		encoded(b, from->name);
		fr_buf_addf(b, " <%s>", from->email);
	} else {
		fr_buf_adds(b, "flowrec <flowrec@localhost>");
	}
	fr_buf_adds(b, "\r\n");
	addresses(b, "To: ", cfg, m->to, 1);
	addresses(b, "Cc: ", cfg, m->to, 0);
	fr_buf_adds(b, "Subject: ");
	encoded(b, m->subject);
	fr_buf_adds(b, "\r\nDate: ");
	rfc_date(b, m->day, m->hour);
	fr_buf_addf(b, "\r\nMessage-ID: <%s.%016llx@flowrec.invalid>\r\n", m->id, (unsigned long long)h);
	fr_buf_addf(b, "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n",
		    boundary);
	fr_buf_addf(b, "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		    boundary);
	base64(b, (const unsigned char *)m->text.ptr, m->text.len, 1);
	fr_buf_addf(b, "--%s\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		    boundary);
	base64(b, (const unsigned char *)m->html.ptr, m->html.len, 1);
	fr_buf_addf(b, "--%s--\r\n", boundary);
}

static void html_begin(struct site *c, fr_buf *b, const char *title)
{
	fr_buf_addf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>",
		    fr_site_lang(c->loc));
	fr_html_esc(b, title);
	fr_buf_adds(b, "</title></head>\n<body style=\"font-family:system-ui,-apple-system,'PingFang SC',"
		       "'Microsoft YaHei',sans-serif;color:#1d2329;font-size:14px;line-height:1.5\">\n"
		       "<h1 style=\"font-size:20px\">");
	fr_html_esc(b, title);
	fr_buf_adds(b, "</h1>\n");
}

static void html_end(struct site *c, fr_buf *b)
{
	fr_buf_adds(b, "<p style=\"color:#5f6b76;font-size:12px\">flowrec ");
	fr_buf_adds(b, FLOWREC_VERSION);
	fr_buf_adds(b, "</p>\n</body></html>\n");
}

/* The weekly meeting of week (NULL: the latest held by today). */
static int weekly(struct site *c, const char *week, struct mail *m)
{
	const fr_record *const *rs;
	struct site_minutes mi;
	size_t n, i, idx = 0, best = (size_t)-1;
	int monday;
	rs = fr_set_kind(c->set, "weekly-meeting", &n);
	for (i = 0; i < n; i++) {
		const char *w = fr_map_str(rs[i]->fm, "week");
		if (!w || fr_week_parse(w, &monday))
			continue;
		if (week ? !strcmp(w, week) : monday <= c->today &&
		    (best == (size_t)-1 || strcmp(w, fr_map_str(rs[best]->fm, "week")) > 0))
			best = i;
	}
	if (best == (size_t)-1) {
		if (week)
			fr_die_msg(_("no weekly meeting of week '%s': write records/weekly/%s.md first"), week, week);
		else
			fr_die_msg(_("no weekly meeting held by today: write this week's minutes first"));
		return -1;
	}
	while (c->set->recs[idx] != rs[best])
		idx++;
	if (site_minutes_read(c, idx, &mi)) {
		fr_die_msg(_("'%s' cannot be read as a weekly meeting: run flowrec check"), rs[best]->path);
		return -1;
	}
	m->subject = fr_asprintf(c->a, "%s %s", c->cfg->team ? c->cfg->team : "",
				 site_fmt(c, fr_site_label(c->loc, "Weekly minutes %s"), mi.week));
	m->from = mi.host;
	m->to = fr_map_get(rs[best]->fm, "attendees");
	fr_week_parse(mi.week, &monday);
	m->day = monday;
	m->hour = 12;
	m->id = fr_asprintf(c->a, "weekly.%s", mi.week);
	fr_buf_adds(&m->text, m->subject);
	fr_buf_adds(&m->text, "\n\n");
	site_minutes_text(c, &m->text, &mi);
	html_begin(c, &m->html, m->subject);
	site_minutes_html(c, &m->html, &mi, 0, 1);
	html_end(c, &m->html);
	return 0;
}

/* The monthly plans of month (NULL: the latest that began by today): each planner's rate of
 * the month summarised, and the flagged metrics with their reasons (summary.h). */
static int monthly(struct site *c, const char *month, struct mail *m)
{
	const fr_record *const *rs;
	const fr_node *flagged = site_sum_get(c, "flagged"), *months = site_sum_get(c, "months");
	const fr_node *row = NULL, *ppl;
	fr_node *to = fr_node_seq(c->a);
	size_t n, i, j;
	int first, best = FR_NO_DATE;
	char prev[8];
	const char *label;

	rs = fr_set_kind(c->set, "monthly-plan", &n);
	for (i = 0; i < n; i++) {
		const char *mo = fr_map_str(rs[i]->fm, "month");
		if (!mo || fr_month_parse(mo, &first, NULL))
			continue;
		if (month ? !strcmp(mo, month) : first <= c->today && first > best)
			best = first;
	}
	if (best == FR_NO_DATE) {
		if (month)
			fr_die_msg(_("no monthly plan of month '%s': write records/monthly/%s/NAME.md first"), month, month);
		else
			fr_die_msg(_("no monthly plan for a month begun by today: write this month's plans first"));
		return -1;
	}
	fr_month_format(best, prev);
	label = fr_strdup(c->a, prev);                       /* the plans' month */
	fr_month_format(fr_month_add(best, -1), prev);        /* the month they summarise */
	for (i = 0; i < site_seq_len(months); i++)
		if (site_str_eq(fr_map_str(months->items[i], "month"), prev))
			row = months->items[i];
	m->subject = fr_asprintf(c->a, "%s %s", c->cfg->team ? c->cfg->team : "",
				 site_fmt(c, fr_site_label(c->loc, "Monthly plan %s"), label));
	for (i = 0; i < c->cfg->npeople; i++)
		if (c->cfg->people[i].role && !strcmp(c->cfg->people[i].role, "manager"))
			m->from = c->cfg->people[i].name;
	for (i = 0; i < n; i++)
		if (site_str_eq(fr_map_str(rs[i]->fm, "month"), label) && fr_map_str(rs[i]->fm, "person"))
			fr_seq_push(c->a, to, fr_node_string(c->a, fr_map_str(rs[i]->fm, "person")));
	m->to = to;
	m->day = best;
	m->hour = 12;
	m->id = fr_asprintf(c->a, "monthly.%s", label);

	fr_buf_addf(&m->text, "%s\n\n%s%s", m->subject, fr_site_label(c->loc, "Team rate"), fr_site_label(c->loc, ": "));
	html_begin(c, &m->html, m->subject);
	fr_buf_adds(&m->html, "<p>");
	site_esc(&m->html, fr_site_label(c->loc, "Team rate"));
	site_esc(&m->html, fr_site_label(c->loc, ": "));
	{
		double v;
		int has = fr_map_num(row, "team_rate", &v);
		fr_buf b2 = FR_BUF_INIT;
		fr_html_rate(&b2, v, has);
		fr_buf_addf(&m->text, "%s (%s)\n\n", b2.ptr, prev);
		fr_buf_addf(&m->html, "<strong>%s</strong> (%s)</p>\n", b2.ptr, prev);
		fr_buf_free(&b2);
	}
	fr_buf_adds(&m->html, "<table style=\"border-collapse:collapse;font-size:14px\">\n");
	ppl = fr_map_get(row, "people");
	for (i = 0; i < site_seq_len(ppl); i++) {
		const char *who = fr_map_str(ppl->items[i], "person");
		double v;
		int has = fr_map_num(ppl->items[i], "rate", &v);
		fr_buf b2 = FR_BUF_INIT;
		fr_html_rate(&b2, v, has);
		fr_buf_addf(&m->text, "%s \xc2\xb7 %s\n", who ? who : SITE_DASH, b2.ptr);
		fr_buf_adds(&m->html, "<tr><td style=\"border:1px solid #d8dee4;padding:4px 8px\">");
		site_esc(&m->html, who);
		fr_buf_addf(&m->html, "</td><td style=\"border:1px solid #d8dee4;padding:4px 8px;text-align:right\">%s</td></tr>\n",
			    b2.ptr);
		fr_buf_free(&b2);
		for (j = 0; j < site_seq_len(flagged); j++) {
			const fr_node *f = flagged->items[j];
			const char *reason = fr_map_str(f, "reason");
			double d;
			if (!site_str_eq(fr_map_str(f, "kind"), "monthly-plan") ||
			    !site_str_eq(fr_map_str(f, "period"), prev) || !site_str_eq(fr_map_str(f, "person"), who) ||
			    !fr_map_num(f, "deviation", &d))
				continue;
			fr_buf_reset(&b2);
			fr_html_rate(&b2, d, 1);
			reason = site_fmt(c, fr_site_label(c->loc, "Reason: %s"),
					  reason ? reason : fr_site_label(c->loc, "no reason given"));
			fr_buf_addf(&m->text, "  - %s %s%s \xe2\x9a\x91 %s\n", fr_map_str(f, "item") ? fr_map_str(f, "item") : "",
				    d >= 0 ? "+" : "", b2.ptr, reason);
			fr_buf_adds(&m->html, "<tr><td colspan=\"2\" style=\"border:1px solid #d8dee4;padding:4px 8px;color:#c62828\">");
			site_esc(&m->html, fr_asprintf(c->a, "%s %s%s \xe2\x9a\x91 %s", fr_map_str(f, "item") ? fr_map_str(f, "item") : "",
						       d >= 0 ? "+" : "", b2.ptr, reason));
			fr_buf_adds(&m->html, "</td></tr>\n");
			fr_buf_free(&b2);
		}
		fr_buf_free(&b2);
	}
	fr_buf_adds(&m->html, "</table>\n");
	/* each plan as its page shows it (view-monthly.c), in the order of the records */
	for (i = 0; i < c->set->n; i++) {
		struct site_monthly mo;
		if (!site_str_eq(fr_map_str(c->set->recs[i]->fm, "month"), label) || site_monthly_read(c, i, &mo))
			continue;
		fr_buf_addf(&m->text, "\n== %s ==\n", mo.person ? mo.person : SITE_DASH);
		site_monthly_text(c, &m->text, &mo);
		fr_buf_adds(&m->html, "<h2 style=\"font-size:18px;margin:24px 0 6px;border-bottom:2px solid #1d2329\">");
		site_esc(&m->html, mo.person ? mo.person : SITE_DASH);
		fr_buf_adds(&m->html, "</h2>\n");
		site_monthly_html(c, &m->html, &mo, 0, 1);
	}
	html_end(c, &m->html);
	return 0;
}

int cmd_mail(int argc, char **argv)
{
	const char *output = NULL, *today = NULL, *week = NULL, *month = NULL;
	int force = 0;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("week", "YYYY-Www", N_("the weekly meeting to mail (default: the latest held)"), &week),
		FR_OPT_STR_("month", "YYYY-MM", N_("the month of the plans to mail (default: the latest begun)"), &month),
		FR_OPT_STR_("output", N_("FILE"), N_("write the message to FILE (default: standard output); also -o FILE"), &output),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date to judge by"), &today),
		FR_OPT_FLAG_("force", N_("mail even when the records have errors"), &force),
		FR_OPT_END_
	};
	fr_team team;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	struct site c;
	struct mail m;
	fr_buf msg = FR_BUF_INIT;
	const char *what;
	size_t errors;
	int rc, i, opened = 0;

	memset(&c, 0, sizeof(c));
	memset(&m, 0, sizeof(m));
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-o"))
			argv[i] = "--output";
	rc = fr_parse_options("mail", N_("weekly|monthly [--week YYYY-Www | --month YYYY-MM] [-o FILE] [--today YYYY-MM-DD]"),
			      opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (argc != 1 || (strcmp(argv[0], "weekly") && strcmp(argv[0], "monthly")))
		return fr_usage_error("mail", "%s", _("say what to mail: weekly or monthly"));
	what = argv[0];
	if (week && (strcmp(what, "weekly") || fr_week_parse(week, &i)))
		return fr_usage_error("mail", _("--week wants a week like 2026-W12, with mail weekly"));
	if (month && (strcmp(what, "monthly") || fr_month_parse(month, &i, NULL)))
		return fr_usage_error("mail", _("--month wants a month like 2026-03, with mail monthly"));
	if ((rc = fr_team_open(&team, "mail", today)))
		return rc;
	opened = 1;
	rc = FR_EXIT_FAIL;
	if (fr_files_from_dir(&files, team.root, &d)) {
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, 0, NULL, NULL);
		fr_die_msg(_("cannot read the records: not mailing"));
		goto done;
	}
	errors = fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	if (errors && !force) {
		fr_diags_finish(&d);
		fr_diags_print(stderr, &d, FR_FMT_TEXT, isatty(2), NULL, NULL);
		fr_die_msg(_("the records have %zu error(s): not mailing (fix them, or use --force)"), errors);
		rc = FR_EXIT_FOUND;
		goto done;
	}
	c.cfg = team.cfg;
	c.set = set;
	c.schemas = team.schemas;
	c.a = fr_arena_new();
	c.loc = team.cfg->locale ? team.cfg->locale : "en";
	c.today = team.today;
	fr_date_format(team.today, c.today_s);
	{
		fr_node *sum = NULL;
		if (fr_summary(&sum, set, NULL, c.a) == 0)
			c.sum = sum;
	}
	site_name_pages(&c);
	if (!strcmp(what, "weekly") ? weekly(&c, week, &m) : monthly(&c, month, &m))
		goto done;
	message(&msg, team.cfg, &m);
	rc = fr_write_out(output, msg.ptr, msg.len);
done:
	fr_buf_free(&msg);
	fr_buf_free(&m.text);
	fr_buf_free(&m.html);
	fr_arena_free(c.a);
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	if (opened)
		fr_team_close(&team);
	return rc;
}
