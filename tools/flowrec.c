/* flowrec.c - main: one command table, dispatch, exit status */
#include "cmd/cmd.h"
#include "i18n.h"

#include <stdio.h>
#include <string.h>

static int cmd_help(int argc, char **argv);

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;   /* N_() marked */
} commands[] = {
	{ "check", cmd_check, N_("check records against their schemas and the handbook's rules") },
	{ "report", cmd_report, N_("figures: achievement rates, sell-through, scores, roll-ups") },
	{ "due", cmd_due, N_("what is due, late or missing as of a date") },
	{ "render", cmd_render, N_("write the static HTML site") },
	{ "new", cmd_new, N_("write a new record from its template, carrying over what it can") },
	{ "hook", cmd_hook, N_("install the git hooks (pre-commit, pre-receive)") },
	{ "validate", cmd_validate, N_("validate YAML or JSON documents against a JSON Schema") },
	{ "help", cmd_help, N_("show the commands") },
	{ NULL, NULL, NULL }
};

static void usage(FILE *f)
{
	const struct command *c;
	fprintf(f, "%s", _("usage: flowrec COMMAND [OPTIONS] [ARGS]\n\ncommands:\n"));
	for (c = commands; c->name; c++)
		fprintf(f, "    %-10s %s\n", c->name, _(c->summary));
	fprintf(f, "%s", _("\nrun 'flowrec COMMAND --help' for a command's options\n"));
}

static int cmd_help(int argc, char **argv)
{
	usage(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	const struct command *c;

	fr_i18n_init();
	if (argc < 2) {
		usage(stderr);
		return FR_EXIT_FAIL;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return fr_finish_stdout(cmd_help(argc, argv));
	if (!strcmp(argv[1], "--version")) {
		printf("flowrec %s\n", FLOWREC_VERSION);
		return fr_finish_stdout(0);
	}
	for (c = commands; c->name; c++)
		if (!strcmp(c->name, argv[1]))
			return fr_finish_stdout(c->fn(argc - 1, argv + 1));
	fr_die_msg(_("'%s' is not a flowrec command; see 'flowrec help'"), argv[1]);
	return FR_EXIT_FAIL;
}
