/* config.c - find, parse and validate flowrec.yaml */
#include "config.h"
#include "date.h"
#include "i18n.h"
#include "rules.h"
#include "schemas.h"
#include "util.h"
#include "yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int fr_config_find(const char *dir, char **root)
{
	char *d = realpath(dir, NULL);
	*root = NULL;
	if (!d)
		return -1;
	for (;;) {
		struct stat st;
		size_t n = strlen(d);
		char *f = fr_xmalloc(n + sizeof("/flowrec.yaml"));
		char *slash;
		sprintf(f, "%s/flowrec.yaml", strcmp(d, "/") ? d : "");
		/* lstat: a link or a FIFO named flowrec.yaml is this team's (and an X-FILE error
		 * when read), not a reason to look further up */
		if (lstat(f, &st) == 0 && !S_ISDIR(st.st_mode)) {
			free(f);
			*root = d;
			return 0;
		}
		free(f);
		slash = strrchr(d, '/');
		if (!slash || !strcmp(d, "/"))
			break;
		if (slash == d)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(d);
	return -1;
}

/* The shape of a rule id, as the config schema's pattern says: "W-REASON". */
static int looks_like_rule_id(const char *s)
{
	if (!(s[0] >= 'A' && s[0] <= 'Z') || s[1] != '-' || !s[2])
		return 0;
	for (s += 2; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

static void defaults(fr_config *c)
{
	c->team = "";
	c->locale = "zh-CN";
	c->timezone = "Asia/Shanghai";
	c->since = FR_NO_DATE;
	c->work_start = 9 * 60;
	c->threshold = 0.30;
	c->path = "flowrec.yaml";
}

fr_config *fr_config_default(void)
{
	fr_arena *a = fr_arena_new();
	fr_config *c = fr_alloc(a, sizeof(*c));
	c->arena = a;
	defaults(c);
	return c;
}

static const char **strings(fr_arena *a, const fr_node *seq, size_t *n)
{
	const char **v;
	size_t i, k = 0;
	*n = 0;
	if (!seq || seq->type != FR_SEQ)
		return NULL;
	v = fr_alloc(a, (seq->n + 1) * sizeof(*v));
	for (i = 0; i < seq->n; i++)
		if (seq->items[i]->type == FR_STRING)
			v[k++] = seq->items[i]->str;
	*n = k;
	return v;
}

int fr_config_load(fr_config **out, const char *path, const char *text, size_t len,
		   const fr_schemas *schemas, fr_diags *d)
{
	fr_config *c = fr_config_default();
	fr_arena *a = c->arena;
	const fr_node *root, *n;
	fr_error err;
	size_t i, before = fr_diags_count(d, FR_SEV_ERROR);
	const fr_schema *sc = fr_schemas_get(schemas, "flowrec-config");

	*out = NULL;
	c->path = fr_strdup(a, path);
	root = fr_yaml_parse(a, text, len, 0, &err);
	if (!root) {
		fr_diags_add(d, path, err.line, err.col, FR_SEV_ERROR, err.rule, "%s", err.msg);
		goto fail;
	}
	c->root = root;
	if (sc)
		fr_schema_validate(sc, root, path, d);
	if (root->type != FR_MAP) {
		fr_diags_add(d, path, root->line, root->col, FR_SEV_ERROR, "X-SCHEMA",
			     _("the team config is a mapping of settings"));
		goto fail;
	}
	if (fr_map_str(root, "team"))
		c->team = fr_map_str(root, "team");
	if (fr_map_str(root, "locale"))
		c->locale = fr_map_str(root, "locale");
	if (fr_map_str(root, "timezone"))
		c->timezone = fr_map_str(root, "timezone");
	n = fr_map_get(root, "work_start");
	if (n && fr_time_parse(fr_node_str(n), &c->work_start))
		fr_diags_add(d, path, n->line, n->col, FR_SEV_ERROR, "X-SCHEMA",
			     _("work_start is a time like \"09:00\""));
	fr_map_num(root, "deviation_threshold", &c->threshold);
	n = fr_map_get(root, "since");
	if (n && (!fr_node_str(n) || fr_date_parse(fr_node_str(n), &c->since)))
		fr_diags_add(d, path, n->line, n->col, FR_SEV_ERROR, "X-SCHEMA",
			     _("since is a date like 2026-03-16: the day the team started judging deadlines"));

	n = fr_map_get(root, "people");
	if (!n || n->type != FR_SEQ || n->n == 0) {
		fr_diags_add(d, path, root->line, root->col, FR_SEV_ERROR, "X-SCHEMA",
			     _("the team config needs 'people', the roster of the team"));
	} else {
		c->people = fr_alloc(a, n->n * sizeof(*c->people));
		for (i = 0; i < n->n; i++) {
			const fr_node *p = n->items[i];
			const char *name = fr_map_str(p, "name");
			if (!name)
				continue;
			if (fr_config_person(c, name)) {
				fr_diags_add(d, path, p->line, p->col, FR_SEV_ERROR, "X-UNIQUE",
					     _("'%s' is in the roster twice"), name);
				continue;
			}
			c->people[c->npeople].name = name;
			c->people[c->npeople].role = fr_map_str(p, "role");
			c->people[c->npeople].email = fr_map_str(p, "email");
			c->people[c->npeople].login = fr_map_str(p, "login");
			c->people[c->npeople].signing_key = fr_map_str(p, "signing_key");
			c->npeople++;
		}
	}
	c->rotation = strings(a, fr_map_get(root, "host_rotation"), &c->nrotation);
	for (i = 0; i < c->nrotation; i++) {
		if (!fr_config_person(c, c->rotation[i])) {
			const fr_node *hr = fr_map_get(root, "host_rotation");
			fr_diags_add(d, path, hr->line, hr->col, FR_SEV_ERROR, "X-PERSON",
				     _("'%s' in host_rotation is not in 'people'"), c->rotation[i]);
		}
	}
	c->slogans = strings(a, fr_map_get(root, "slogans"), &c->nslogans);
	if (!fr_map_get(root, "slogans")) {
		static const char *const def[] = { "努力", "争取", "加强", "尽量", "提高认识", "全力以赴" };
		c->slogans = (const char **)def;
		c->nslogans = FR_ARRAY_LEN(def);
	}
	c->placeholders = strings(a, fr_map_get(root, "placeholders"), &c->nplaceholders);
	if (!fr_map_get(root, "placeholders")) {
		static const char *const def[] = { "TODO", "TBD", "待填写", "待定" };
		c->placeholders = (const char **)def;
		c->nplaceholders = FR_ARRAY_LEN(def);
	}
	n = fr_map_get(root, "approvals");
	c->trust = fr_map_str(n, "trust");
	c->pusher_variable = fr_map_str(n, "pusher_variable");
	n = fr_map_get(root, "rules");
	if (n && n->type == FR_MAP) {
		c->overrides = fr_alloc(a, (n->n + 1) * sizeof(*c->overrides));
		for (i = 0; i < n->n; i++) {
			const fr_pair *p = &n->pairs[i];
			const char *v = fr_node_str(p->val);
			fr_severity sev;
			if (!fr_rule_find(p->key->str)) {
				if (sc && !looks_like_rule_id(p->key->str))
					continue; /* the schema said so already */
				fr_diags_add(d, path, p->key->line, p->key->col, FR_SEV_ERROR, "X-SCHEMA",
					     _("unknown rule id '%s' in 'rules'"), p->key->str);
				continue;
			}
			if (v && !strcmp(v, "error"))
				sev = FR_SEV_ERROR;
			else if (v && !strcmp(v, "warning"))
				sev = FR_SEV_WARNING;
			else if (v && !strcmp(v, "off"))
				sev = FR_SEV_OFF;
			else {
				if (!sc)
					fr_diags_add(d, path, p->val->line, p->val->col, FR_SEV_ERROR,
						     "X-SCHEMA", _("a rule's severity is error, warning or off"));
				continue;
			}
			c->overrides[c->noverrides].id = p->key->str;
			c->overrides[c->noverrides].sev = sev;
			c->noverrides++;
		}
	}
	if (fr_diags_count(d, FR_SEV_ERROR) > before)
		goto fail;
	*out = c;
	return 0;
fail:
	fr_config_free(c);
	return -1;
}

void fr_config_free(fr_config *c)
{
	if (c)
		fr_arena_free(c->arena);
}

const fr_person *fr_config_person(const fr_config *c, const char *name)
{
	size_t i;
	if (!name)
		return NULL;
	for (i = 0; i < c->npeople; i++)
		if (!strcmp(c->people[i].name, name))
			return &c->people[i];
	return NULL;
}

fr_severity fr_config_severity(const fr_config *c, const char *rule)
{
	const fr_rule_info *r;
	size_t i;
	for (i = 0; c && i < c->noverrides; i++)
		if (!strcmp(c->overrides[i].id, rule))
			return c->overrides[i].sev;
	r = fr_rule_find(rule);
	return r ? r->sev : FR_SEV_ERROR;
}
