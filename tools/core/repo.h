/* repo.h - the records repository through libgit2: snapshots of the index or of a commit,
 * and the history of the team's files
 *
 * flowrec reads git itself and never runs the git program. The caller initialises libgit2
 * (git_libgit2_init) before the first call here and shuts it down after the last.
 *
 * Paths. A team lives at the top of its repository, or in a folder of it (the prefix, set with
 * fr_repo_set_prefix). Every path given to or returned by these functions is relative to the
 * team's folder and '/'-separated ("records/weekly/2026-W10.md", "flowrec.yaml"); files
 * outside the team's folder are never read.
 *
 * Errors. Functions return 0 on success and -1 on failure with err set (rule "", a message in
 * the user's terms, e.g. "not a git repository: '/x'"). Problems with one file (too large, a
 * merge conflict) are diagnostics, not failures. Nothing here prints.
 *
 * The index and the working tree are only ever read: no function here writes to the
 * repository.
 */
#ifndef FR_REPO_H
#define FR_REPO_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef struct fr_repo fr_repo;

/* Open the repository as git's own commands would find it: $GIT_DIR when set, else the
 * repository holding dir (dir NULL: the working directory), searching upwards and stopping at
 * $GIT_CEILING_DIRECTORIES. Honours $GIT_INDEX_FILE, $GIT_WORK_TREE, $GIT_OBJECT_DIRECTORY and
 * $GIT_ALTERNATE_OBJECT_DIRECTORIES, so a hook sees the index being committed and the objects
 * of a push still in quarantine. *out is owned by the caller (fr_repo_free). */
int fr_repo_open(fr_repo **out, const char *dir, fr_error *err);
void fr_repo_free(fr_repo *r);

/* Give the repository its index file already read (fr_gitindex_read of path, before libgit2
 * was ready; see the pre-commit hook): the staged state is then listed from ix instead of
 * reading the file again, when path is the repository's index file as it names it
 * ($GIT_INDEX_FILE as given, else GITDIR/index) and it was not read yet. r owns ix from
 * now on either way (it is freed when not used). */
struct fr_gitindex;
void fr_repo_adopt_index(fr_repo *r, const char *path, struct fr_gitindex *ix);

int fr_repo_is_bare(const fr_repo *r);
/* The top of the working tree without a trailing '/', or NULL in a bare repository. */
const char *fr_repo_workdir(const fr_repo *r);
/* The git directory (".git", or the bare repository itself), without a trailing '/'. */
const char *fr_repo_gitdir(const fr_repo *r);
/* Where git runs hooks from: core.hooksPath (a relative value is taken from the working tree's
 * top, or from the git directory when bare), else GITDIR/hooks. *out is heap (free()). */
int fr_repo_hooks_dir(fr_repo *r, char **out, fr_error *err);

/* The team's folder inside the repository, relative to its top: "" (the top) or "a/b".
 * Default "". The value is copied. */
void fr_repo_set_prefix(fr_repo *r, const char *prefix);
/* The prefix: "" or "a/b/" (with a trailing '/'). */
const char *fr_repo_prefix(const fr_repo *r);

/* Resolve a revision (a branch, a tag, an abbreviated id, "HEAD~2", ...) to a commit id of 40
 * hex digits. Returns 1 (not -1) with err set when the revision names nothing, e.g. HEAD of a
 * repository without commits. */
int fr_repo_resolve(fr_repo *r, const char *rev, char oid[41], fr_error *err);

/* A snapshot of the team's files as they are in the index (commit NULL) or in a commit's tree
 * (commit: 40 hex digits, see fr_repo_resolve). records receives every records/.../NAME.md
 * (regular files; names starting with '.' and symlinks skipped, as the working-tree reader
 * does); team receives flowrec.yaml and schemas/NAME.yaml (.yml, .json) when present. Both are sorted
 * by path, every file is selected and carries its blob id. An entry of the index with
 * unresolved merge conflicts, or a file over FR_MAX_RECORD_BYTES, is an error diagnostic in d
 * and left out. */
int fr_repo_snapshot(fr_repo *r, const char *commit, fr_files *records, fr_files *team,
		     fr_diags *d, fr_error *err);

/* The same, but the records' blobs are not read: each record has its path and blob id, data
 * NULL and len 0 (team files are read). fr_repo_load reads one when it is needed; a blob over
 * FR_MAX_RECORD_BYTES is found then, not here. */
