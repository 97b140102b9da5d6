/* repo.c - the records repository through libgit2: snapshots of the index or a commit, history */
#include "repo.h"
#include "gitindex.h"
#include "i18n.h"
#include "buf.h"
#include "limits.h"
#include "util.h"

#include <git2.h>
#include <git2/sys/repository.h>

#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct fr_repo {
	git_repository *git;
	char *workdir;      /* no trailing '/'; NULL when bare */
	char *gitdir;       /* no trailing '/' */
	char *prefix;       /* "" or "a/b/" */
	int notes_read;     /* notes looked up */
	git_commit *notes;  /* the commit of FR_NOTES_RECEIVED as first read; NULL when none */
	git_odb *quarantine; /* pre-receive: the objects of the push alone; NULL otherwise */
	char *index_path;   /* $GIT_INDEX_FILE as given, else GITDIR/index; NULL when bare */
	int index_env;      /* index_path is $GIT_INDEX_FILE, not yet libgit2's index */
	struct fast *fast;  /* the staged state from the index file; NULL until asked */
	fr_gitindex *ahead; /* index_path's file read ahead (fr_repo_adopt_index); NULL: none */
};

/* The path of the team's folder to the lineage of the file that is there now. */
struct alive {
	const char *path;
	size_t lin;
};

struct fr_changes {
	fr_arena *arena;
	fr_change *v;
	size_t n, cap;
	size_t *lin;                 /* lineage of each change */
	size_t nlin;
	struct alive *alive;         /* sorted by path */
	size_t nalive, capalive;
	const fr_change ***bylin;    /* per lineage, its changes in order */
	size_t *nbylin;
	size_t other;                /* changed paths that are no regular file (a link): no change */
};

static int git_fail(fr_error *err, const char *what)
{
	const git_error *e = git_error_last();
	fr_error_set(err, 0, 0, "", "%s: %s", what, e && e->message ? e->message : _("unknown error"));
	return -1;
}

static char *strip_slash(const char *s)
{
	char *d = fr_xstrdup(s);
	size_t n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		d[--n] = '\0';
	return d;
}

static void oid_hex(char out[41], const git_oid *id)
{
	fr_oid_hex(id->id, out);
}

/* $GIT_OBJECT_DIRECTORY and $GIT_ALTERNATE_OBJECT_DIRECTORIES: during pre-receive the pushed
 * objects sit in a quarantine folder that git names there. */
static int add_env_objects(git_repository *g, fr_error *err)
{
	const char *objdir = getenv("GIT_OBJECT_DIRECTORY");
	const char *alts = getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
	git_odb *odb = NULL;
	int rc = 0;
	if ((!objdir || !*objdir) && (!alts || !*alts))
		return 0;
	if (git_repository_odb(&odb, g) < 0)
		return git_fail(err, _("cannot read the object database"));
	if (objdir && *objdir && git_odb_add_disk_alternate(odb, objdir) < 0)
		rc = git_fail(err, _("cannot read the objects of $GIT_OBJECT_DIRECTORY"));
	while (!rc && alts && *alts) {
		const char *colon = strchr(alts, ':');
		size_t n = colon ? (size_t)(colon - alts) : strlen(alts);
		if (n) {
			char *dir = fr_xstrndup(alts, n);
			if (git_odb_add_disk_alternate(odb, dir) < 0)
				rc = git_fail(err, _("cannot read the objects of $GIT_ALTERNATE_OBJECT_DIRECTORIES"));
			free(dir);
		}
		alts = colon ? colon + 1 : NULL;
	}
	git_odb_free(odb);
	return rc;
}

int fr_repo_open(fr_repo **out, const char *dir, fr_error *err)
{
	git_repository *g = NULL;
	const char *env_dir = dir ? NULL : getenv("GIT_DIR");
	const char *s;
	fr_repo *r;
	int e;

	*out = NULL;
	if (env_dir && *env_dir)
		e = git_repository_open_ext(&g, env_dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	else
		e = git_repository_open_ext(&g, dir ? dir : ".", 0, getenv("GIT_CEILING_DIRECTORIES"));
	if (e == GIT_ENOTFOUND) {
		const char *where = env_dir && *env_dir ? env_dir : dir ? dir : ".";
		char *real = realpath(where, NULL);
		fr_error_set(err, 0, 0, "", _("not a git repository: '%s'"), real ? real : where);
		free(real);
		return -1;
	}
	if (e < 0)
		return git_fail(err, _("cannot open the git repository"));
	if (!dir) {
		if ((s = getenv("GIT_WORK_TREE")) && *s && !git_repository_is_bare(g) &&
		    git_repository_set_workdir(g, s, 0) < 0) {
			git_repository_free(g);
			return git_fail(err, _("cannot use $GIT_WORK_TREE"));
		}
		if (add_env_objects(g, err)) {
			git_repository_free(g);
			return -1;
		}
	}
	r = fr_xcalloc(1, sizeof(*r));
	/* pre-receive: the pushed objects wait in a folder of their own until the push is in */
	if (!dir && (s = getenv("GIT_QUARANTINE_PATH")) && *s && git_odb_open(&r->quarantine, s) < 0) {
		r->quarantine = NULL;
		git_error_clear();
	}
	r->git = g;
	r->gitdir = strip_slash(git_repository_path(g));
	r->workdir = git_repository_workdir(g) ? strip_slash(git_repository_workdir(g)) : NULL;
	r->prefix = fr_xstrdup("");
	if (!dir && (s = getenv("GIT_INDEX_FILE")) && *s) {
		r->index_path = fr_xstrdup(s);
		r->index_env = 1;   /* libgit2 reads it only when asked (repo_index) */
	} else if (r->workdir) {
		r->index_path = fr_xmalloc(strlen(r->gitdir) + sizeof("/index"));
		sprintf(r->index_path, "%s/index", r->gitdir);
	}
	*out = r;
	return 0;
}

static void fast_free(struct fast *f);

/* The repository's index for libgit2: $GIT_INDEX_FILE's (git commit -a and the hooks' own
 * index) is opened the first time it is asked for, as the fast reader (fr_gitindex) needs
 * none of libgit2's. 0, or -1 with err. */
static int repo_index(fr_repo *r, git_index **out, fr_error *err)
{
	if (r->index_env) {
		git_index *idx = NULL;
		if (git_index_open(&idx, r->index_path) < 0 || git_repository_set_index(r->git, idx) < 0) {
			git_index_free(idx);
			return git_fail(err, _("cannot read $GIT_INDEX_FILE"));
		}
		git_index_free(idx);
		r->index_env = 0;
	}
	if (git_repository_index(out, r->git) < 0)
		return git_fail(err, _("cannot read the index"));
	return 0;
}

void fr_repo_free(fr_repo *r)
{
	if (!r)
		return;
	fast_free(r->fast);
	fr_gitindex_free(r->ahead);
	free(r->index_path);
	git_commit_free(r->notes);
	git_odb_free(r->quarantine);
	git_repository_free(r->git);
	free(r->workdir);
	free(r->gitdir);
	free(r->prefix);
	free(r);
}

void fr_repo_adopt_index(fr_repo *r, const char *path, fr_gitindex *ix)
{
	if (!ix || r->ahead || !r->index_path ||
	    strcmp(path, r->index_path)) {
		fr_gitindex_free(ix);
		return;
	}
	r->ahead = ix;
}

int fr_repo_is_bare(const fr_repo *r)
{
	return r->workdir == NULL;
}

const char *fr_repo_workdir(const fr_repo *r)
{
	return r->workdir;
}

const char *fr_repo_gitdir(const fr_repo *r)
{
	return r->gitdir;
}

void fr_repo_set_prefix(fr_repo *r, const char *prefix)
{
	size_t n;
	while (*prefix == '/')
		prefix++;
	n = strlen(prefix);
	while (n && prefix[n - 1] == '/')
		n--;
	free(r->prefix);
	fast_free(r->fast);
	r->fast = NULL;
	r->prefix = fr_xmalloc(n + 2);
	memcpy(r->prefix, prefix, n);
	if (n)
		r->prefix[n++] = '/';
	r->prefix[n] = '\0';
}

const char *fr_repo_prefix(const fr_repo *r)
{
	return r->prefix;
}

int fr_repo_hooks_dir(fr_repo *r, char **out, fr_error *err)
{
	git_config *cfg = NULL;
	git_buf b = GIT_BUF_INIT;
	int e;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, r->git) < 0)
		return git_fail(err, _("cannot read the git configuration"));
	e = git_config_get_path(&b, cfg, "core.hooksPath");
	if (e == 0 && b.ptr && *b.ptr) {
		if (b.ptr[0] == '/') {
			*out = strip_slash(b.ptr);
		} else {
			const char *base = r->workdir ? r->workdir : r->gitdir;
			char *p = fr_xmalloc(strlen(base) + strlen(b.ptr) + 2);
			sprintf(p, "%s/%s", base, b.ptr);
			*out = strip_slash(p);
			free(p);
		}
	} else if (e == 0 || e == GIT_ENOTFOUND) {
		char *common = strip_slash(git_repository_commondir(r->git));
		*out = fr_xmalloc(strlen(common) + sizeof("/hooks"));
		sprintf(*out, "%s/hooks", common);
		free(common);
	} else {
		git_config_free(cfg);
		return git_fail(err, _("cannot read core.hooksPath"));
	}
	git_buf_dispose(&b);
	git_config_free(cfg);
	return 0;
}

static int lookup_commit(git_commit **c, fr_repo *r, const char *hex, fr_error *err)
{
	git_oid id;
	if (git_oid_fromstr(&id, hex) < 0 || git_commit_lookup(c, r->git, &id) < 0)
		return git_fail(err, _("cannot read commit"));
	return 0;
}

