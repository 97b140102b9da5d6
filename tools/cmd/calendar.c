/* calendar.c - `flowrec calendar [--from D --to D] [--person NAME] [-o FILE]`: the process
 * deadlines as an iCalendar file (RFC 5545) to import into, or subscribe to from, a calendar
 *
 * The deadlines are dueitems.h's (fr_due_schedule): the handbook's weekly and monthly ones,
 * and what the records still owe (card products, onboarding steps, open decisions). The file:
 *   - one VEVENT per deadline (calendars such as Google's ignore VTODO); the Monday meeting
 *     lasts its 60 minutes, a deadline at a clock time (Monday 12:00) is an instant, a
 *     deadline of a whole day is an all-day event (VALUE=DATE)
 *   - times in UTC (the team's zone converted by the C library's tz database), so no VTIMEZONE
 *     is needed; X-WR-TIMEZONE names the team's zone for the calendars that show it
 *   - UID "NAME-HASH@flowrec": NAME what it is (weekly-minutes, card, decision, ...), HASH the
 *     first 16 hex digits of the SHA-1 of the team's name, a newline and the item's key
 *     (dueitems.h: "weekly-minutes 2026-W10", "card 2026-W10 X1-15", ...): the same event
 *     keeps its UID across runs and edits of other records, so a re-import updates it
 *   - DTSTAMP the time of the run (SOURCE_DATE_EPOCH when set), CRLF line ends, lines folded
 *     at 75 octets, never inside a UTF-8 character
 *   - titles and descriptions in the team's language (a document of the team: i18n.h)
 */
#include "buf.h"
#include "cache.h"
#include "cmd.h"
#include "date.h"
#include "dueitems.h"
#include "engine.h"
#include "i18n.h"
#include "team.h"
#include "util.h"

#include <git2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_DAYS 3660   /* ten years: a longer range is a typo */

/* One content line, folded (RFC 5545 3.1): at most 75 octets a line, continuations start
 * with a space; a cut never falls inside a UTF-8 sequence. */
static void line(fr_buf *out, const char *s, size_t len)
{
	size_t room = 75;
	while (len > room) {
		size_t cut = room;
		while (cut > 1 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		fr_buf_add(out, s, cut);
		fr_buf_adds(out, "\r\n ");
		s += cut;
		len -= cut;
		room = 74;
	}
	fr_buf_add(out, s, len);
	fr_buf_adds(out, "\r\n");
}

static void prop(fr_buf *out, const char *name, const char *value)
{
	fr_buf b = FR_BUF_INIT;
	fr_buf_addf(&b, "%s:%s", name, value);
	line(out, b.ptr, b.len);
	fr_buf_free(&b);
}

/* A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped, other
 * control characters dropped. */
static void add_text(fr_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',') {
			fr_buf_addc(b, '\\');
			fr_buf_addc(b, (char)c);
		} else if (c == '\n') {
			fr_buf_adds(b, "\\n");
		} else if (c >= 0x20 && c != 0x7f) {
			fr_buf_addc(b, (char)c);
		}
	}
}

static void prop_text(fr_buf *out, const char *name, const char *value)
{
	fr_buf b = FR_BUF_INIT;
	fr_buf_addf(&b, "%s:", name);
	add_text(&b, value);
	line(out, b.ptr, b.len);
	fr_buf_free(&b);
}

static void utc(long long t, char out[17])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static void ymd(int day, char out[9])
{
	int y, m, d;
	fr_date_ymd(day, &y, &m, &d);
	snprintf(out, 9, "%04d%02d%02d", y, m, d);
}

static const char *uid_name(const fr_due_item *x)
{
	switch (x->source) {
	case FR_DUE_PROCESS: return fr_deadlines[x->deadline].name;
	case FR_DUE_CARD: return "card";
	case FR_DUE_STEP: return "onboarding-step";
	case FR_DUE_DECISION: return "decision";
	default: return "deadline";
	}
}