int fr_repo_snapshot_ids(fr_repo *r, const char *commit, fr_files *records, fr_files *team,
			 fr_diags *d, fr_error *err);
/* Read the blob of f (a file of fr_repo_snapshot_ids; nothing when f->data is there): 0; 1
 * when it is over FR_MAX_RECORD_BYTES (its X-FILE error in d, f->data stays NULL: leave the
 * file out, as fr_repo_snapshot does); -1 on failure (err). */
int fr_repo_load(fr_repo *r, fr_file *f, fr_diags *d, fr_error *err);

/* The id of the tree of the team's folder in the index (commit NULL: the tree git would
 * commit from it, from the index file and its cache-tree) or in a commit, in out (binary):
 * the same id means the same team files and records. Returns 0, or -1 when it is not known
 * (no such folder, an index the fast reader does not take, an unreadable commit). */
int fr_repo_tree_id(fr_repo *r, const char *commit, unsigned char out[20]);

/* The staged snapshot and HEAD's, light (the pre-commit hook's shortcut, hook.c): the records
 * alike in both (same path, same blob) only as references, shared (same: path relative to the
 * team's folder and binary blob id, both borrowed from r, in path order); the records that
 * differ as files of each side (blobs unread, as fr_repo_snapshot_ids), and each side's team
 * files, read, whole. The listing's diagnostics (a link, ...) are those of the differing
 * paths only: the others' are alike in both. Returns 0; 1 when the index's fast reader or
 * HEAD is not there (then list both with fr_repo_snapshot_ids); -1 with err. */
typedef struct fr_recref {
	const char *path;
	const unsigned char *oid;
} fr_recref;

typedef struct fr_staged_light {
	fr_recref *same;
	size_t nsame;
	fr_files now, before, now_team, before_team;
	fr_diags now_d, before_d;
	char head[41];
} fr_staged_light;

int fr_repo_staged_light(fr_repo *r, fr_staged_light *out, fr_error *err);
void fr_staged_light_free(fr_staged_light *l);

/* How the index's snapshot, HEAD's and the staged change are read (tests, see repo.c): NULL
 * when from the index file by gitindex.c, else why libgit2 reads them; *trees gets the
 * number of HEAD's trees read for the staged change. */
const char *fr_repo_index_reader(fr_repo *r, size_t *trees);

/* The text of one file of the team's folder in a commit (commit "" : the index). Returns 0
 * with *data (heap, NUL-terminated, free()) and *len and, when blob is not NULL, its blob id;
 * 1 when the commit has no such file; -1 on failure. */
int fr_repo_read(fr_repo *r, const char *commit, const char *path, char **data, size_t *len,
		 char blob[41], fr_error *err);
/* The text of a blob by its id, as fr_repo_read. */
int fr_repo_blob(fr_repo *r, const char *blob, char **data, size_t *len, fr_error *err);

/* ---- history ---- */

typedef struct fr_commit_info {
	char oid[41];              /* "" for the staged change (the index, not yet a commit) */
	char parent[41];           /* the first parent, "" for a root commit */
	int nparents;
	const char *author_name;
	const char *author_email;  /* as git reads the author line; "" when that line is ambiguous
				    * (two addresses, stray '<' or '>') or libgit2 reads it otherwise */
	const char *author_shown;  /* libgit2's reading, for messages only */
	long long author_time;     /* seconds since the epoch: when the change was first committed */
	const char *summary;       /* the message's first line */
	/* the server's record of when it received the commit (FR_NOTES_RECEIVED): */
	long long received;        /* seconds since the epoch; 0 when the commit has no note */
	const char *received_by;   /* the pusher's login the host named then; NULL when none */
	const char *received_email; /* the pusher's email (GITEA_PUSHER_EMAIL); NULL when none */
	int in_push;               /* in pre-receive ($GIT_QUARANTINE_PATH set): 1 when the commit
				    * arrives with this push, 0 when the server had it before; -1
				    * when not known (no quarantine, or the staged change) */
} fr_commit_info;

/* When a change was made, as timeliness judges it: the server's receive time when the commit
 * has a note, else its author date (which the committer chooses: it can be backdated). */
long long fr_commit_time(const fr_commit_info *ci);

typedef struct fr_version {
	const char *path;          /* relative to the team's folder */
	char oid[41];              /* blob id */
} fr_version;