int fr_repo_resolve(fr_repo *r, const char *rev, char oid[41], fr_error *err)
{
	git_object *obj = NULL, *c = NULL;
	int e = git_revparse_single(&obj, r->git, rev);
	oid[0] = '\0';
	if (e == GIT_ENOTFOUND || e == GIT_EINVALIDSPEC || e == GIT_EAMBIGUOUS ||
	    e == GIT_EUNBORNBRANCH) {
		fr_error_set(err, 0, 0, "", e == GIT_EAMBIGUOUS ? _("ambiguous revision '%s'")
			     : _("unknown revision '%s'"), rev);
		return 1;
	}
	if (e < 0)
		return git_fail(err, _("cannot resolve the revision"));
	if (git_object_peel(&c, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		fr_error_set(err, 0, 0, "", _("'%s' does not name a commit"), rev);
		return 1;
	}
	oid_hex(oid, git_object_id(c));
	git_object_free(c);
	git_object_free(obj);
	return 0;
}

/* ---- snapshots ---- */

enum { FILE_NONE, FILE_RECORD, FILE_TEAM };

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

/* What a path of the team's folder is to flowrec. */
static int classify(const char *rel)
{
	const char *p;
	if (!strncmp(rel, "records/", 8)) {
		/* *.md, no name in the path hidden (this runs for every index entry) */
		size_t n = strlen(rel);
		if (n < 11 || memcmp(rel + n - 3, ".md", 3) || rel[8] == '.')
			return FILE_NONE;
		for (p = rel + 8; (p = memchr(p, '/', (size_t)(rel + n - p))); p++)
			if (p[1] == '.')
				return FILE_NONE;
		return FILE_RECORD;
	}
	if (!strcmp(rel, "flowrec.yaml"))
		return FILE_TEAM;
	if (!strncmp(rel, "schemas/", 8) && !strchr(rel + 8, '/') && rel[8] != '.' &&
	    (ends_with(rel, ".yaml") || ends_with(rel, ".yml") || ends_with(rel, ".json")))
		return FILE_TEAM;
	return FILE_NONE;
}

static int regular(unsigned mode)
{
	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* A symbolic link (mode 120000) where flowrec reads team content: records/ itself or anything
 * under it (but hidden names), schemas/ or one of its schemas, flowrec.yaml. The working-tree
 * reader refuses the same paths (source.c). */
static int team_link(const char *rel)
{
	const char *p;
	if (!strcmp(rel, "records") || !strcmp(rel, "schemas"))
		return 1;
	if (classify(rel) == FILE_TEAM)
		return 1;
	if (strncmp(rel, "records/", 8))
		return 0;
	for (p = rel; p; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '.')
			return 0;
	}
	return 1;
}

/* Add the file rel of blob id to fs; lazy: only its path and blob id (data NULL), the blob
 * left unread for fr_repo_load. */
static int add_blob(fr_repo *r, fr_files *fs, const char *rel, const git_oid *id, fr_diags *d,
		    int lazy, fr_error *err)
{
	git_blob *b = NULL;
	git_object_size_t size;
	fr_file *f;
	if (lazy) {
		/* as fr_files_add, without the copy of an empty text to free at once */
		FR_GROW(fs->v, fs->cap, fs->n + 1);
		f = &fs->v[fs->n++];
		memset(f, 0, sizeof(*f));
		f->path = fr_xstrdup(rel);
		f->selected = 1;
		oid_hex(f->oid, id);
		return 0;
	}
	if (git_blob_lookup(&b, r->git, id) < 0)
		return git_fail(err, _("cannot read a file's content"));
	size = git_blob_rawsize(b);
	if (size > FR_MAX_RECORD_BYTES) {
		fr_diag_file(d, rel, EFBIG, (size_t)size);
		git_blob_free(b);
		return 0;
	}
	f = fr_files_add(fs, rel, "", 0);
	free(f->data);
	f->data = fr_xmalloc((size_t)size + 1);
	memcpy(f->data, git_blob_rawcontent(b), (size_t)size);
	f->data[size] = '\0';
	f->len = (size_t)size;
	oid_hex(f->oid, id);
	git_blob_free(b);
	return 0;
}

struct walk {
	fr_repo *r;
	fr_files *records, *team;
	fr_diags *d;
	fr_error *err;
	int failed;
	int lazy;                  /* records: blob ids only */
};

static int walk_cb(const char *root, const git_tree_entry *e, void *ud)
{
	struct walk *w = ud;
	const char *name = git_tree_entry_name(e);
	char *rel;
	int kind;
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		/* only records/ and schemas/ hold anything of ours; skip the rest unread */
		if (!*root)
			return strcmp(name, "records") && strcmp(name, "schemas") ? 1 : 0;
		return name[0] == '.' || strlen(root) > 1024 ? 1 : 0;
	}
	rel = fr_xmalloc(strlen(root) + strlen(name) + 1);
	sprintf(rel, "%s%s", root, name);
	if (!regular(git_tree_entry_filemode(e))) {
		if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK && team_link(rel))
			fr_diag_file(w->d, rel, ELOOP, 0);
		free(rel);
		return 0;
	}
	kind = classify(rel);
	if (kind != FILE_NONE &&
	    add_blob(w->r, kind == FILE_RECORD ? w->records : w->team, rel, git_tree_entry_id(e), w->d,
		     kind == FILE_RECORD && w->lazy, w->err)) {
		w->failed = 1;
		free(rel);
		return -1;
	}
	free(rel);
	return 0;
}

/* The tree of the team's folder in a commit; *tree NULL when the commit has no such folder. */
static int team_tree(fr_repo *r, const char *commit, git_tree **tree, fr_error *err)
{
	git_commit *c = NULL;
	git_tree *top = NULL;
	git_tree_entry *e = NULL;
	int rc = 0;
	*tree = NULL;
	if (lookup_commit(&c, r, commit, err))
		return -1;
	if (git_commit_tree(&top, c) < 0) {
		rc = git_fail(err, _("cannot read a commit's tree"));
	} else if (!*r->prefix) {
		*tree = top;
		top = NULL;
	} else {
		char *p = strip_slash(r->prefix);
		if (git_tree_entry_bypath(&e, top, p) == 0 && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    git_tree_lookup(tree, r->git, git_tree_entry_id(e)) < 0)
			rc = git_fail(err, _("cannot read a commit's tree"));
		free(p);
	}
	git_tree_entry_free(e);
	git_tree_free(top);
	git_commit_free(c);
	return rc;
}

static int snapshot_index(fr_repo *r, fr_files *records, fr_files *team, fr_diags *d,
			  int lazy, fr_error *err)
{
	git_index *idx = NULL;
	size_t i, n, plen = strlen(r->prefix);
	const char *conflicted = "";
	if (repo_index(r, &idx, err))
		return -1;
	n = git_index_entrycount(idx);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(idx, i);
		const char *rel;
		int kind;
		if (!e || strncmp(e->path, r->prefix, plen))
			continue;
		rel = e->path + plen;
		if (e->mode == GIT_FILEMODE_LINK && git_index_entry_stage(e) == 0 && team_link(rel)) {
			fr_diag_file(d, rel, ELOOP, 0);
			continue;
		}
		kind = classify(rel);
		if (kind == FILE_NONE)
			continue;
		if (git_index_entry_stage(e) != 0) {
			if (strcmp(conflicted, rel))
				fr_diags_add(d, rel, 0, 0, FR_SEV_ERROR, "",
					     _("unresolved merge conflict: resolve it and stage the file"));
			conflicted = rel;
			continue;
		}
		if (!regular(e->mode))
			continue;
		if (add_blob(r, kind == FILE_RECORD ? records : team, rel, &e->id, d,
			     kind == FILE_RECORD && lazy, err)) {
			git_index_free(idx);
			return -1;
		}
	}
	git_index_free(idx);
	return 0;
}

/* ---- the staged state from the index file (gitindex.c) ----
 *
 * The pre-commit hook lists the index's snapshot, HEAD's, and the change between them.
 * libgit2 loads the whole index and compares it with HEAD's whole tree for that; here the
 * index file is read directly, and HEAD's trees are read only where the index's cache-tree
 * does not already say a folder is unchanged (git's own trick), so one staged record reads a
 * few trees. The index's list comes from its entries, HEAD's from the same entries with the
 * change reverted. Whatever the reader does not handle exactly makes the whole state
 * unusable and every caller takes the libgit2 path, which stays the reference
 * (tests/t-gitindex.sh compares both). $FLOWREC_GITINDEX, for tests only: "off" always
 * takes libgit2, "only" this path or a failure. */

#define NO_NODE ((size_t)-1)

struct delta {
	char st;                       /* 'A' added, 'D' deleted, 'M' modified */
	const char *path;              /* from the repository's top */
	uint32_t omode, nmode;
	git_oid ooid, noid;
};

struct fast {
	int read, diffed;              /* the index read, the change found (tried) */
	int ix_ok;                     /* the index's entries usable */
	int ok;                        /* the change too; else why says why not */
	char why[512];
	fr_gitindex *ix;
	size_t lo, hi;                 /* the entries under the team's folder */
	int have_head;
	char head[41];                 /* HEAD's commit */
	struct delta *d;               /* in path order */
	size_t nd, cap;
	fr_arena *a;
	size_t trees;                  /* trees of HEAD read */
};

static int fast_mode(void)
{
	const char *s = getenv("FLOWREC_GITINDEX");
	if (!s)
		return 0;
	return !strcmp(s, "off") ? -1 : !strcmp(s, "only") ? 1 : 0;
}

static void fast_free(struct fast *f)
{
	if (!f)
		return;
	fr_gitindex_free(f->ix);
	free(f->d);
	fr_arena_free(f->a);
	free(f);
}

static int fast_fail(struct fast *f, const char *why)
{
	if (!f->why[0])
		snprintf(f->why, sizeof(f->why), "%s", why);
	return 1;
}

/* git's base_name_compare: a folder sorts as if its name ended in '/' */
static int name_cmp(const char *a, size_t al, int adir, const char *b, size_t bl, int bdir)
{
	size_t n = al < bl ? al : bl;
	int k = memcmp(a, b, n);
	unsigned char ca, cb;
	if (k)
		return k;
	ca = n < al ? (unsigned char)a[n] : adir ? '/' : 0;
	cb = n < bl ? (unsigned char)b[n] : bdir ? '/' : 0;
	return ca < cb ? -1 : ca > cb;
}

