/* flowrec.c - main: one command table, dispatch, exit status */
#include "cmd/cmd.h"
#include "config.h"
#include "i18n.h"
#include "suggest.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_help(int argc, char **argv);

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;   /* N_() marked */
} commands[] = {
	{ "init", cmd_init, N_("start a new team repository") },
	{ "check", cmd_check, N_("check records against their schemas and the handbook's rules") },
	{ "report", cmd_report, N_("figures: achievement rates, sell-through, scores, roll-ups") },
	{ "due", cmd_due, N_("what is due, late or missing as of a date") },
	{ "render", cmd_render, N_("write the static HTML site") },
	{ "mail", cmd_mail, N_("write the weekly minutes or the monthly summary as an e-mail") },
	{ "calendar", cmd_calendar, N_("the process deadlines as an iCalendar file") },
	{ "new", cmd_new, N_("write a new record from its template, carrying over what it can") },
	{ "schema", cmd_schema, N_("print a kind's JSON Schema, or write them all, for editors") },
	{ "roster", cmd_roster, N_("list the team's people: name, role and e-mail, one a line") },
	{ "hook", cmd_hook, N_("install or remove the git hooks (pre-commit, pre-receive)") },
	{ "validate", cmd_validate, N_("validate YAML or JSON documents against a JSON Schema") },
	{ "help", cmd_help, N_("show the commands") },
	{ NULL, NULL, NULL }
};

/* The options of flowrec itself (before the command; --lang goes anywhere). */
static const struct {
	const char *name, *arg, *help;   /* help N_() marked */
} global_opts[] = {
	{ "version", "", N_("print flowrec's version and exit") },
	{ "lang", "zh-CN|en", N_("the language of the messages, for any command (default: the environment's, else the team's)") },
	{ "help", "", N_("show the commands (also 'flowrec help')") },
};

static void usage(FILE *f)
{
	const struct command *c;
	size_t i;
	fprintf(f, "%s", _("usage: flowrec [--version] [--lang zh-CN|en] [--help] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n"));
	for (c = commands; c->name; c++)
		fprintf(f, "    %-10s %s\n", c->name, _(c->summary));
	fprintf(f, "%s", _("\noptions:\n"));
	for (i = 0; i < FR_ARRAY_LEN(global_opts); i++) {
		char left[32];
		snprintf(left, sizeof(left), "--%s%s%s", global_opts[i].name, *global_opts[i].arg ? " " : "",
			 global_opts[i].arg);
		fprintf(f, "    %-18s %s\n", left, _(global_opts[i].help));
	}
	fprintf(f, "%s", _("\nrun 'flowrec COMMAND --help' for a command's options\n"));
}

/* --dump-options: the commands and these options for the completion script and the man page
 * generator, never translated (see options.c). */
static void dump(void)
{
	const struct command *c;
	size_t i;
	for (c = commands; c->name; c++)
		printf("command\t%s\t%s\n", c->name, c->summary);
	for (i = 0; i < FR_ARRAY_LEN(global_opts); i++)
		printf("option\t%s\t%s\t%s\n", global_opts[i].name, global_opts[i].arg, global_opts[i].help);
}

static int cmd_help(int argc, char **argv)
{
	usage(stdout);
	return 0;
}

/* The team's `locale` from the flowrec.yaml of the working directory (or a parent), read
 * before any command runs so that its --help and usage errors speak the team's language too;
 * the command switches again once it has loaded the config properly (team.c). */
static void team_language(void)
{
	char *root = NULL, *path, *text = NULL;
	size_t len;
	const char *p;
	if (fr_config_find(".", &root))
		return;
	path = fr_xmalloc(strlen(root) + sizeof("/flowrec.yaml"));
	sprintf(path, "%s/flowrec.yaml", root);
	if (fr_read_file(path, 1u << 20, &text, &len))
		text = NULL;
	for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		char val[32];
		if (strncmp(p, "locale:", 7))
			continue;
		if (sscanf(p + 7, " %31[A-Za-z_-]", val) == 1 ||
		    sscanf(p + 7, " \"%31[A-Za-z_-]", val) == 1 || sscanf(p + 7, " '%31[A-Za-z_-]", val) == 1)
			fr_i18n_set(val, FR_LANG_TEAM);
		break;
	}
	free(text);
	free(path);
	free(root);
}

int main(int argc, char **argv)
{
	const struct command *c;
	const char *bad, *guess;

	int lang_rc = fr_i18n_init(&argc, argv, &bad);

	if (fr_i18n_source() < FR_LANG_ENV)
		team_language();
	if (lang_rc) {
		if (*bad)
			fr_die_msg(_("--lang is zh-CN or en, not '%s'"), bad);
		else
			fr_die_msg(_("--lang needs a value: zh-CN or en"));
		return FR_EXIT_FAIL;
	}
	if (argc < 2) {
		usage(stderr);
		return FR_EXIT_FAIL;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return fr_finish_stdout(cmd_help(argc, argv));
	if (!strcmp(argv[1], "--dump-options")) {
		dump();
		return fr_finish_stdout(0);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("flowrec %s\n", FLOWREC_VERSION);
		return fr_finish_stdout(0);
	}
	for (c = commands; c->name; c++)
		if (!strcmp(c->name, argv[1]))
			return fr_finish_stdout(c->fn(argc - 1, argv + 1));
	guess = fr_suggest(argv[1], &commands[0].name, FR_ARRAY_LEN(commands) - 1, sizeof(commands[0]));
	if (guess)
		fr_die_msg(_("'%s' is not a flowrec command; did you mean '%s'? See 'flowrec help'"),
			   argv[1], guess);
	else
		fr_die_msg(_("'%s' is not a flowrec command; see 'flowrec help'"), argv[1]);
	return FR_EXIT_FAIL;
}
