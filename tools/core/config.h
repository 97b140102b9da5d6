/* config.h - the team config flowrec.yaml (DOMAIN.md section 1)
 *
 * Found by walking up from a folder the way git finds .git; validated by the embedded schema
 * flowrec-config.yaml; every key but `people` has a default. The config owns one arena.
 */
#ifndef FR_CONFIG_H
#define FR_CONFIG_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

struct fr_schemas;

typedef struct fr_person {
	const char *name;
	const char *role;   /* manager director sales channel finance logistics aftersales commerce */
	const char *email;  /* may be NULL */
	const char *login;  /* the account name on the git host (trust: pusher); may be NULL */
	const char *signing_key; /* "ssh-ed25519 AAAA..." (trust: signature); may be NULL */
} fr_person;

typedef struct fr_rule_override {
	const char *id;
	fr_severity sev;
} fr_rule_override;

typedef struct fr_config {
	fr_arena *arena;
	const char *path;         /* the file it came from, for diagnostics */
	const char *team;
	const char *locale;       /* "zh-CN" or "en" */
	const char *timezone;     /* e.g. "Asia/Shanghai" */
	int work_start;           /* minutes after midnight */
	int since;                /* `since:` as a day number (date.h): deadlines before it are not
				   * judged; FR_NO_DATE when not given (history.h then takes the day
				   * of the first commit that holds flowrec.yaml) */
	double threshold;         /* deviation threshold, 0.30 by default */
	fr_person *people;
	size_t npeople;
	const char **rotation;
	size_t nrotation;
	const char **slogans;
	size_t nslogans;
	const char **placeholders;
	size_t nplaceholders;
	const char *trust;        /* approvals.trust: "signature", "pusher", "author"; NULL: the
				   * strongest available (history.h) */
	const char *pusher_variable; /* approvals.pusher_variable: the environment variable that
				      * names the pusher, NULL: the hosts' usual ones */
	fr_rule_override *overrides;
	size_t noverrides;
	const fr_node *root;      /* the parsed file (borrowed from the arena) */
} fr_config;

/* Walk up from dir to the first folder holding flowrec.yaml; *root gets that folder (heap,
 * free()). Returns 0, or -1 when there is none up to the file system's root. */
int fr_config_find(const char *dir, char **root);

/* Parse and validate the config text (path is for diagnostics). Diagnostics go to d; returns 0
 * and *out (owned, fr_config_free) when there is no error, else -1 and *out NULL.
 * schemas may be NULL to skip the schema (tests). */
int fr_config_load(fr_config **out, const char *path, const char *text, size_t len,
		   const struct fr_schemas *schemas, fr_diags *d);
/* The default config (no people), for commands run outside a team repository. */
fr_config *fr_config_default(void);
void fr_config_free(fr_config *c);

/* The person of that name, or NULL. */
const fr_person *fr_config_person(const fr_config *c, const char *name);
/* The severity a team gives a rule: its override, else the rule's default. */
fr_severity fr_config_severity(const fr_config *c, const char *rule);

#endif
