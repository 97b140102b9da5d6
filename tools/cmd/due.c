/* due.c - `flowrec due [--today DATE] [--format text|json] [--rev REV]`: what is due, late or
 * missing as of a date, and each person's on-time rate from git history
 *
 * The items and their statuses (missing, overdue, open, late) are dueitems.h's; this file
 * reads the records and the history, and prints the list and the on-time rates.
 * "Now" is the end of --today (23:59:59 local), or the current time; commits dated after it
 * count as not yet made. The records are the working tree's (or REV's); history is HEAD's (or
 * REV's). Outside a git repository everything but the history-based facts is still listed.
 */
#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "dueitems.h"
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

static void print_json(fr_buf *b, const fr_due_list *it, const fr_ontime *rates, size_t nr,
		       const char *clock)
{
	size_t i;
	fr_buf_adds(b, "{\"items\": [");
	for (i = 0; i < it->n; i++) {
		const fr_due_item *x = &it->v[i];
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
			    fr_due_status_name(x->status));
		json_str(b, x->path);
		fr_buf_adds(b, ", \"rule\": ");
		json_str(b, x->rule);
		if (x->done) {
			iso_time(x->done, done);
			fr_buf_addf(b, ", \"done\": \"%s\", \"clock\": \"%s\"", done,
				    x->fact && x->fact->received ? "received" : "commit");
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
	fr_buf_adds(b, nr ? "\n], \"clock\": " : "], \"clock\": ");
	json_str(b, clock);
	fr_buf_adds(b, "}\n");
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

static void print_text(fr_buf *b, fr_arena *a, const fr_due_list *it, const fr_ontime *rates,
		       size_t nr, int history, fr_clock clock)
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
			const fr_due_item *x = &it->v[i];
			const char **row = cells + (i + 1) * 6;
			char due[11];
			fr_date_format(x->due, due);
			row[0] = _(fr_due_status_name(x->status));
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
	fr_buf_addf(b, "%s\n", _(fr_clock_text(clock)));
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
		FR_OPT_STR_("rev", N_("REV"), N_("the records and history of a commit (default: the working tree and HEAD)"), &rev),
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
	fr_due_list it = FR_DUE_LIST_INIT;
	fr_buf out = FR_BUF_INIT;
	fr_error err;
	char tip[41] = "", *root = NULL;
	size_t nr = 0;
	long long now;
	int rc, json;

	rc = fr_parse_options("due", N_("[--today YYYY-MM-DD] [--format text|json] [--rev REV]"), opts,
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
	now = today ? fr_due_end_of_day(team.today) : (long long)time(NULL);
	fr_set_check(&set, &files, team.cfg, team.schemas, team.today, &d);
	if (repo && tip[0] && fr_repo_changes(&hist, repo, tip, NULL, 0, 0, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	if (fr_history_timeliness(&facts, set, hist, repo, now, &err)) {
		fr_die_msg("%s", err.msg);
		goto done;
	}
	fr_due_collect(&it, set, &facts, team.today);
	nr = hist ? fr_facts_rates(&facts, team.cfg, &rates) : 0;
	if (json)
		print_json(&out, &it, rates, nr, hist ? fr_clock_name(facts.clock) : NULL);
	else
		print_text(&out, it.a, &it, rates, nr, hist != NULL, facts.clock);
	fwrite(out.ptr, 1, out.len, stdout);
	rc = FR_EXIT_OK;
done:
	fr_buf_free(&out);
	free(rates);
	fr_due_list_free(&it);
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