/* What the staged diff looks at under dir (a full path, "" or "a/b/"): the way down to the
 * team's folder, there records, schemas and flowrec.yaml (as libgit2's literal pathspecs of
 * diff_opts match them: the file or the folder of that name), and everything below. */
static int fast_want(const fr_repo *r, size_t dlen, const char *name, size_t nlen, int isdir)
{
	size_t plen = strlen(r->prefix);
	if (dlen < plen)
		return isdir && plen - dlen > nlen && !memcmp(r->prefix + dlen, name, nlen) &&
		       r->prefix[dlen + nlen] == '/';
	if (dlen > plen)
		return 1;
	return (nlen == 7 && (!memcmp(name, "records", 7) || !memcmp(name, "schemas", 7))) ||
	       (nlen == 12 && !memcmp(name, "flowrec.yaml", 12));
}

static int fast_delta(struct fast *f, char st, const fr_buf *dir, const char *name, size_t nlen,
		      uint32_t omode, const git_oid *ooid, uint32_t nmode, const unsigned char *noid)
{
	struct delta *x;
	char *p;
	if (omode == GIT_FILEMODE_COMMIT || nmode == GIT_FILEMODE_COMMIT)
		return fast_fail(f, "a submodule changed");
	FR_GROW(f->d, f->cap, f->nd + 1);
	x = &f->d[f->nd++];
	memset(x, 0, sizeof(*x));
	x->st = st;
	p = fr_alloc(f->a, dir->len + nlen + 1);
	memcpy(p, dir->ptr, dir->len);
	memcpy(p + dir->len, name, nlen);
	p[dir->len + nlen] = '\0';
	x->path = p;
	x->omode = omode;
	if (ooid)
		x->ooid = *ooid;
	x->nmode = nmode;
	if (noid)
		memcpy(x->noid.id, noid, 20);
	return 0;
}

static void dir_cut(fr_buf *dir, size_t n)
{
	dir->len = n;
	dir->ptr[n] = '\0';
}

/* The cache-tree node of the subfolder name of node, or NO_NODE. */
static size_t fast_child(const fr_gitindex *ix, size_t node, const char *name, size_t nlen)
{
	size_t j, k;
	if (node == NO_NODE)
		return NO_NODE;
	for (j = node + 1, k = 0; k < ix->tree[node].nsub && j < ix->ntree; k++, j += ix->tree[j].span)
		if (ix->tree[j].len == nlen && !memcmp(ix->tree[j].name, name, nlen))
			return j;
	return NO_NODE;
}

static int tree_mode_ok(uint32_t m)
{
	return m == GIT_FILEMODE_TREE || m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE ||
	       m == GIT_FILEMODE_LINK || m == GIT_FILEMODE_COMMIT;
}

/* Compare HEAD's folder dir (its tree tid; NULL when HEAD has none) with the index entries
 * [lo, hi) under it (node: its cache-tree node or NO_NODE), appending the changes. */
static int fast_dir(struct fast *f, fr_repo *r, fr_buf *dir, const git_oid *tid, size_t node,
		    size_t lo, size_t hi, int depth)
{
	const fr_gitindex *ix = f->ix;
	git_tree *t = NULL;
	size_t nt = 0, ti = 0, i = lo, dlen = dir->len, k;
	int rc = 0;

	if (depth > 200)
		return fast_fail(f, "folders too deep");
	if (tid && node != NO_NODE && ix->tree[node].count >= 0 &&
	    !memcmp(ix->tree[node].oid, tid->id, 20)) {
		if ((size_t)ix->tree[node].count != hi - lo)
			return fast_fail(f, "the cache-tree's count is not the index's");
		return 0;
	}
	if (tid) {
		if (git_tree_lookup(&t, r->git, tid) < 0) {
			git_error_clear();
			return fast_fail(f, "cannot read a tree of HEAD");
		}
		f->trees++;
		nt = git_tree_entrycount(t);
		for (k = 0; k < nt; k++) {
			const git_tree_entry *e = git_tree_entry_byindex(t, k);
			const char *n = git_tree_entry_name(e);
			uint32_t m = git_tree_entry_filemode_raw(e);
			if (!tree_mode_ok(m) || !*n || !strcmp(n, ".") || !strcmp(n, "..") || strchr(n, '/'))
				rc = fast_fail(f, "an odd entry in a tree of HEAD");
			else if (k) {
				const git_tree_entry *b = git_tree_entry_byindex(t, k - 1);
				const char *bn = git_tree_entry_name(b);
				if (name_cmp(bn, strlen(bn), git_tree_entry_filemode_raw(b) == GIT_FILEMODE_TREE,
					     n, strlen(n), m == GIT_FILEMODE_TREE) >= 0 || !strcmp(bn, n))
					rc = fast_fail(f, "a tree of HEAD out of order");
			}
			if (rc) {
				git_tree_free(t);
				return rc;
			}
		}
	}
	while (!rc && (ti < nt || i < hi)) {
		const git_tree_entry *te = ti < nt ? git_tree_entry_byindex(t, ti) : NULL;
		const char *tn = NULL, *in = NULL;
		size_t tl = 0, il = 0, gend = i;
		int tdir = 0, idir = 0, c;
		uint32_t tm = 0;
		if (te) {
			tn = git_tree_entry_name(te);
			tl = strlen(tn);
			tm = git_tree_entry_filemode_raw(te);
			tdir = tm == GIT_FILEMODE_TREE;
		}
		if (i < hi) {
			const fr_gitindex_entry *e = &ix->v[i];
			const char *sl = memchr(e->path + dlen, '/', e->len - dlen);
			in = e->path + dlen;
			if (sl) {
				size_t a;
				il = (size_t)(sl - in);
				idir = 1;
				fr_gitindex_range(ix, e->path, dlen + il + 1, &a, &gend);
			} else {
				il = e->len - dlen;
				gend = i + 1;
			}
		}
		c = !te ? 1 : !in ? -1 : name_cmp(tn, tl, tdir, in, il, idir);
		if (c < 0) {                     /* in HEAD only */
			if (fast_want(r, dlen, tn, tl, tdir)) {
				if (tdir) {
					fr_buf_add(dir, tn, tl);
					fr_buf_addc(dir, '/');
					rc = fast_dir(f, r, dir, git_tree_entry_id(te), NO_NODE, 0, 0, depth + 1);
					dir_cut(dir, dlen);
				} else {
					rc = fast_delta(f, 'D', dir, tn, tl, tm, git_tree_entry_id(te), 0, NULL);
				}
			}
			ti++;
		} else if (c > 0) {              /* in the index only */
			if (fast_want(r, dlen, in, il, idir)) {
				if (idir) {
					fr_buf_add(dir, in, il);
					fr_buf_addc(dir, '/');
					rc = fast_dir(f, r, dir, NULL, NO_NODE, i, gend, depth + 1);
					dir_cut(dir, dlen);
				} else {
					rc = fast_delta(f, 'A', dir, in, il, 0, NULL, ix->v[i].mode, ix->v[i].oid);
				}
			}
			i = gend;
		} else {                         /* in both */
			if (fast_want(r, dlen, in, il, idir)) {
				const fr_gitindex_entry *e = &ix->v[i];
				const git_oid *to = git_tree_entry_id(te);
				if (idir) {
					fr_buf_add(dir, in, il);
					fr_buf_addc(dir, '/');
					rc = fast_dir(f, r, dir, to, fast_child(ix, node, in, il), i, gend, depth + 1);
					dir_cut(dir, dlen);
				} else if ((tm & 0170000) != (e->mode & 0170000)) {
					/* another kind of file: libgit2 (no TYPECHANGE asked) splits it */
					rc = fast_delta(f, 'D', dir, tn, tl, tm, to, 0, NULL);
					if (!rc)
						rc = fast_delta(f, 'A', dir, in, il, 0, NULL, e->mode, e->oid);
				} else if (tm != e->mode || memcmp(to->id, e->oid, 20)) {
					rc = fast_delta(f, 'M', dir, in, il, tm, to, e->mode, e->oid);
				}
			}
			ti++;
			i = gend;
		}
	}
	git_tree_free(t);
	return rc;
}

/* Read the index (once): f->ix_ok, else f->why. */
static void fast_read(fr_repo *r, struct fast *f)
{
	git_config *cfg = NULL;
	fr_error err;
	int icase = 0;
	size_t k, plen = strlen(r->prefix);
	f->read = 1;
	if (fast_mode() < 0) {
		fast_fail(f, "FLOWREC_GITINDEX=off");
		return;
	}
	if (!r->index_path) {
		fast_fail(f, "no index");
		return;
	}
	/* libgit2 compares paths without case when core.ignorecase is set */
	if (git_repository_config_snapshot(&cfg, r->git) < 0 ||
	    (git_config_get_bool(&icase, cfg, "core.ignorecase") < 0 && (icase = 0, 0)) || icase) {
		git_config_free(cfg);
		git_error_clear();
		fast_fail(f, "core.ignorecase");
		return;
	}
	git_config_free(cfg);
	git_error_clear();
	if (r->ahead) {
		f->ix = r->ahead;
		r->ahead = NULL;
	} else if (fr_gitindex_read(&f->ix, r->index_path, &err)) {
		fast_fail(f, err.msg);
		return;
	}
	fr_gitindex_range(f->ix, r->prefix, plen, &f->lo, &f->hi);
	for (k = f->lo; k < f->hi; k++)
		if (f->ix->v[k].len - plen > 1000) {
			fast_fail(f, "a long path");  /* the tree walk of snapshot() stops deeper */
			return;
		}
	f->ix_ok = 1;
}

