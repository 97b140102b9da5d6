/* test_read.c - fr_read_file_at and fr_read_seen_at read regular files only, never block: a
 * FIFO, a link, a folder, a file over the limit, and (for fr_read_seen_at) a file swapped
 * since its inode was seen, each fail with its errno and no buffer */
#include "test.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/flowrec-read-XXXXXX";

/* the helpers say "cannot" on stderr and the case's next assertion fails */
static void put(const char *name, const char *text)
{
	char path[256];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "w"))) {
		perror(path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* the inode lstat sees at dir/name, -2 when there is nothing */
static int64_t ino_of(const char *name)
{
	char path[256];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (lstat(path, &st))
		return -2;
	return (int64_t)st.st_ino;
}

/* fr_read_seen_at(dir, name, ino, ...), from a descriptor of dir as the walk has one */
static int seen(const char *name, int64_t ino, size_t max, char **out, size_t *len)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY), rc;
	if (dfd < 0) {
		perror(dir);
		return -2;
	}
	errno = 0;
	rc = fr_read_seen_at(dfd, name, ino, max, out, len, NULL);
	close(dfd);
	return rc;
}

static void test_read__seen_file_is_read_exactly(void)
{
	char *buf;
	size_t len;
	put("a.md", "---\nkind: weekly\n---\n");
	T_INTEQ(seen("a.md", ino_of("a.md"), 1024, &buf, &len), 0);
	T_ASSERT(buf);
	T_INTEQ((int)len, 21);
	T_STREQ(buf, "---\nkind: weekly\n---\n");
	free(buf);
}

/* -1: only the folder entry's type was seen: any regular file there is read, nothing else */
static void test_read__any_inode_still_only_a_regular_file(void)
{
	char *buf = (char *)1, path[256];
	size_t len;
	put("h.md", "h\n");
	T_INTEQ(seen("h.md", -1, 1024, &buf, &len), 0);
	T_STREQ(buf, "h\n");
	free(buf);
	snprintf(path, sizeof(path), "%s/h.md", dir);
	T_INTEQ(unlink(path), 0);
	T_INTEQ(mkfifo(path, 0600), 0);
	buf = (char *)1;
	T_INTEQ(seen("h.md", -1, 1024, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
	T_ASSERT(buf == NULL);
	T_INTEQ(unlink(path), 0);
	T_INTEQ(symlink("d.md", path), 0);
	T_INTEQ(seen("h.md", -1, 1024, &buf, &len), -1);
	T_INTEQ(errno, ELOOP);
}

static void test_read__seen_file_swapped_since_is_refused(void)
{
	char *buf = (char *)1, from[256], to[256];
	size_t len;
	int64_t was;
	put("b.md", "first\n");
	was = ino_of("b.md");
	/* another file renamed over it: same name, another inode */
	put("b.new", "second\n");
	snprintf(from, sizeof(from), "%s/b.new", dir);
	snprintf(to, sizeof(to), "%s/b.md", dir);
	T_INTEQ(rename(from, to), 0);
	T_ASSERT(ino_of("b.md") != was);
	T_INTEQ(seen("b.md", was, 1024, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
	T_ASSERT(buf == NULL);
	/* and with the inode it has now, it is read */
	T_INTEQ(seen("b.md", ino_of("b.md"), 1024, &buf, &len), 0);
	T_STREQ(buf, "second\n");
	free(buf);
}

static void test_read__seen_path_now_a_fifo_does_not_block(void)
{
	char *buf = (char *)1, path[256];
	size_t len;
	int64_t was;
	put("c.md", "x\n");
	was = ino_of("c.md");
	snprintf(path, sizeof(path), "%s/c.md", dir);
	T_INTEQ(unlink(path), 0);
	T_INTEQ(mkfifo(path, 0600), 0);   /* no writer: a blocking open would wait forever */
	T_INTEQ(seen("c.md", was, 1024, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
	T_ASSERT(buf == NULL);
	/* not even with the FIFO's own inode */
	T_INTEQ(seen("c.md", ino_of("c.md"), 1024, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
	/* and fr_read_file_at refuses it before opening it */
	T_INTEQ(fr_read_file_at(AT_FDCWD, path, 1024, FR_READ_NOFOLLOW, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
}

static void test_read__seen_path_now_a_link_is_not_followed(void)
{
	char *buf = (char *)1, path[256];
	size_t len;
	int64_t target;
	put("d.md", "target\n");
	target = ino_of("d.md");
	snprintf(path, sizeof(path), "%s/e.md", dir);
	T_INTEQ(symlink("d.md", path), 0);
	/* even given the inode of the file it points to */
	T_INTEQ(seen("e.md", target, 1024, &buf, &len), -1);
	T_INTEQ(errno, ELOOP);
	T_ASSERT(buf == NULL);
	T_INTEQ(fr_read_file_at(AT_FDCWD, path, 1024, FR_READ_NOFOLLOW, &buf, &len), -1);
	T_INTEQ(errno, ELOOP);
}

static void test_read__over_the_limit_says_its_size(void)
{
	char *buf = (char *)1;
	size_t len = 0;
	put("f.md", "0123456789");
	T_INTEQ(seen("f.md", ino_of("f.md"), 9, &buf, &len), -1);
	T_INTEQ(errno, EFBIG);
	T_INTEQ((int)len, 10);
	T_ASSERT(buf == NULL);
	T_INTEQ(seen("f.md", ino_of("f.md"), 10, &buf, &len), 0);
	T_INTEQ((int)len, 10);
	free(buf);
}

static void test_read__a_folder_is_not_read(void)
{
	char *buf = (char *)1, path[256];
	size_t len;
	snprintf(path, sizeof(path), "%s/g.md", dir);
	T_INTEQ(mkdir(path, 0700), 0);
	T_INTEQ(seen("g.md", ino_of("g.md"), 1024, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
	T_INTEQ(fr_read_file_at(AT_FDCWD, path, 1024, FR_READ_NOFOLLOW, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
}

int main(void)
{
	char rm[64];
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	T_RUN(test_read__seen_file_is_read_exactly);
	T_RUN(test_read__seen_file_swapped_since_is_refused);
	T_RUN(test_read__seen_path_now_a_fifo_does_not_block);
	T_RUN(test_read__seen_path_now_a_link_is_not_followed);
	T_RUN(test_read__over_the_limit_says_its_size);
	T_RUN(test_read__a_folder_is_not_read);
	T_RUN(test_read__any_inode_still_only_a_regular_file);
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	if (system(rm) != 0)
		return 1;
	return t_done();
}
