/* write.c - every page of the site, built and written on every core
 *
 * The pages are independent of each other: each is built from the records, the summary and
 * the dues (all read-only here) into its own buffer and written to its own file. So the
 * dashboard, the people's, the records' and the processes' pages are a list of jobs that
 * worker threads take in chunks, each worker with its own copy of struct site (its arena, its
 * lazy indexes, its list of written files, its first failure). The folders are made once,
 * before, in path order. What comes out does not depend on the thread count or the order the
 * pages were written in: the manifest is sorted by path, and of two failures the one of the
 * earlier page is reported (the single-threaded run's).
 */
#include "site.h"
#include "html.h"
#include "i18n.h"
#include "sitedir.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum job_kind { JOB_DASHBOARD, JOB_PERSON, JOB_RECORD, JOB_PROCESS };

struct job {
	enum job_kind kind;
	size_t i;                  /* the person, the record, or the process (c->procs) */
	size_t idx;                /* a process: its record's index */
	const fr_record *r;        /* a process: its record */
};

struct pool {
	const struct job *jobs;
	size_t njobs;
	size_t next;               /* the next job to take (atomic) */
	int stop;                  /* a job failed: take no more (atomic) */
	const struct site_dues *due;
};

struct worker {
	struct site c;
	fr_site_files written;
	struct pool *pool;
	size_t failed;             /* the job that failed, or (size_t)-1 */
};

#define CHUNK 32   /* jobs taken at once: neighbouring records share folders and indexes */

static int run_job(struct site *c, const struct job *j, const struct site_dues *due)
{
	switch (j->kind) {
	case JOB_DASHBOARD:
		return site_dashboard(c, due);
	case JOB_PERSON:
		return site_person_page(c, &c->people[j->i], due);
	case JOB_RECORD:
		return site_record_page(c, j->i);
	case JOB_PROCESS:
		return site_process_page(c, &c->procs[j->i], j->r, j->idx);
	}
	return -1;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	for (;;) {
		size_t at = __atomic_fetch_add(&p->next, CHUNK, __ATOMIC_RELAXED), end, k;
		if (at >= p->njobs || __atomic_load_n(&p->stop, __ATOMIC_RELAXED))
			break;
		end = at + CHUNK < p->njobs ? at + CHUNK : p->njobs;
		for (k = at; k < end; k++)
			if (run_job(&w->c, &p->jobs[k], p->due)) {
				w->failed = k;
				__atomic_store_n(&p->stop, 1, __ATOMIC_RELAXED);
				return NULL;
			}
	}
	return NULL;
}

/* How many threads: FLOWREC_THREADS when set (1 to 64; for any site, so that the tests can
 * write a small one on many), else the online cores (at most 8) and one for a small site, as
 * check counts them (engine.c). */
static size_t thread_count(size_t njobs)
{
	const char *env = getenv("FLOWREC_THREADS");
	long n = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1 || (!env && njobs < 256))
		n = 1;
	if (n > (env ? 64 : 8))
		n = env ? 64 : 8;
	return (size_t)n;
}

/* The pages' jobs in the order a single thread writes them. */
static struct job *list_jobs(struct site *c, size_t *njobs)
{
	size_t i, j, n, idx, k = 0;
	const fr_record *const *procs = fr_set_kind(c->set, "process", &n);
	struct job *v = fr_xcalloc(1 + c->npeople + c->set->n + c->nprocs, sizeof(*v));
	v[k++].kind = JOB_DASHBOARD;
	for (i = 0; i < c->npeople; i++, k++) {
		v[k].kind = JOB_PERSON;
		v[k].i = i;
	}
	for (i = 0; i < c->set->n; i++, k++) {
		v[k].kind = JOB_RECORD;
		v[k].i = i;
	}
	for (i = j = 0, idx = 0; i < n && j < c->nprocs; i++) {
		if (!fr_map_str(procs[i]->fm, "name"))
			continue;
		/* the processes are in the records' order: the search goes on from the last */
		while (idx < c->set->n && c->set->recs[idx] != procs[i])
			idx++;
		if (idx == c->set->n)
			for (idx = 0; c->set->recs[idx] != procs[i]; idx++)
				;
		v[k].kind = JOB_PROCESS;
		v[k].i = j++;
		v[k].idx = idx;
		v[k].r = procs[i];
		k++;
	}
	*njobs = k;
	return v;
}