/* HEAD and the staged change (once): f->ok, else f->why. */
static void fast_diff(fr_repo *r, struct fast *f)
{
	git_reference *head = NULL;
	git_commit *hc = NULL;
	fr_buf dir = FR_BUF_INIT;
	size_t k, plen = strlen(r->prefix);
	int e;
	f->diffed = 1;
	if (!f->ix_ok)
		return;
	e = git_repository_head(&head, r->git);
	if (e == 0) {
		if (git_reference_peel((git_object **)&hc, head, GIT_OBJECT_COMMIT) < 0) {
			git_reference_free(head);
			git_error_clear();
			fast_fail(f, "cannot read HEAD");
			return;
		}
		f->have_head = 1;
		oid_hex(f->head, git_commit_id(hc));
	} else if (e != GIT_EUNBORNBRANCH && e != GIT_ENOTFOUND) {
		git_error_clear();
		fast_fail(f, "cannot read HEAD");
		return;
	}
	git_error_clear();
	if (!fast_dir(f, r, &dir, hc ? git_commit_tree_id(hc) : NULL, f->ix->ntree ? 0 : NO_NODE,
		      0, f->ix->n, 0)) {
		f->ok = 1;
		for (k = 0; k < f->nd; k++)
			if (strlen(f->d[k].path) - plen > 1000)
				f->ok = fast_fail(f, "a long path") && 0;
	}
	fr_buf_free(&dir);
	git_commit_free(hc);
	git_reference_free(head);
}

/* The state, the index read and, when diff, the change found. */
static struct fast *fast_get(fr_repo *r, int diff)
{
	struct fast *f = r->fast;
	if (!f) {
		f = r->fast = fr_xcalloc(1, sizeof(*f));
		f->a = fr_arena_new();
	}
	if (!f->read)
		fast_read(r, f);
	if (diff && !f->diffed)
		fast_diff(r, f);
	return f;
}

/* The state when usable (its index, and with diff its change); NULL to take libgit2, with
 * *fail set and err when FLOWREC_GITINDEX=only forbids that. */
static struct fast *fast_use(fr_repo *r, int diff, int *fail, fr_error *err)
{
	struct fast *f = fast_get(r, diff);
	*fail = 0;
	if (diff ? f->ok : f->ix_ok)
		return f;
	if (fast_mode() > 0) {
		fr_error_set(err, 0, 0, "", "FLOWREC_GITINDEX=only: %s", f->why);
		*fail = 1;
	}
	return NULL;
}

const char *fr_repo_index_reader(fr_repo *r, size_t *trees)
{
	struct fast *f = fast_get(r, 1);
	*trees = f->trees;
	return f->ok ? NULL : f->why;
}

/* The tree id git would write for the index's folder dir (a full path, "" or "a/b/"), whose
 * entries are [lo, hi) (node: its cache-tree node or NO_NODE): the cache-tree's id where it
 * is valid and counts exactly these entries (as git's commit trusts it), else the tree object
 * built from the entries (git's format: "MODE NAME\0" and the binary id, in the index's order,
 * which is git's tree order) and hashed. Returns 0, or -1 when the folder is too deep. */
static int index_tree_id(const fr_gitindex *ix, size_t dlen, size_t node, size_t lo, size_t hi,
			 int depth, unsigned char out[20])
{
	fr_buf b = FR_BUF_INIT;
	size_t i = lo;
	git_oid id;
	int rc = 0;
	if (depth > 200)
		return -1;
	if (node != NO_NODE && ix->tree[node].count >= 0 && (size_t)ix->tree[node].count == hi - lo) {
		memcpy(out, ix->tree[node].oid, 20);
		return 0;
	}
	while (i < hi && !rc) {
		const fr_gitindex_entry *e = &ix->v[i];
		const char *name = e->path + dlen;
		const char *sl = memchr(name, '/', e->len - dlen);
		unsigned char sub[20];
		if (sl) {
			size_t nl = (size_t)(sl - name), a, gend;
			fr_gitindex_range(ix, e->path, dlen + nl + 1, &a, &gend);
			rc = index_tree_id(ix, dlen + nl + 1, fast_child(ix, node, name, nl), i, gend,
					   depth + 1, sub);
			fr_buf_adds(&b, "40000 ");
			fr_buf_add(&b, name, nl);
			fr_buf_addc(&b, '\0');
			fr_buf_add(&b, (const char *)sub, 20);
			i = gend;
		} else {
			fr_buf_addf(&b, "%o ", (unsigned)e->mode);
			fr_buf_add(&b, name, e->len - dlen);
			fr_buf_addc(&b, '\0');
			fr_buf_add(&b, (const char *)e->oid, 20);
			i++;
		}
	}
	if (!rc && git_odb_hash(&id, b.ptr ? b.ptr : "", b.len, GIT_OBJECT_TREE) < 0)
		rc = -1;
	if (!rc)
		memcpy(out, id.id, 20);
	git_error_clear();
	fr_buf_free(&b);
	return rc;
}

/* The cache-tree node of the full folder path p ("" or "a/b/"), or NO_NODE. */
static size_t index_node(const fr_gitindex *ix, const char *p)
{
	size_t node = ix->ntree ? 0 : NO_NODE;
	while (*p && node != NO_NODE) {
		const char *sl = strchr(p, '/');
		node = fast_child(ix, node, p, (size_t)(sl - p));
		p = sl + 1;
	}
	return node;
}

int fr_repo_tree_id(fr_repo *r, const char *commit, unsigned char out[20])
{
	if (!commit) {
		int fail;
		fr_error err;
		struct fast *f = fast_use(r, 0, &fail, &err);
		if (!f || f->lo == f->hi)
			return -1;
		return index_tree_id(f->ix, strlen(r->prefix), index_node(f->ix, r->prefix), f->lo,
				     f->hi, 0, out);
	} else {
		git_tree *t = NULL;
		fr_error err;
		if (team_tree(r, commit, &t, &err) || !t) {
			git_error_clear();
			return -1;
		}
		memcpy(out, git_tree_id(t)->id, 20);
		git_tree_free(t);
		return 0;
	}
}

/* One file of a snapshot, full path, as snapshot_index takes an index entry. */
static int fast_entry(fr_repo *r, const char *path, uint32_t mode, const git_oid *id,
		      fr_files *records, fr_files *team, fr_diags *d, int lazy, fr_error *err)
{
	const char *rel = path + strlen(r->prefix);
	int kind;
	if (mode == GIT_FILEMODE_LINK && team_link(rel)) {
		fr_diag_file(d, rel, ELOOP, 0);
		return 0;
	}
	kind = classify(rel);
	if (kind == FILE_NONE || !regular(mode))
		return 0;
	return add_blob(r, kind == FILE_RECORD ? records : team, rel, id, d,
			kind == FILE_RECORD && lazy, err);
}