static void uid(fr_buf *out, const char *team, const fr_due_item *x)
{
	fr_buf key = FR_BUF_INIT;
	char hex[41];
	fr_buf_addf(&key, "%s\n%s", team, x->key ? x->key : x->what);
	fr_blob_oid(key.ptr, key.len, hex);
	hex[16] = '\0';
	fr_buf_reset(&key);
	fr_buf_addf(&key, "%s-%s@flowrec", uid_name(x), hex);
	prop(out, "UID", key.ptr);
	fr_buf_free(&key);
}

static void event(fr_buf *out, const fr_config *cfg, const fr_due_item *x, const char *stamp)
{
	const fr_deadline_def *def = x->source == FR_DUE_PROCESS ? &fr_deadlines[x->deadline] : NULL;
	fr_buf d = FR_BUF_INIT;
	char day[11], t[17], v[9];
	int meeting = def && def->minutes > 0;

	fr_date_format(x->due, day);
	fr_buf_adds(out, "BEGIN:VEVENT\r\n");
	uid(out, cfg->team ? cfg->team : "", x);
	prop(out, "DTSTAMP", stamp);
	if (x->hhmm >= 0) {
		utc(fr_due_local_time(x->due, x->hhmm), t);
		prop(out, "DTSTART", t);
		if (meeting) {
			fr_buf_addf(&d, "PT%dM", def->minutes);
			prop(out, "DURATION", d.ptr);
			fr_buf_reset(&d);
		}
	} else {
		ymd(x->due, v);
		prop(out, "DTSTART;VALUE=DATE", v);
		ymd(x->due + 1, v);
		prop(out, "DTEND;VALUE=DATE", v);
	}
	prop_text(out, "SUMMARY", x->what);
	if (meeting)
		fr_buf_addf(&d, _("%s %02d:%02d, started within 30 minutes, at most %d minutes"), day,
			    x->hhmm / 60, x->hhmm % 60, def->minutes);
	else if (x->hhmm >= 0)
		fr_buf_addf(&d, _("due by %s %02d:%02d"), day, x->hhmm / 60, x->hhmm % 60);
	else
		fr_buf_addf(&d, _("due by the end of %s"), day);
	fr_buf_addc(&d, '\n');
	fr_buf_addf(&d, _("who: %s"), x->team_wide || !x->who[0] ? _("the whole team") : x->who);
	if (x->rule) {
		fr_buf_addc(&d, '\n');
		fr_buf_addf(&d, _("rule: %s"), x->rule);
	}
	if (def && def->handbook) {
		fr_buf_addc(&d, '\n');
		fr_buf_addf(&d, _("handbook: %s"), def->handbook);
	}
	if (x->path) {
		fr_buf_addc(&d, '\n');
		fr_buf_addf(&d, _("record: %s"), x->path);
	}
	prop_text(out, "DESCRIPTION", d.ptr);
	prop_text(out, "CATEGORIES", x->kind);
	prop(out, "TRANSP", meeting ? "OPAQUE" : "TRANSPARENT");
	fr_buf_adds(out, "END:VEVENT\r\n");
	fr_buf_free(&d);
}

static int for_person(const fr_due_item *x, const char *person)
{
	size_t i;
	if (!person || x->team_wide || !x->npeople)
		return 1;
	for (i = 0; i < x->npeople; i++)
		if (!strcmp(x->people[i], person))
			return 1;
	return 0;
}

static const char usage[] = N_("[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--person NAME] [-o FILE] [--today YYYY-MM-DD]");

