/* test_hooksum.c - the hook's summary files (hooksum.h): written and read back, and every
 * file that is not exactly one (damaged, short, another id, format or kind) read as none */
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hooksum.h"
#include "util.h"

static char Dir[256];

static void fresh_dir(void)
{
	char cmd[300];
	snprintf(Dir, sizeof(Dir), "/tmp/flowrec-hooksum-%ld", (long)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf %s", Dir);
	if (system(cmd)) {
	}
}

static void id_of(unsigned char id[20], int k)
{
	memset(id, 0, 20);
	id[0] = (unsigned char)k;
	id[19] = 0xab;
}

static fr_rdesc *descs(size_t n)
{
	fr_rdesc *d = calloc(n + 1, sizeof(*d));
	size_t i;
	for (i = 0; i < n; i++) {
		d[i].kind = (unsigned char)(i % 3 == 2 ? FR_RDESC_NONE : i % 3);
		d[i].scoped = i % 2;
		d[i].unit = (int32_t)i - 5;
		d[i].key = 0x1234567890ULL * (i + 1);
		d[i].owner = 77 + i;
	}
	return d;
}

static size_t files(void)
{
	DIR *dp = opendir(Dir);
	struct dirent *e;
	size_t n = 0;
	while (dp && (e = readdir(dp)))
		n += e->d_name[0] != '.';
	if (dp)
		closedir(dp);
	return n;
}

static char *path_of(const unsigned char id[20])
{
	static char p[400];
	char hex[41];
	fr_oid_hex(id, hex);
	snprintf(p, sizeof(p), "%s/hook-%s", Dir, hex);
	return p;
}

/* Write the summary of id (n records) in a run of its own. */
static void write_one(const unsigned char id[20], size_t n, uint64_t errors)
{
	fr_hooksums s;
	fr_hooksums_init(&s, Dir, 3);
	fr_hooksums_put(&s, id, errors, n, descs(n));
	fr_hooksums_write(&s);
	fr_hooksums_free(&s);
}

static void test_hooksum__written_then_read_back_in_another_run(void)
{
	unsigned char id[20];
	fr_hooksums s;
	const fr_hooksum *x;
	fr_rdesc *want = descs(1000);
	fresh_dir();
	id_of(id, 1);
	write_one(id, 1000, 42);
	fr_hooksums_init(&s, Dir, 3);
	x = fr_hooksums_find(&s, id);
	T_ASSERT(x != NULL);
	T_INTEQ(x->n, 1000);
	T_INTEQ(x->errors, 42);
	T_ASSERT(!memcmp(x->desc, want, 1000 * sizeof(*want)));
	fr_hooksums_free(&s);
	free(want);
}

static void test_hooksum__a_summary_of_no_records_is_one(void)
{
	unsigned char id[20];
	fr_hooksums s;
	const fr_hooksum *x;
	fresh_dir();
	id_of(id, 2);
	write_one(id, 0, 0);
	fr_hooksums_init(&s, Dir, 3);
	x = fr_hooksums_find(&s, id);
	T_ASSERT(x != NULL && x->n == 0);
	fr_hooksums_free(&s);
}

/* Each way a file can be wrong: a byte changed anywhere, the file cut short, renamed to
 * another snapshot's id, a kind this build does not have. */
static void test_hooksum__a_damaged_file_is_no_summary(void)
{
	unsigned char id[20], other[20];
	size_t len, at;
	char *data = NULL;
	fr_hooksum x;
	fresh_dir();
	id_of(id, 3);
	id_of(other, 4);
	write_one(id, 50, 7);
	T_INTEQ(fr_read_file(path_of(id), 1 << 20, &data, &len), 0);
	T_INTEQ(len, FR_HOOKSUM_HEAD + 50 * 24 + 8);
	T_INTEQ(fr_hooksum_parse(&x, data, len, id, 3), 0);
	T_INTEQ(fr_hooksum_parse(&x, data, len, other, 3), -1);    /* another id */
	T_INTEQ(fr_hooksum_parse(&x, data, len, id, 1), -1);       /* a kind past the last */
	for (at = 0; at < len; at += 13) {
		data[at] ^= 0x10;
		T_INTEQ(fr_hooksum_parse(&x, data, len, id, 3), -1);
		T_ASSERT(x.desc == NULL);
		data[at] ^= 0x10;
	}
	for (at = 0; at < len; at += 24)
		T_INTEQ(fr_hooksum_parse(&x, data, at, id, 3), -1);
	memcpy(data, "FRHOOK3\n", 8);                              /* the format before */
	T_INTEQ(fr_hooksum_parse(&x, data, len, id, 3), -1);
	free(data);
}

/* A damaged file on disk: found missing, and replaced by the next write. */
static void test_hooksum__a_damaged_file_is_rewritten(void)
{
	unsigned char id[20];
	fr_hooksums s;
	FILE *f;
	fresh_dir();
	id_of(id, 5);
	write_one(id, 10, 1);
	f = fopen(path_of(id), "r+b");
	T_ASSERT(f != NULL);
	fseek(f, 60, SEEK_SET);
	fputc('x', f);
	fclose(f);
	fr_hooksums_init(&s, Dir, 3);
	T_ASSERT(fr_hooksums_find(&s, id) == NULL);
	fr_hooksums_put(&s, id, 1, 10, descs(10));
	fr_hooksums_write(&s);
	fr_hooksums_free(&s);
	fr_hooksums_init(&s, Dir, 3);
	T_ASSERT(fr_hooksums_find(&s, id) != NULL);
	fr_hooksums_free(&s);
}

/* Two are kept: those the last run read or made; a third snapshot's write prunes the oldest, and an
 * older format's one file (DIR/hook) goes. Files that are not summaries stay. */
static void test_hooksum__two_are_kept_the_rest_pruned(void)
{
	unsigned char a[20], b[20], c[20];
	fr_hooksums s;
	FILE *f;
	char p[300];
	fresh_dir();
	id_of(a, 6);
	id_of(b, 7);
	id_of(c, 8);
	write_one(a, 3, 0);
	fr_hooksums_init(&s, Dir, 3);
	T_ASSERT(fr_hooksums_find(&s, a) != NULL);
	fr_hooksums_put(&s, b, 0, 3, descs(3));
	fr_hooksums_write(&s);
	fr_hooksums_free(&s);
	T_INTEQ(files(), 2);
	snprintf(p, sizeof(p), "%s/hook", Dir);
	f = fopen(p, "w");
	T_ASSERT(f != NULL);
	fclose(f);
	snprintf(p, sizeof(p), "%s/cache", Dir);
	f = fopen(p, "w");
	T_ASSERT(f != NULL);
	fclose(f);
	fr_hooksums_init(&s, Dir, 3);
	T_ASSERT(fr_hooksums_find(&s, b) != NULL);                 /* HEAD's, read */
	fr_hooksums_put(&s, c, 0, 3, descs(3));                     /* the staged one's, made */
	fr_hooksums_write(&s);
	fr_hooksums_free(&s);
	T_INTEQ(files(), 3);                                        /* b, c and the cache */
	T_ASSERT(access(path_of(a), F_OK) != 0);
	T_ASSERT(access(path_of(b), F_OK) == 0);
	T_ASSERT(access(path_of(c), F_OK) == 0);
	T_ASSERT(access(p, F_OK) == 0);
}

/* The same summary put again is not written again (the file keeps its inode). */
static void test_hooksum__the_same_summary_is_not_rewritten(void)
{
	unsigned char id[20];
	fr_hooksums s;
	struct stat st1, st2;
	fresh_dir();
	id_of(id, 9);
	write_one(id, 20, 3);
	T_INTEQ(stat(path_of(id), &st1), 0);
	write_one(id, 20, 3);
	T_INTEQ(stat(path_of(id), &st2), 0);
	T_INTEQ(st1.st_ino, st2.st_ino);
	fr_hooksums_init(&s, Dir, 3);
	fr_hooksums_put(&s, id, 4, 20, descs(20));                  /* another error count */
	fr_hooksums_write(&s);
	fr_hooksums_free(&s);
	T_INTEQ(stat(path_of(id), &st2), 0);
	T_ASSERT(st1.st_ino != st2.st_ino);
}

int main(void)
{
	T_RUN(test_hooksum__written_then_read_back_in_another_run);
	T_RUN(test_hooksum__a_summary_of_no_records_is_one);
	T_RUN(test_hooksum__a_damaged_file_is_no_summary);
	T_RUN(test_hooksum__a_damaged_file_is_rewritten);
	T_RUN(test_hooksum__two_are_kept_the_rest_pruned);
	T_RUN(test_hooksum__the_same_summary_is_not_rewritten);
	fresh_dir();
	return t_done();
}