/* The index's snapshot (head 0), or HEAD's: the index's entries with the change reverted. */
static int fast_snapshot(fr_repo *r, struct fast *f, int head, fr_files *records, fr_files *team,
			 fr_diags *d, int lazy, fr_error *err)
{
	size_t k, j = 0;
	git_oid id;
	/* nearly every entry is a record: one allocation, not a doubling per power of two */
	FR_GROW(records->v, records->cap, records->n + (f->hi - f->lo) + f->nd);
	for (k = f->lo; k < f->hi; k++) {
		const fr_gitindex_entry *e = &f->ix->v[k];
		int here = 0;
		while (head && j < f->nd && strcmp(f->d[j].path, e->path) <= 0) {
			here |= !strcmp(f->d[j].path, e->path);
			if (f->d[j].st != 'A' &&
			    fast_entry(r, f->d[j].path, f->d[j].omode, &f->d[j].ooid, records, team, d, lazy, err))
				return -1;
			j++;
		}
		if (here)
			continue;        /* the index's side of a change */
		memcpy(id.id, e->oid, 20);
		if (fast_entry(r, e->path, e->mode, &id, records, team, d, lazy, err))
			return -1;
	}
	for (; head && j < f->nd; j++)
		if (f->d[j].st != 'A' &&
		    fast_entry(r, f->d[j].path, f->d[j].omode, &f->d[j].ooid, records, team, d, lazy, err))
			return -1;
	return 0;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

int fr_repo_staged_light(fr_repo *r, fr_staged_light *l, fr_error *err)
{
	int fail = 0;
	struct fast *f = fast_use(r, 1, &fail, err);
	size_t k, j = 0, plen = strlen(r->prefix), *changed, nchanged = 0;
	memset(l, 0, sizeof(*l));
	if (fail)
		return -1;
	if (!f || !f->have_head)
		return 1;
	memcpy(l->head, f->head, 41);
	l->same = fr_xmalloc((f->hi - f->lo + 1) * sizeof(*l->same));
	/* the entries of the changes (those the index has), in index order: skipped below */
	changed = fr_xmalloc((f->nd + 1) * sizeof(*changed));
	for (j = 0; j < f->nd; j++) {
		size_t lo, hi;
		fr_gitindex_range(f->ix, f->d[j].path, strlen(f->d[j].path), &lo, &hi);
		while (lo < hi && strcmp(f->ix->v[lo].path, f->d[j].path))
			lo++;
		if (lo < hi)
			changed[nchanged++] = lo;
	}
	qsort(changed, nchanged, sizeof(*changed), cmp_size);
	j = 0;
	for (k = f->lo; k < f->hi; k++) {
		const fr_gitindex_entry *e = &f->ix->v[k];
		git_oid id;
		if (j < nchanged && changed[j] == k) {
			while (j < nchanged && changed[j] == k)
				j++;
			continue;         /* a change: both of its sides below */
		}
		if (e->mode == GIT_FILEMODE_LINK || !regular(e->mode))
			continue;         /* a link's or odd file's diagnostic is alike in both */
		switch (classify(e->path + plen)) {
		case FILE_RECORD:
			l->same[l->nsame].path = e->path + plen;
			l->same[l->nsame++].oid = e->oid;
			break;
		case FILE_TEAM:
			memcpy(id.id, e->oid, 20);
			if (fast_entry(r, e->path, e->mode, &id, &l->now, &l->now_team, &l->now_d, 1, err) ||
			    fast_entry(r, e->path, e->mode, &id, &l->before, &l->before_team, &l->before_d, 1, err))
				goto fail;
			break;
		}
	}
	for (j = 0; j < f->nd; j++) {
		const struct delta *x = &f->d[j];
		if ((x->st != 'D' && fast_entry(r, x->path, x->nmode, &x->noid, &l->now, &l->now_team,
						&l->now_d, 1, err)) ||
		    (x->st != 'A' && fast_entry(r, x->path, x->omode, &x->ooid, &l->before, &l->before_team,
						&l->before_d, 1, err)))
			goto fail;
	}
	free(changed);
	fr_files_sort(&l->now);
	fr_files_sort(&l->before);
	fr_files_sort(&l->now_team);
	fr_files_sort(&l->before_team);
	return 0;
fail:
	free(changed);
	return -1;
}

void fr_staged_light_free(fr_staged_light *l)
{
	free(l->same);
	fr_files_free(&l->now);
	fr_files_free(&l->before);
	fr_files_free(&l->now_team);
	fr_files_free(&l->before_team);
	fr_diags_free(&l->now_d);
	fr_diags_free(&l->before_d);
	memset(l, 0, sizeof(*l));
}

static int snapshot(fr_repo *r, const char *commit, fr_files *records, fr_files *team,
		    fr_diags *d, int lazy, fr_error *err)
{
	int rc = 0, fail = 0, index = !commit || !*commit;
	/* HEAD's list from the index when the staged change is known already (the hook) */
	int head = !index && r->fast && r->fast->ok && r->fast->have_head &&
		   !strcmp(commit, r->fast->head);
	struct fast *f = index || head ? fast_use(r, head, &fail, err) : NULL;
	if (fail)
		return -1;
	if (f) {
		rc = fast_snapshot(r, f, head, records, team, d, lazy, err);
	} else if (!commit || !*commit) {
		rc = snapshot_index(r, records, team, d, lazy, err);
	} else {
		git_tree *tree = NULL;
		struct walk w = { r, records, team, d, err, 0, lazy };
		if (team_tree(r, commit, &tree, err))
			return -1;
		if (tree && git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0 && !w.failed)
			rc = git_fail(err, _("cannot read a commit's tree"));
		if (w.failed)
			rc = -1;
		git_tree_free(tree);
	}
	fr_files_sort(records);
	fr_files_sort(team);
	return rc;
}

int fr_repo_snapshot(fr_repo *r, const char *commit, fr_files *records, fr_files *team,
		     fr_diags *d, fr_error *err)
{
	return snapshot(r, commit, records, team, d, 0, err);
}

int fr_repo_snapshot_ids(fr_repo *r, const char *commit, fr_files *records, fr_files *team,
			 fr_diags *d, fr_error *err)
{
	return snapshot(r, commit, records, team, d, 1, err);
}

int fr_repo_load(fr_repo *r, fr_file *f, fr_diags *d, fr_error *err)
{
	git_blob *b = NULL;
	git_oid id;
	git_object_size_t size;
	if (f->data)
		return 0;
	if (git_oid_fromstr(&id, f->oid) < 0 || git_blob_lookup(&b, r->git, &id) < 0)
		return git_fail(err, _("cannot read a file's content"));
	size = git_blob_rawsize(b);
	if (size > FR_MAX_RECORD_BYTES) {
		fr_diag_file(d, f->path, EFBIG, (size_t)size);
		git_blob_free(b);
		return 1;
	}
	f->data = fr_xmalloc((size_t)size + 1);
	memcpy(f->data, git_blob_rawcontent(b), (size_t)size);
	f->data[size] = '\0';
	f->len = (size_t)size;
	git_blob_free(b);
	return 0;
}

static int read_blob(fr_repo *r, const git_oid *id, char **data, size_t *len, fr_error *err)
{
	git_blob *b = NULL;
	git_object_size_t size;
	if (git_blob_lookup(&b, r->git, id) < 0)
		return git_fail(err, _("cannot read a file's content"));
	size = git_blob_rawsize(b);
	if (size > FR_MAX_RECORD_BYTES) {
		fr_error_set(err, 0, 0, "", _("file too large (%llu bytes, at most %u)"),
			     (unsigned long long)size, FR_MAX_RECORD_BYTES);
		git_blob_free(b);
		return -1;
	}
	*data = fr_xmalloc((size_t)size + 1);
	memcpy(*data, git_blob_rawcontent(b), (size_t)size);
	(*data)[size] = '\0';
	*len = (size_t)size;
	git_blob_free(b);
	return 0;
}

int fr_repo_blob(fr_repo *r, const char *blob, char **data, size_t *len, fr_error *err)
{
	git_oid id;
	*data = NULL;
	*len = 0;
	if (git_oid_fromstr(&id, blob) < 0) {
		fr_error_set(err, 0, 0, "", _("not an object id: '%s'"), blob);
		return -1;
	}
	return read_blob(r, &id, data, len, err);
}

int fr_repo_read(fr_repo *r, const char *commit, const char *path, char **data, size_t *len,
		 char blob[41], fr_error *err)
{
	char *full = fr_xmalloc(strlen(r->prefix) + strlen(path) + 1);
	git_oid id;
	int rc = 1;

	*data = NULL;
	*len = 0;
	sprintf(full, "%s%s", r->prefix, path);
	if (!*commit) {
		git_index *idx = NULL;
		const git_index_entry *e;
		if (repo_index(r, &idx, err)) {
			free(full);
			return -1;
		}
		e = git_index_get_bypath(idx, full, 0);
		if (e && regular(e->mode)) {
			id = e->id;
			rc = 0;
		}
		git_index_free(idx);
	} else {
		git_commit *c = NULL;
		git_tree *tree = NULL;
		git_tree_entry *e = NULL;
		if (lookup_commit(&c, r, commit, err)) {
			free(full);
			return -1;
		}
		if (git_commit_tree(&tree, c) < 0) {
			rc = git_fail(err, _("cannot read a commit's tree"));
		} else if (git_tree_entry_bypath(&e, tree, full) == 0 &&
			   regular(git_tree_entry_filemode(e))) {
			id = *git_tree_entry_id(e);
			rc = 0;
		}
		git_tree_entry_free(e);
		git_tree_free(tree);
		git_commit_free(c);
	}
	free(full);
	if (rc)
		return rc;
	if (blob)
		oid_hex(blob, &id);
	return read_blob(r, &id, data, len, err);
}

/* ---- history ---- */

static size_t alive_find(const fr_changes *c, const char *path, int *found)
{
	size_t lo = 0, hi = c->nalive;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int k = strcmp(c->alive[mid].path, path);
		if (!k) {
			*found = 1;
			return mid;
		}
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

static void alive_set(fr_changes *c, const char *path, size_t lin)
{
	int found;
	size_t i = alive_find(c, path, &found);
	if (!found) {
		FR_GROW(c->alive, c->capalive, c->nalive + 1);
		memmove(c->alive + i + 1, c->alive + i, (c->nalive - i) * sizeof(*c->alive));
		c->nalive++;
		c->alive[i].path = path;
	}
	c->alive[i].lin = lin;
}

static void alive_del(fr_changes *c, const char *path)
{
	int found;
	size_t i = alive_find(c, path, &found);
	if (!found)
		return;
	memmove(c->alive + i, c->alive + i + 1, (c->nalive - i - 1) * sizeof(*c->alive));
	c->nalive--;
}

/* Give the change just appended its lineage: the file's identity across renames. */
static void assign_lineage(fr_changes *c)
{
	fr_change *ch = &c->v[c->n - 1];
	size_t lin = c->nlin;
	int found = 0;
	if (ch->nbefore) {
		size_t i = alive_find(c, ch->before[0].path, &found);
		if (found) {
			lin = c->alive[i].lin;
			if (!ch->path || strcmp(ch->path, ch->before[0].path))
				alive_del(c, ch->before[0].path);
		}
	}
	if (lin == c->nlin)
		c->nlin++;
	c->lin[c->n - 1] = lin;
	if (ch->path)
		alive_set(c, ch->path, lin);
}

static fr_change *push_change(fr_changes *c, const fr_commit_info *ci)
{
	fr_change *ch;
	size_t cap = c->cap;
	FR_GROW(c->v, c->cap, c->n + 1);
	if (c->cap != cap)
		c->lin = fr_xrealloc(c->lin, c->cap * sizeof(*c->lin));
	ch = &c->v[c->n++];
	memset(ch, 0, sizeof(*ch));
	ch->commit = ci;
	return ch;
}

static fr_changes *changes_new(void)
{
	fr_changes *c = fr_xcalloc(1, sizeof(*c));
	c->arena = fr_arena_new();
	return c;
}

static const char *rel_path(fr_repo *r, fr_arena *a, const char *path)
{
	size_t plen = strlen(r->prefix);
	return fr_strdup(a, strncmp(path, r->prefix, plen) ? path : path + plen);
}

static int usable(const git_diff_file *f)
{
	return regular(f->mode);
}

static int diff_opts(fr_repo *r, git_diff_options *o, char **specs)
{
	static const char *const names[] = { "records", "flowrec.yaml", "schemas" };
	size_t i;
	if (git_diff_options_init(o, GIT_DIFF_OPTIONS_VERSION) < 0)
		return -1;
	for (i = 0; i < 3; i++) {
		specs[i] = fr_xmalloc(strlen(r->prefix) + strlen(names[i]) + 1);
		sprintf(specs[i], "%s%s", r->prefix, names[i]);
	}
	o->pathspec.strings = specs;
	o->pathspec.count = 3;
	o->flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	return 0;
}

static int find_renames(git_diff *diff)
{
	git_diff_find_options fo;
	if (git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION) < 0)
		return -1;
	fo.flags = GIT_DIFF_FIND_RENAMES;
	return git_diff_find_similar(diff, &fo);
}

/* The diff of a parent's tree (NULL: nothing) to a commit's tree, or to the index when tree
 * is NULL and idx is not. */
static int diff_of(git_diff **out, fr_repo *r, git_tree *from, git_tree *to, git_index *idx,
		   fr_error *err)
{
	git_diff_options o;
	char *specs[3] = { NULL, NULL, NULL };
	int e, i;
	*out = NULL;
	if (diff_opts(r, &o, specs) < 0)
		return git_fail(err, _("cannot compare trees"));
	if (idx)
		e = git_diff_tree_to_index(out, r->git, from, idx, &o);
	else
		e = git_diff_tree_to_tree(out, r->git, from, to, &o);
	for (i = 0; i < 3; i++)
		free(specs[i]);
	if (e < 0 || find_renames(*out) < 0) {
		git_diff_free(*out);
		*out = NULL;
		return git_fail(err, _("cannot compare trees"));
	}
	return 0;
}

static void add_deltas(fr_changes *c, fr_repo *r, const fr_commit_info *ci, git_diff *diff)
{
	size_t i, n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *dl = git_diff_get_delta(diff, i);
		fr_change *ch;
		int del = dl->status == GIT_DELTA_DELETED;
		if (dl->status == GIT_DELTA_CONFLICTED || dl->status == GIT_DELTA_UNMODIFIED)
			continue;
		if (del ? !usable(&dl->old_file) : !usable(&dl->new_file)) {
			c->other++;
			continue;
		}
		ch = push_change(c, ci);
		if (!del) {
			ch->path = rel_path(r, c->arena, dl->new_file.path);
			oid_hex(ch->oid, &dl->new_file.id);
		}
		if (dl->status != GIT_DELTA_ADDED && usable(&dl->old_file)) {
			fr_version *v = fr_alloc(c->arena, sizeof(*v));
			v->path = rel_path(r, c->arena, dl->old_file.path);
			oid_hex(v->oid, &dl->old_file.id);
			ch->before = v;
			ch->nbefore = 1;
		}
		assign_lineage(c);
	}
}