int cmd_calendar(int argc, char **argv)
{
	const char *from_s = NULL, *to_s = NULL, *person = NULL, *output = NULL, *today = NULL;
	const struct fr_opt opts[] = {
		FR_OPT_STR_("from", "YYYY-MM-DD", N_("the first day (default: the first of this month)"), &from_s),
		FR_OPT_STR_("to", "YYYY-MM-DD", N_("the last day (default: the end of the month after --from's)"), &to_s),
		FR_OPT_STR_("person", "NAME", N_("only that person's deadlines and the whole team's"), &person),
		FR_OPT_STR_("output", "FILE", N_("write the calendar to FILE (default: standard output); also -o FILE"), &output),
		FR_OPT_STR_("today", "YYYY-MM-DD", N_("the date to judge by (default: today)"), &today),
		FR_OPT_END_
	};
	fr_team team;
	fr_files files = FR_FILES_INIT;
	fr_diags d = FR_DIAGS_INIT;
	fr_set *set = NULL;
	fr_due_list it = FR_DUE_LIST_INIT;
	fr_buf out = FR_BUF_INIT;
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char stamp[17];
	int rc, i, from, to, opened = 0;
	size_t k;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-o"))
			argv[i] = "--output";
	rc = fr_parse_options("calendar", usage, opts, &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (argc)
		return fr_usage_error("calendar", _("unexpected argument '%s'"), argv[0]);
	if (from_s && fr_date_parse(from_s, &from))
		return fr_usage_error("calendar", _("--from wants a date like 2026-03-01, not '%s'"), from_s);
	if (to_s && fr_date_parse(to_s, &to))
		return fr_usage_error("calendar", _("--to wants a date like 2026-04-30, not '%s'"), to_s);
	if (output && !*output)
		return fr_usage_error("calendar", "%s", _("--output wants a file name"));
	if ((rc = fr_team_open(&team, "calendar", today)))
		return rc;
	opened = 1;
	rc = FR_EXIT_FAIL;
	if (!from_s)
		from = to_s ? fr_month_add(to, -1) : fr_month_add(team.today, 0);
	if (!to_s)
		to = fr_month_add(from, 2) - 1;
	if (to < from) {
		rc = fr_usage_error("calendar", _("--to %s is before --from"), to_s ? to_s : "");
		goto done;
	}
	if (to - from >= MAX_DAYS) {
		rc = fr_usage_error("calendar", _("the range is longer than %d days: give a shorter --from/--to"), MAX_DAYS);
		goto done;
	}
	if (person && !fr_config_person(team.cfg, person)) {
		rc = fr_usage_error("calendar", _("'%s' is not in the team's roster ('people' in flowrec.yaml)"), person);
		goto done;
	}
	if (fr_files_from_dir(&files, team.root, &d)) {
		fr_diags_finish(&d);
		fr_die_msg(_("cannot read the records: %s"), d.n ? d.v[0].msg : "");
		goto done;
	}
	git_libgit2_init();
	/* the calendar is a document of the team: its language, not the reader's (i18n.h) */
	fr_i18n_set(fr_i18n_doc_lang(team.cfg->locale), FR_LANG_ENV);
	fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	fr_due_schedule(&it, set, from, to, team.today);
	if (epoch && *epoch)
		utc(strtoll(epoch, NULL, 10), stamp);
	else
		utc((long long)time(NULL), stamp);

	fr_buf_adds(&out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
	prop(&out, "PRODID", "-//flowrec//flowrec " FLOWREC_VERSION "//EN");
	prop(&out, "CALSCALE", "GREGORIAN");
	prop(&out, "METHOD", "PUBLISH");
	{
		fr_buf name = FR_BUF_INIT;
		fr_buf_addf(&name, _("%s: process deadlines"), team.cfg->team ? team.cfg->team : "flowrec");
		if (person)
			fr_buf_addf(&name, " (%s)", person);
		prop_text(&out, "X-WR-CALNAME", name.ptr);
		fr_buf_free(&name);
	}
	if (team.cfg->timezone)
		prop_text(&out, "X-WR-TIMEZONE", team.cfg->timezone);
	for (k = 0; k < it.n; k++)
		if (for_person(&it.v[k], person))
			event(&out, team.cfg, &it.v[k], stamp);
	fr_buf_adds(&out, "END:VCALENDAR\r\n");
	git_libgit2_shutdown();
	rc = fr_write_out(output, out.ptr, out.len);
done:
	fr_buf_free(&out);
	fr_due_list_free(&it);
	fr_set_free(set);
	fr_diags_free(&d);
	fr_files_free(&files);
	if (opened)
		fr_team_close(&team);
	return rc;
}