/* One file changed by one commit. For a merge, a file counts as changed only when the merge
 * itself wrote it, by three-way reasoning against the merge base: not when it equals a parent
 * that changed it since the base (brought in from a branch whose commits are listed on their
 * own), nor when it equals every parent; a merge that deletes a file, or takes the base's
 * version over a side's change (a resurrection), wrote it. Renames are detected (git's default 50% similarity), so
 * a record moved to another folder keeps its history. */
typedef struct fr_change {
	const fr_commit_info *commit;
	const char *path;          /* after the commit; NULL when deleted */
	char oid[41];              /* blob after the commit; "" when deleted */
	const fr_version *before;  /* the file in each parent that had it (its old name when
				    * renamed); nbefore 0 when the commit added it */
	size_t nbefore;
	const fr_version *base;    /* a merge: the file in the merge base; NULL when absent or
				    * not a merge */
} fr_change;

typedef struct fr_changes fr_changes;

/* Every change to the team's files (records/, flowrec.yaml, schemas/) made by the commits
 * reachable from tip (40 hex digits) and from none of the commits in hide[0..nhide) nor, when
 * hide_refs is set, from any existing reference. Oldest first (parents before children).
 * *out owned by the caller (fr_changes_free). */
int fr_repo_changes(fr_changes **out, fr_repo *r, const char *tip, const char *const *hide,
		    size_t nhide, int hide_refs, fr_error *err);
/* The staged change: HEAD (or nothing, before the first commit) to the index, as one change
 * set by a commit not yet made, with oid "", parent HEAD and the given author. */
int fr_repo_staged(fr_changes **out, fr_repo *r, const char *author_name,
		   const char *author_email, fr_error *err);
void fr_changes_free(fr_changes *c);

/* The changes, in order (borrowed). */
const fr_change *fr_changes_list(const fr_changes *c, size_t *n);
/* How many changed paths of the team's folder were no regular file (a symbolic link, a
 * submodule) and so no change of the list: the snapshot still differs. */
size_t fr_changes_other(const fr_changes *c);
/* The changes that made the file now (at the tip) at path, oldest first, across renames:
 * its first entry is the commit that added it, under whatever name. *out borrowed; returns
 * their number, 0 when the file is not in the history. */
size_t fr_changes_of(const fr_changes *c, const char *path, const fr_change *const **out);

/* The signature of a commit (the gpgsig header: SSH or OpenPGP armor) and the signed data
 * (the commit without it), both heap (free()). Returns 0, 1 when the commit is not signed,
 * -1 on failure. */
int fr_repo_commit_signature(fr_repo *r, const char *commit, char **sig, char **data,
			     size_t *datalen, fr_error *err);

/* ---- the server's receive time ----
 *
 * The post-receive hook writes one note per commit new to the server into FR_NOTES_RECEIVED:
 * "received: 2026-04-01T02:00:00Z\n", then "pusher: LOGIN\n", "pusher-email: EMAIL\n" when the
 * host named the pusher, and "ref: REFNAME\n" (the ref it arrived with). Existing notes are
 * never rewritten. fr_repo_changes fills fr_commit_info.received from them. */
#define FR_NOTES_RECEIVED "refs/notes/flowrec-received"

/* Whether the repository has the notes ref (a clone has it only when refs/notes/... were
 * fetched). */
int fr_repo_has_received_notes(fr_repo *r);

/* Whether the repository has no reference but refs[0..n) and notes (post-receive: the push
 * was the first to an empty repository). */
int fr_repo_only_refs(fr_repo *r, const char *const *refs, size_t n);

/* Note as received at time `when` every commit reachable from tips[i] and from none of
 * hide[0..nhide) nor from any reference but the ones named in refs[0..ntips) (and refs/notes/),
 * that has no note yet: the note of each names refs[i] of the first tip that reaches it, and
 * pusher / email when not NULL. One commit of the notes ref for all of them, the ref moved
 * from the value it was read at (retried when another push moved it meanwhile). *written
 * gets the number of notes written. Returns 0, -1 with err set. */
int fr_repo_note_received(fr_repo *r, const char *const *tips, const char *const *refs,
			  size_t ntips, const char *const *hide, size_t nhide, long long when,
			  const char *pusher, const char *email, size_t *written, fr_error *err);

/* The author identity a commit made now would get: $GIT_AUTHOR_NAME / $GIT_AUTHOR_EMAIL, else
 * user.name / user.email of the repository's configuration. Heap strings (free()); NULL
 * when unknown. */
void fr_repo_author(fr_repo *r, char **name, char **email);

#endif
