/* options.c - option tables that parse argv and print --help, and the usage errors */
#include "cmd.h"
#include "buf.h"
#include "i18n.h"
#include "node.h"
#include "suggest.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* One option line of --help: the option and its placeholder, padded to column 33 by display
 * width (a Chinese placeholder is two columns a character), then the help; a left side too
 * wide for its column goes on a line of its own, git-style. */
static const char lang_help[] = N_("the language of the messages (default: the environment's, else the team's)");
static const char help_help[] = N_("show this help");

static void help_line(const char *left, const char *text)
{
	size_t w = fr_utf8_width(left, strlen(left));
	if (w > 28)
		printf("    %s\n    %28s %s\n", left, "", text);
	else
		printf("    %s%*s %s\n", left, (int)(28 - w), "", text);
}

static void help(const char *cmd, const char *usage, const struct fr_opt *opts)
{
	const struct fr_opt *o;
	printf(_("usage: flowrec %s %s\n"), cmd, _(usage));
	if (opts[0].type != FR_OPT_END)
		printf("\n");
	for (o = opts; o->type != FR_OPT_END; o++) {
		fr_buf left = FR_BUF_INIT;
		fr_buf_addf(&left, "--%s", o->name);
		if (o->arg)
			fr_buf_addf(&left, " %s", _(o->arg));
		help_line(left.ptr, _(o->help));
		fr_buf_free(&left);
	}
	help_line("--lang zh-CN|en", _(lang_help));
	help_line("--help", _(help_help));
}

/* --dump-options: what the completion script and the man page generator read, never
 * translated: "usage<TAB>SYNOPSIS", then "option<TAB>NAME<TAB>ARG<TAB>HELP" per option (ARG
 * empty for a flag), --lang and --help included (git's --git-completion-helper). */
static void dump(const char *usage, const struct fr_opt *opts)
{
	const struct fr_opt *o;
	printf("usage\t%s\n", usage);
	for (o = opts; o->type != FR_OPT_END; o++)
		printf("option\t%s\t%s\t%s\n", o->name, o->arg ? o->arg : "", o->help);
	printf("option\tlang\tzh-CN|en\t%s\n", lang_help);
	printf("option\thelp\t\t%s\n", help_help);
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
		if (!strcmp(a, "--dump-options")) {
			dump(usage, opts);
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
			fr_usage_error(cmd, _("option '--%s' needs a value (%s)"), o->name, _(o->arg));
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

int fr_write_out(const char *path, const char *data, size_t len)
{
	char *tmp;
	FILE *f = NULL;
	mode_t mask;
	int fd;
	if (!path) {
		fwrite(data, 1, len, stdout);
		return fr_finish_stdout(FR_EXIT_OK);
	}
	tmp = fr_xmalloc(strlen(path) + sizeof(".tmp-XXXXXX"));
	sprintf(tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "wb"))) {
		fr_die_msg(_("cannot create a file beside '%s': %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd), unlink(tmp);
		free(tmp);
		return FR_EXIT_FAIL;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) || fwrite(data, 1, len, f) != len || fclose(f) ||
	    rename(tmp, path)) {
		fr_die_msg(_("cannot write '%s': %s"), path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return FR_EXIT_FAIL;
	}
	free(tmp);
	return FR_EXIT_OK;
}