/* The blob of path in tree (NULL: none), 0 when there is no regular file there. */
static int tree_blob(git_tree *tree, const char *path, git_oid *out)
{
	git_tree_entry *e = NULL;
	int ok = 0;
	if (tree && git_tree_entry_bypath(&e, tree, path) == 0 && regular(git_tree_entry_filemode(e))) {
		*out = *git_tree_entry_id(e);
		ok = 1;
	}
	git_tree_entry_free(e);
	git_error_clear();
	return ok;
}

static int same_state(int ha, const git_oid *a, int hb, const git_oid *b)
{
	return ha == hb && (!ha || git_oid_equal(a, b));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* What a merge wrote, by three-way reasoning per path: the result R, the parents P and their
 * merge base B (none for unrelated histories). A path's state came from a side when it equals a
 * parent that changed it since B; it is unchanged when it equals every parent. Anything else
 * is the merge's own doing, deletions and resurrections of B's state included (a side that
 * withdrew an approval is undone by taking B's version). */
static void add_merge_deltas(fr_changes *c, fr_repo *r, const fr_commit_info *ci, git_diff **diffs,
			     size_t np, git_tree *result, git_tree **parents, git_tree *base)
{
	const char **paths = NULL;
	size_t npaths = 0, cap = 0, i, j, k;
	git_oid *pid = fr_xcalloc(np, sizeof(*pid));
	int *ph = fr_xcalloc(np, sizeof(*ph));

	for (j = 0; j < np; j++) {
		size_t m = git_diff_num_deltas(diffs[j]);
		for (k = 0; k < m; k++) {
			const git_diff_delta *dl = git_diff_get_delta(diffs[j], k);
			FR_GROW(paths, cap, npaths + 2);
			paths[npaths++] = dl->old_file.path;
			paths[npaths++] = dl->new_file.path;
		}
	}
	if (npaths)
		qsort(paths, npaths, sizeof(*paths), cmp_str);
	for (i = 0; i < npaths; i++) {
		git_oid rid, bid;
		int rh, bh, allsame = 1, fromside = 0;
		size_t nv = 0;
		fr_version *v;
		fr_change *ch;
		if (i && !strcmp(paths[i], paths[i - 1]))
			continue;
		rh = tree_blob(result, paths[i], &rid);
		bh = tree_blob(base, paths[i], &bid);
		for (j = 0; j < np; j++) {
			ph[j] = tree_blob(parents[j], paths[i], &pid[j]);
			if (!same_state(ph[j], &pid[j], rh, &rid))
				allsame = 0;
			else if (!same_state(ph[j], &pid[j], bh, &bid))
				fromside = 1;
		}
		if (allsame || fromside)
			continue;
		ch = push_change(c, ci);
		if (rh) {
			ch->path = rel_path(r, c->arena, paths[i]);
			oid_hex(ch->oid, &rid);
		}
		v = fr_alloc(c->arena, np * sizeof(*v));
		for (j = 0; j < np; j++) {
			if (!ph[j])
				continue;
			v[nv].path = rel_path(r, c->arena, paths[i]);
			oid_hex(v[nv].oid, &pid[j]);
			nv++;
		}
		ch->before = nv ? v : NULL;
		ch->nbefore = nv;
		if (bh) {
			fr_version *b = fr_alloc(c->arena, sizeof(*b));
			b->path = rel_path(r, c->arena, paths[i]);
			oid_hex(b->oid, &bid);
			ch->base = b;
		}
		assign_lineage(c);
	}
	free(paths);
	free(pid);
	free(ph);
}

/* The author's email as git itself reads the header line "author NAME <EMAIL> TIME ZONE":
 * from the first '<' to the first '>' after it, nothing trimmed. "" when the line is not
 * that plain (another '<' or '>', nothing between them) or when libgit2 reads another address
 * from it: an identity two readers disagree on is nobody's. */
static const char *git_author_email(fr_arena *a, git_commit *cm, const char *lg2)
{
	const char *h = git_commit_raw_header(cm), *line = NULL, *lt, *gt, *end;
	if (!h)
		return "";
	for (; *h; h = strchr(h, '\n') ? strchr(h, '\n') + 1 : h + strlen(h))
		if (!strncmp(h, "author ", 7)) {
			line = h + 7;
			break;
		}
	if (!line)
		return "";
	end = strchr(line, '\n');
	if (!end)
		end = line + strlen(line);
	lt = memchr(line, '<', (size_t)(end - line));
	gt = lt ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
	if (!lt || !gt || gt == lt + 1 || memchr(lt + 1, '<', (size_t)(end - lt - 1)) ||
	    memchr(gt + 1, '>', (size_t)(end - gt - 1)) || memchr(line, '>', (size_t)(lt - line)))
		return "";
	if (!lg2 || strlen(lg2) != (size_t)(gt - lt - 1) || strncmp(lg2, lt + 1, (size_t)(gt - lt - 1)))
		return "";
	return fr_strndup(a, lt + 1, (size_t)(gt - lt - 1));
}

/* ---- the server's receive time (FR_NOTES_RECEIVED) ---- */

long long fr_commit_time(const fr_commit_info *ci)
{
	return ci->received ? ci->received : ci->author_time;
}

/* The commit of the notes ref now; *out NULL when there is none. */
static int notes_head(fr_repo *r, git_commit **out, git_oid *id)
{
	git_reference *ref = NULL;
	git_object *o = NULL;
	int e;
	*out = NULL;
	e = git_reference_lookup(&ref, r->git, FR_NOTES_RECEIVED);
	if (e == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (e < 0 || git_reference_peel(&o, ref, GIT_OBJECT_COMMIT) < 0) {
		git_reference_free(ref);
		return -1;
	}
	git_oid_cpy(id, git_object_id(o));
	*out = (git_commit *)o;
	git_reference_free(ref);
	return 0;
}

static git_commit *notes_commit(fr_repo *r)
{
	git_oid id;
	if (!r->notes_read) {
		r->notes_read = 1;
		if (notes_head(r, &r->notes, &id))
			r->notes = NULL;
		git_error_clear();
	}
	return r->notes;
}

int fr_repo_has_received_notes(fr_repo *r)
{
	return notes_commit(r) != NULL;
}

/* "2026-04-01T02:00:00Z" (exactly) to seconds since the epoch; 0 when it is not that. */
static long long parse_utc(const char *s, size_t n)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	struct tm tm;
	size_t i;
	time_t t;
	if (n != sizeof(shape) - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	tm.tm_hour = atoi(s + 11);
	tm.tm_min = atoi(s + 14);
	tm.tm_sec = atoi(s + 17);
	if (tm.tm_year < 70 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return 0;
	t = timegm(&tm);
	return t > 0 ? (long long)t : 0;
}

/* The note of commit id, when the notes ref has one. Lines are "key: value"; unknown keys and
 * a malformed time are ignored (no time: no note). */
static void read_received(fr_repo *r, fr_arena *a, fr_commit_info *ci, const git_oid *id)
{
	git_commit *nc = notes_commit(r);
	git_note *note = NULL;
	const char *line;
	if (!nc)
		return;
	if (git_note_commit_read(&note, r->git, nc, id) < 0) {
		git_error_clear();
		return;
	}
	for (line = git_note_message(note); line && *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		if (n > 10 && !strncmp(line, "received: ", 10) && !ci->received)
			ci->received = parse_utc(line + 10, n - 10);
		else if (n > 8 && !strncmp(line, "pusher: ", 8) && !ci->received_by)
			ci->received_by = fr_strndup(a, line + 8, n - 8);
		else if (n > 14 && !strncmp(line, "pusher-email: ", 14) && !ci->received_email)
			ci->received_email = fr_strndup(a, line + 14, n - 14);
		line = end ? end + 1 : NULL;
	}
	if (!ci->received)
		ci->received_by = ci->received_email = NULL;
	git_note_free(note);
}

/* key: value, the value's control characters made '?' and cut at 256 bytes: one line. */
static void note_line(fr_buf *b, const char *key, const char *v)
{
	size_t n;
	fr_buf_adds(b, key);
	fr_buf_adds(b, ": ");
	for (n = 0; v[n] && n < 256; n++)
		fr_buf_addc(b, (unsigned char)v[n] < 0x20 || v[n] == 0x7f ? '?' : v[n]);
	fr_buf_addc(b, '\n');
}

static int named(const char *name, const char *const *refs, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (refs[i] && !strcmp(refs[i], name))
			return 1;
	return 0;
}

int fr_repo_only_refs(fr_repo *r, const char *const *refs, size_t n)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	int only = 1;
	if (git_reference_iterator_new(&it, r->git) < 0) {
		git_error_clear();
		return 0;
	}
	while (only && git_reference_next(&ref, it) == 0) {
		const char *name = git_reference_name(ref);
		only = !strncmp(name, "refs/notes/", 11) || named(name, refs, n);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	git_error_clear();
	return only;
}

struct pending {
	git_oid id;
	size_t tip;
};

/* The commits to note, given the notes commit now (nc, may be NULL). */
static int pending_notes(fr_repo *r, git_commit *nc, const char *const *tips,
			 const char *const *refs, size_t ntips, const char *const *hide,
			 size_t nhide, struct pending **out, size_t *nout, fr_error *err)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	struct pending *v = NULL;
	size_t n = 0, cap = 0, i, k;
	int rc = -1;

	for (i = 0; i < ntips; i++) {
		git_revwalk *w = NULL;
		git_oid id;
		int e;
		if (git_oid_fromstr(&id, tips[i]) < 0)
			continue;
		if (git_revwalk_new(&w, r->git) < 0 || git_revwalk_push(w, &id) < 0) {
			git_revwalk_free(w);
			git_fail(err, _("cannot walk the history"));
			goto done;
		}
		for (k = 0; k < nhide; k++)
			if (git_oid_fromstr(&id, hide[k]) == 0 && !git_oid_is_zero(&id))
				git_revwalk_hide(w, &id);
		for (k = 0; k < i; k++)          /* what an earlier tip reached is noted by it */
			if (git_oid_fromstr(&id, tips[k]) == 0)
				git_revwalk_hide(w, &id);
		if (git_reference_iterator_new(&it, r->git) == 0) {
			while (git_reference_next(&ref, it) == 0) {
				git_object *obj = NULL;
				const char *name = git_reference_name(ref);
				if (strncmp(name, "refs/notes/", 11) && !named(name, refs, ntips) &&
				    git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0)
					git_revwalk_hide(w, git_object_id(obj));
				git_object_free(obj);
				git_reference_free(ref);
			}
			git_reference_iterator_free(it);
			it = NULL;
		}
		git_error_clear();
		while ((e = git_revwalk_next(&id, w)) == 0) {
			git_note *note = NULL;
			if (nc && git_note_commit_read(&note, r->git, nc, &id) == 0) {
				git_note_free(note);
				continue;        /* noted before: never rewritten */
			}
			git_error_clear();
			FR_GROW(v, cap, n + 1);
			v[n].id = id;
			v[n].tip = i;
			n++;
		}
		git_revwalk_free(w);
		if (e != GIT_ITEROVER) {
			git_fail(err, _("cannot walk the history"));
			goto done;
		}
	}
	rc = 0;
done:
	if (rc) {
		free(v);
		v = NULL;
		n = 0;
	}
	*out = v;
	*nout = n;
	return rc;
}

int fr_repo_note_received(fr_repo *r, const char *const *tips, const char *const *refs,
			  size_t ntips, const char *const *hide, size_t nhide, long long when,
			  const char *pusher, const char *email, size_t *written, fr_error *err)
{
	int attempt, locked = 0;
	*written = 0;
	for (attempt = 0; attempt < 20; attempt++) {
		git_commit *nc = NULL;
		git_oid old, tid, cid;
		git_tree *base = NULL, *tree = NULL;
		git_tree_update *up = NULL;
		git_signature *sig = NULL;
		git_reference *ref = NULL;
		struct pending *v = NULL;
		char stamp[32], (*paths)[42] = NULL;
		size_t n = 0, i;
		time_t t = (time_t)when;
		struct tm tm;
		int e, rc = -1;

		if (notes_head(r, &nc, &old)) {
			git_fail(err, _("cannot read the notes"));
			return -1;
		}
		if (pending_notes(r, nc, tips, refs, ntips, hide, nhide, &v, &n, err)) {
			git_commit_free(nc);
			return -1;
		}
		if (!n) {
			git_commit_free(nc);
			return 0;
		}
		gmtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		up = fr_xcalloc(n, sizeof(*up));
		paths = fr_xcalloc(n, sizeof(*paths));
		for (i = 0; i < n; i++) {
			fr_buf b = FR_BUF_INIT;
			char hex[41];
			note_line(&b, "received", stamp);
			if (pusher && *pusher)
				note_line(&b, "pusher", pusher);
			if (email && *email)
				note_line(&b, "pusher-email", email);
			if (refs[v[i].tip])
				note_line(&b, "ref", refs[v[i].tip]);
			e = git_blob_create_from_buffer(&up[i].id, r->git, b.ptr, b.len);
			fr_buf_free(&b);
			if (e < 0) {
				git_fail(err, _("cannot write a note"));
				goto next;
			}
			/* fanout 2/38, as git notes writes a large notes tree */
			oid_hex(hex, &v[i].id);
			snprintf(paths[i], sizeof(paths[i]), "%.2s/%s", hex, hex + 2);
			up[i].action = GIT_TREE_UPDATE_UPSERT;
			up[i].filemode = GIT_FILEMODE_BLOB;
			up[i].path = paths[i];
		}
		if (nc) {
			if (git_commit_tree(&base, nc) < 0) {
				git_fail(err, _("cannot read the notes"));
				goto next;
			}
		} else {
			git_treebuilder *tb = NULL;
			e = git_treebuilder_new(&tb, r->git, NULL);
			if (!e)
				e = git_treebuilder_write(&tid, tb);
			git_treebuilder_free(tb);
			if (e < 0 || git_tree_lookup(&base, r->git, &tid) < 0) {
				git_fail(err, _("cannot write a note"));
				goto next;
			}
		}
		if (git_tree_create_updated(&tid, r->git, base, n, up) < 0 ||
		    git_tree_lookup(&tree, r->git, &tid) < 0 ||
		    git_signature_new(&sig, "flowrec", "flowrec@localhost", (git_time_t)when, 0) < 0) {
			git_fail(err, _("cannot write a note"));
			goto next;
		}
		{
			const git_commit *parents[1] = { nc };
			char msg[64];
			snprintf(msg, sizeof(msg), "flowrec: received %zu commit(s)\n", n);
			if (git_commit_create(&cid, r->git, NULL, sig, sig, NULL, msg, tree, nc ? 1 : 0,
					      parents) < 0) {
				git_fail(err, _("cannot write a note"));
				goto next;
			}
			/* moved only from the value it was read at: a concurrent push is not lost */
			e = nc ? git_reference_create_matching(&ref, r->git, FR_NOTES_RECEIVED, &cid, 1, &old, msg)
			       : git_reference_create(&ref, r->git, FR_NOTES_RECEIVED, &cid, 0, msg);
			if (e == GIT_EMODIFIED || e == GIT_EEXISTS || e == GIT_ELOCKED) {
				locked = e == GIT_ELOCKED;
				git_error_clear();
				rc = 1;   /* again, from the new value */
			} else if (e < 0) {
				git_fail(err, _("cannot update the notes ref"));
			} else {
				*written = n;
				rc = 0;
			}
		}
	next:
		git_reference_free(ref);
		git_signature_free(sig);
		git_tree_free(tree);
		git_tree_free(base);
		git_commit_free(nc);
		free(up);
		free(paths);
		free(v);
		if (rc <= 0)
			return rc;
		usleep(50000);
	}
	if (locked)
		fr_error_set(err, 0, 0, "", _("%s is locked: remove '%s.lock' in the server's repository when no push is running"),
			     FR_NOTES_RECEIVED, FR_NOTES_RECEIVED);
	else
		fr_error_set(err, 0, 0, "", _("%s kept moving: other pushes wrote it meanwhile"), FR_NOTES_RECEIVED);
	return -1;
}

static int add_commit(fr_changes *c, fr_repo *r, const git_oid *id, fr_error *err)
{
	git_commit *cm = NULL;
	git_tree *tree = NULL;
	git_diff **diffs = NULL;
	git_tree **ptrees = NULL, *btree = NULL;
	const git_signature *au;
	fr_commit_info *ci;
	size_t np, i;
	int rc = -1;

	if (git_commit_lookup(&cm, r->git, id) < 0 || git_commit_tree(&tree, cm) < 0) {
		git_fail(err, _("cannot read commit"));
		goto done;
	}
	np = git_commit_parentcount(cm);
	ci = fr_alloc(c->arena, sizeof(*ci));
	oid_hex(ci->oid, id);
	if (np)
		oid_hex(ci->parent, git_commit_parent_id(cm, 0));
	ci->nparents = (int)np;
	au = git_commit_author(cm);
	ci->author_name = fr_strdup(c->arena, au && au->name ? au->name : "");
	ci->author_email = git_author_email(c->arena, cm, au ? au->email : NULL);
	ci->author_shown = fr_strdup(c->arena, au && au->email ? au->email : "");
	ci->author_time = au ? (long long)au->when.time : 0;
	ci->summary = fr_strdup(c->arena, git_commit_summary(cm) ? git_commit_summary(cm) : "");
	read_received(r, c->arena, ci, id);
	ci->in_push = r->quarantine ? git_odb_exists(r->quarantine, id) != 0 : -1;

	diffs = fr_xcalloc(np ? np : 1, sizeof(*diffs));
	ptrees = fr_xcalloc(np ? np : 1, sizeof(*ptrees));
	if (!np) {
		if (diff_of(&diffs[0], r, NULL, tree, NULL, err))
			goto done;
	}
	for (i = 0; i < np; i++) {
		git_commit *p = NULL;
		git_tree *pt = NULL;
		int e = git_commit_parent(&p, cm, (unsigned)i) < 0 || git_commit_tree(&pt, p) < 0;
		if (e) {
			git_commit_free(p);
			git_fail(err, _("cannot read a parent commit"));
			goto done;
		}
		e = diff_of(&diffs[i], r, pt, tree, NULL, err);
		ptrees[i] = pt;
		git_commit_free(p);
		if (e)
			goto done;
	}
	if (np > 1) {
		git_oid *ids = fr_xcalloc(np, sizeof(*ids)), mb;
		git_commit *bc = NULL;
		for (i = 0; i < np; i++)
			ids[i] = *git_commit_parent_id(cm, (unsigned)i);
		if (git_merge_base_many(&mb, r->git, np, ids) == 0 && git_commit_lookup(&bc, r->git, &mb) == 0)
			git_commit_tree(&btree, bc);
		git_commit_free(bc);
		git_error_clear();
		free(ids);
	}
	if (np <= 1)
		add_deltas(c, r, ci, diffs[0]);
	else
		add_merge_deltas(c, r, ci, diffs, np, tree, ptrees, btree);
	rc = 0;
done:
	for (i = 0; diffs && i < (np ? np : 1); i++) {
		git_diff_free(diffs[i]);
		git_tree_free(ptrees[i]);
	}
	free(diffs);
	free(ptrees);
	git_tree_free(btree);
	git_tree_free(tree);
	git_commit_free(cm);
	return rc;
}

/* Per lineage, the list of its changes, for fr_changes_of. */
static void index_lineages(fr_changes *c)
{
	size_t i;
	c->nbylin = fr_xcalloc(c->nlin + 1, sizeof(*c->nbylin));
	c->bylin = fr_xcalloc(c->nlin + 1, sizeof(*c->bylin));
	for (i = 0; i < c->n; i++)
		c->nbylin[c->lin[i]]++;
	for (i = 0; i < c->nlin; i++) {
		c->bylin[i] = fr_alloc(c->arena, (c->nbylin[i] + 1) * sizeof(**c->bylin));
		c->nbylin[i] = 0;
	}
	for (i = 0; i < c->n; i++)
		c->bylin[c->lin[i]][c->nbylin[c->lin[i]]++] = &c->v[i];
}

static void hide_refs(fr_repo *r, git_revwalk *w)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	if (git_reference_iterator_new(&it, r->git) < 0)
		return;
	while (git_reference_next(&ref, it) == 0) {
		git_object *obj = NULL;
		if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0)
			git_revwalk_hide(w, git_object_id(obj));
		git_object_free(obj);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	git_error_clear();
}

int fr_repo_changes(fr_changes **out, fr_repo *r, const char *tip, const char *const *hide,
		    size_t nhide, int hide_all, fr_error *err)
{
	git_revwalk *w = NULL;
	git_oid id;
	fr_changes *c = changes_new();
	size_t i;
	int e;

	*out = NULL;
	if (git_oid_fromstr(&id, tip) < 0) {
		fr_error_set(err, 0, 0, "", _("not an object id: '%s'"), tip);
		goto fail;
	}
	if (git_revwalk_new(&w, r->git) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, &id) < 0) {
		git_fail(err, _("cannot walk the history"));
		goto fail;
	}
	for (i = 0; i < nhide; i++) {
		git_oid h;
		if (git_oid_fromstr(&h, hide[i]) == 0 && !git_oid_is_zero(&h))
			git_revwalk_hide(w, &h);
	}
	if (hide_all)
		hide_refs(r, w);
	while ((e = git_revwalk_next(&id, w)) == 0)
		if (add_commit(c, r, &id, err))
			goto fail;
	if (e != GIT_ITEROVER) {
		git_fail(err, _("cannot walk the history"));
		goto fail;
	}
	git_revwalk_free(w);
	index_lineages(c);
	*out = c;
	return 0;
fail:
	git_revwalk_free(w);
	fr_changes_free(c);
	return -1;
}

/* The staged change from the fast state (fast_get): 1 when done (*fail set on a failure), 0
 * to take libgit2. A change that both deletes and adds files may hold renames: libgit2's
 * similarity decides those, on the same diff, so it takes that path. */
static int fast_staged(fr_changes *c, fr_repo *r, fr_commit_info *ci, const char *author_name,
		       const char *author_email, int *fail, fr_error *err)
{
	struct fast *f = fast_use(r, 1, fail, err);
	size_t k, plen = strlen(r->prefix);
	int adds = 0, dels = 0;
	if (!f)
		return *fail;
	for (k = 0; k < f->nd; k++) {
		adds |= f->d[k].st == 'A';
		dels |= f->d[k].st == 'D';
	}
	if (adds && dels)
		return 0;
	if (f->have_head) {
		memcpy(ci->parent, f->head, 41);
		ci->nparents = 1;
	}
	ci->author_name = fr_strdup(c->arena, author_name ? author_name : "");
	ci->author_email = fr_strdup(c->arena, author_email ? author_email : "");
	ci->author_time = (long long)time(NULL);
	ci->in_push = -1;
	ci->summary = "";
	for (k = 0; k < f->nd; k++) {
		const struct delta *x = &f->d[k];
		fr_change *ch;
		int del = x->st == 'D';
		if (!regular(del ? x->omode : x->nmode)) {
			c->other++;
			continue;
		}
		ch = push_change(c, ci);
		if (!del) {
			ch->path = fr_strdup(c->arena, x->path + plen);
			oid_hex(ch->oid, &x->noid);
		}
		if (x->st != 'A' && regular(x->omode)) {
			fr_version *v = fr_alloc(c->arena, sizeof(*v));
			v->path = fr_strdup(c->arena, x->path + plen);
			oid_hex(v->oid, &x->ooid);
			ch->before = v;
			ch->nbefore = 1;
		}
		assign_lineage(c);
	}
	index_lineages(c);
	return 1;
}

int fr_repo_staged(fr_changes **out, fr_repo *r, const char *author_name,
		   const char *author_email, fr_error *err)
{
	git_reference *head = NULL;
	git_commit *hc = NULL;
	git_tree *ht = NULL;
	git_index *idx = NULL;
	git_diff *diff = NULL;
	fr_changes *c = changes_new();
	fr_commit_info *ci = fr_alloc(c->arena, sizeof(*ci));
	int e;

	*out = NULL;
	if (fast_staged(c, r, ci, author_name, author_email, &e, err)) {
		if (e)
			goto fail;
		*out = c;
		return 0;
	}
	e = git_repository_head(&head, r->git);
	if (e == 0) {
		if (git_reference_peel((git_object **)&hc, head, GIT_OBJECT_COMMIT) < 0 ||
		    git_commit_tree(&ht, hc) < 0) {
			git_fail(err, _("cannot read HEAD"));
			goto fail;
		}
		oid_hex(ci->parent, git_commit_id(hc));
		ci->nparents = 1;
	} else if (e != GIT_EUNBORNBRANCH && e != GIT_ENOTFOUND) {
		git_fail(err, _("cannot read HEAD"));
		goto fail;
	}
	ci->author_name = fr_strdup(c->arena, author_name ? author_name : "");
	ci->author_email = fr_strdup(c->arena, author_email ? author_email : "");
	ci->author_time = (long long)time(NULL);
	ci->in_push = -1;
	ci->summary = "";
	if (repo_index(r, &idx, err))
		goto fail;
	if (diff_of(&diff, r, ht, NULL, idx, err))
		goto fail;
	add_deltas(c, r, ci, diff);
	index_lineages(c);
	git_diff_free(diff);
	git_index_free(idx);
	git_tree_free(ht);
	git_commit_free(hc);
	git_reference_free(head);
	*out = c;
	return 0;
fail:
	git_index_free(idx);
	git_tree_free(ht);
	git_commit_free(hc);
	git_reference_free(head);
	fr_changes_free(c);
	return -1;
}

void fr_changes_free(fr_changes *c)
{
	if (!c)
		return;
	free(c->v);
	free(c->lin);
	free(c->alive);
	free(c->bylin);
	free(c->nbylin);
	fr_arena_free(c->arena);
	free(c);
}

size_t fr_changes_other(const fr_changes *c)
{
	return c->other;
}

const fr_change *fr_changes_list(const fr_changes *c, size_t *n)
{
	*n = c->n;
	return c->v;
}

size_t fr_changes_of(const fr_changes *c, const char *path, const fr_change *const **out)
{
	int found;
	size_t i = alive_find(c, path, &found);
	*out = NULL;
	if (!found || !c->bylin)
		return 0;
	*out = c->bylin[c->alive[i].lin];
	return c->nbylin[c->alive[i].lin];
}

void fr_repo_author(fr_repo *r, char **name, char **email)
{
	const char *n = getenv("GIT_AUTHOR_NAME"), *m = getenv("GIT_AUTHOR_EMAIL");
	git_config *cfg = NULL;
	*name = n && *n ? fr_xstrdup(n) : NULL;
	*email = m && *m ? fr_xstrdup(m) : NULL;
	if ((!*name || !*email) && git_repository_config_snapshot(&cfg, r->git) == 0) {
		git_buf b = GIT_BUF_INIT;
		if (!*name && git_config_get_string_buf(&b, cfg, "user.name") == 0)
			*name = fr_xstrdup(b.ptr);
		git_buf_dispose(&b);
		if (!*email && git_config_get_string_buf(&b, cfg, "user.email") == 0)
			*email = fr_xstrdup(b.ptr);
		git_buf_dispose(&b);
		git_config_free(cfg);
	}
	if (!*email && (m = getenv("EMAIL")) && *m)
		*email = fr_xstrdup(m);
	git_error_clear();
}

int fr_repo_commit_signature(fr_repo *r, const char *commit, char **sig, char **data,
			     size_t *datalen, fr_error *err)
{
	git_buf s = GIT_BUF_INIT, t = GIT_BUF_INIT;
	git_oid id;
	int e;
	*sig = *data = NULL;
	*datalen = 0;
	if (git_oid_fromstr(&id, commit) < 0) {
		fr_error_set(err, 0, 0, "", _("not an object id: '%s'"), commit);
		return -1;
	}
	e = git_commit_extract_signature(&s, &t, r->git, &id, NULL);
	if (e == GIT_ENOTFOUND) {
		git_error_clear();
		return 1;
	}
	if (e < 0)
		return git_fail(err, _("cannot read a commit's signature"));
	*sig = fr_xstrdup(s.ptr);
	*data = fr_xmalloc(t.size + 1);
	memcpy(*data, t.ptr, t.size);
	(*data)[t.size] = '\0';
	*datalen = t.size;
	git_buf_dispose(&s);
	git_buf_dispose(&t);
	return 0;
}
