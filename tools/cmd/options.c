/* options.c - option tables that parse argv and print --help, and the usage errors */
#include "cmd.h"
#include "buf.h"
#include "i18n.h"
#include "suggest.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* One line on stderr: the formatted text with every control character, newline and bidi
 * override escaped (fr_buf_add_text), since it may quote a file name or a value. */
static void say(const char *prefix, const char *fmt, va_list ap)
{
	fr_buf raw = FR_BUF_INIT, out = FR_BUF_INIT;
	fr_buf_vaddf(&raw, fmt, ap);
	fr_buf_adds(&out, prefix);
	fr_buf_add_text(&out, raw.ptr, raw.len);
	fr_buf_addc(&out, '\n');
	fwrite(out.ptr, 1, out.len, stderr);
	fr_buf_free(&raw);
	fr_buf_free(&out);
}

void fr_die_msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("flowrec: ", fmt, ap);
	va_end(ap);
}

int fr_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fr_buf prefix = FR_BUF_INIT;
	fr_buf_addf(&prefix, "flowrec %s: ", cmd);
	va_start(ap, fmt);
	say(prefix.ptr, fmt, ap);
	va_end(ap);
	fr_buf_free(&prefix);
	fprintf(stderr, _("try 'flowrec %s --help'"), cmd);
	fputc('\n', stderr);
	return FR_EXIT_FAIL;
}

static void help(const char *cmd, const char *usage, const struct fr_opt *opts)
{
	const struct fr_opt *o;
	printf(_("usage: flowrec %s %s\n"), cmd, usage);
	if (opts[0].type != FR_OPT_END)
		printf("\n");
	for (o = opts; o->type != FR_OPT_END; o++) {
		char left[64];
		if (o->arg)
			snprintf(left, sizeof(left), "--%s %s", o->name, o->arg);
		else
			snprintf(left, sizeof(left), "--%s", o->name);
		printf("    %-28s %s\n", left, _(o->help));
	}
	printf("    %-28s %s\n", "--lang zh-CN|en", _("the language of the messages (default: the environment's, else the team's)"));
	printf("    %-28s %s\n", "--help", _("show this help"));
}

int fr_parse_options(const char *cmd, const char *usage, const struct fr_opt *opts,
		     int *argc, char **argv)
{
	int i, n = 0, only_operands = 0;
	for (i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const struct fr_opt *o;
		const char *eq;
		size_t nlen;
		if (only_operands || a[0] != '-' || !a[1]) {
			argv[n++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_operands = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help(cmd, usage, opts);
			return 1;
		}
		if (!strcmp(a, "-q")) /* the one short option: --quiet */
			a = "--quiet";
		if (a[1] != '-') {
			fr_usage_error(cmd, _("unknown option '%s'"), a);
			return -1;
		}
		a += 2;
		eq = strchr(a, '=');
		nlen = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o->type != FR_OPT_END; o++)
			if (strlen(o->name) == nlen && !strncmp(o->name, a, nlen))
				break;
		if (o->type == FR_OPT_END) {
			char *name = strndup(a, nlen);
			const char *guess = name ? fr_suggest(name, &opts[0].name, (size_t)(o - opts), sizeof(*o)) : NULL;
			if (guess)
				fr_usage_error(cmd, _("unknown option '--%s'; did you mean '--%s'?"), name, guess);
			else
				fr_usage_error(cmd, _("unknown option '--%.*s'"), (int)nlen, a);
			free(name);
			return -1;
		}
		if (o->type == FR_OPT_FLAG) {
			if (eq) {
				fr_usage_error(cmd, _("option '--%s' takes no value"), o->name);
				return -1;
			}
			*(int *)o->value = 1;
			continue;
		}
		if (eq) {
			*(const char **)o->value = eq + 1;
		} else if (i + 1 < *argc) {
			*(const char **)o->value = argv[++i];
		} else {
			fr_usage_error(cmd, _("option '--%s' needs a value (%s)"), o->name, o->arg);
			return -1;
		}
	}
	argv[n] = NULL;
	*argc = n;
	return 0;
}

int fr_finish_stdout(int rc)
{
	if (fflush(stdout) || ferror(stdout)) {
		fr_die_msg(_("cannot write the output"));
		return FR_EXIT_FAIL;
	}
	return rc;
}