static const char *job_path(const struct site *c, const struct job *j)
{
	switch (j->kind) {
	case JOB_DASHBOARD:
		return "index.html";
	case JOB_PERSON:
		return c->people[j->i].path;
	case JOB_RECORD:
		return c->page[j->i];
	case JOB_PROCESS:
		return c->procs[j->i].path;
	}
	return "";
}

int site_write(struct site *c, struct site_dues *due)
{
	fr_buf b = FR_BUF_INIT;
	struct job *jobs = NULL;
	struct worker *w = NULL;
	pthread_t *tid = NULL;
	char *started = NULL;
	struct pool pool;
	size_t njobs = 0, nt = 0, t, k, failed = (size_t)-1;
	int rc = -1;

	c->dues = due;
	c->dirfd = c->old_dirfd = -1;
	site_name_pages(c);
	fr_due_collect(&due->list, c->set, &due->facts, c->today);
	c->dirfd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->dirfd < 0) {
		site_fail(c, _("cannot write"), c->dir);
		goto done;
	}
	if (c->old && c->old_dir)
		c->old_dirfd = open(c->old_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	fr_buf_adds(&b, fr_html_css);
	if (site_write_file(c, "style.css", &b))
		goto done;
	fr_buf_reset(&b);
	fr_buf_adds(&b, "flowrec site: `flowrec render` replaces this folder as a whole.\n");
	if (site_write_file(c, SITE_MARKER, &b))
		goto done;

	jobs = list_jobs(c, &njobs);
	/* every folder, once, in path order (records sorted by path share them) */
	for (k = 0; k < njobs; k++)
		if (site_make_folders(c, job_path(c, &jobs[k])))
			goto done;
	c->folders_made = 1;

	memset(&pool, 0, sizeof(pool));
	pool.jobs = jobs;
	pool.njobs = njobs;
	pool.due = due;
	nt = thread_count(njobs);
	fr_html_markdown_init();   /* before any thread: cmark-gfm's registry is global */
	w = fr_xcalloc(nt, sizeof(*w));
	tid = fr_xcalloc(nt, sizeof(*tid));
	started = fr_xcalloc(nt, 1);
	for (t = 0; t < nt; t++) {
		struct site *x = &w[t].c;
		*x = *c;
		/* its own: the arena, the lazy indexes, what it wrote, its failure */
		x->a = fr_arena_new();
		x->err = NULL;
		x->made = NULL;
		x->written = c->written ? &w[t].written : NULL;
		x->nlinked = 0;
		x->weeks = NULL;
		x->nweeks = 0;
		x->ontime = NULL;
		x->nontime = 0;
		x->ontime_made = 0;
		x->navs = NULL;
		x->nnavs = 0;
		w[t].pool = &pool;
		w[t].failed = (size_t)-1;
	}
	for (t = 1; t < nt; t++) {
		int e = pthread_create(&tid[t], NULL, work, &w[t]);
		started[t] = e == 0;
		if (e)
			fr_thread_failed(FR_THREADS_RENDER, e);
	}
	work(&w[0]);   /* the jobs no thread took are taken here */
	for (t = 1; t < nt; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
	for (t = 0; t < nt; t++) {
		for (k = 0; c->written && k < w[t].written.n; k++) {
			FR_GROW(c->written->v, c->written->cap, c->written->n + 1);
			c->written->v[c->written->n++] = w[t].written.v[k];
		}
		free(w[t].written.v);
		c->nlinked += w[t].c.nlinked;
		if (w[t].failed < failed) {
			failed = w[t].failed;
			free(c->err);
			c->err = w[t].c.err;
			w[t].c.err = NULL;
		}
		free(w[t].c.err);
		free(w[t].c.made);
		fr_arena_free(w[t].c.a);
	}
	if (failed == (size_t)-1)
		rc = 0;
	else if (!c->err)
		c->err = fr_xstrdup(_("cannot write the site"));
done:
	if (c->dirfd >= 0)
		close(c->dirfd);
	if (c->old_dirfd >= 0)
		close(c->old_dirfd);
	c->dirfd = c->old_dirfd = -1;
	free(started);
	free(tid);
	free(w);
	free(jobs);
	fr_buf_free(&b);
	return rc;
}
