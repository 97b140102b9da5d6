/* cmd.h - the subcommands, one file each, and what they share
 *
 * Every command is `int cmd_NAME(int argc, char **argv)` with argv[0] the command's name; it
 * returns the exit status: 0 success (warnings allowed), 1 errors found, 2 usage or I/O
 * failure. Commands print; nothing below tools/core, tools/kinds or tools/out does.
 */
#ifndef FR_CMD_H
#define FR_CMD_H

#include <stdio.h>

#define FR_EXIT_OK 0
#define FR_EXIT_FOUND 1
#define FR_EXIT_FAIL 2

int cmd_check(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_mail(int argc, char **argv);
int cmd_hook(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_roster(int argc, char **argv);
int cmd_calendar(int argc, char **argv);

struct fr_schemas;
/* Write every schema (kinds and flowrec-config) as DIR/NAME.json, making DIR; prints what went
 * wrong and returns 2, else 0. */
int fr_schema_write_dir(const struct fr_schemas *s, const char *dir);

/* "flowrec: MESSAGE" on stderr, one line (printf format, already translated). */
void fr_die_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: "flowrec CMD: MESSAGE" then "try 'flowrec CMD --help'"; returns 2. */
int fr_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Options: a small table that parses argv and prints --help (git parse-options style). */
enum fr_opt_type { FR_OPT_FLAG, FR_OPT_STRING, FR_OPT_END };
struct fr_opt {
	enum fr_opt_type type;
	const char *name;      /* long name without "--", e.g. "format" */
	const char *arg;       /* placeholder in help, e.g. "text|json"; NULL for flags */
	const char *help;      /* N_() marked, translated when printed */
	void *value;           /* int * for flags, const char ** for strings */
};
#define FR_OPT_FLAG_(n, h, v) { FR_OPT_FLAG, n, NULL, h, v }
#define FR_OPT_STR_(n, a, h, v) { FR_OPT_STRING, n, a, h, v }
#define FR_OPT_END_ { FR_OPT_END, NULL, NULL, NULL, NULL }

/* Parse options (--name value, --name=value, --flag, "--" ends options); the rest stay in
 * argv[0..*argc) in order (operands). --help prints usage to stdout and returns 1 (the
 * caller exits 0); an unknown or incomplete option prints the usage error and returns -1
 * (the caller exits 2). Returns 0 otherwise. */
int fr_parse_options(const char *cmd, const char *usage, const struct fr_opt *opts,
		     int *argc, char **argv);

/* Write len bytes of data to path through a temporary file beside it and a rename (so a reader
 * never sees half of it; permissions as the umask gives a new file), or to stdout when path is
 * NULL. Prints one line and returns 2 on failure (nothing is left behind), else 0. */
int fr_write_out(const char *path, const char *data, size_t len);

/* Flush stdout and report a failed write: returns 2 if stdout could not be written, else rc. */
int fr_finish_stdout(int rc);

#endif
