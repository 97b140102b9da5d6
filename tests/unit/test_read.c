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

/* dir/name; two buffers in turn, so that both paths of rename(path_of(a), path_of(b)) hold */
static const char *path_of(const char *name)
{
	static char buf[2][256];
	static int k;
	k = !k;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

/* the helpers say "cannot" on stderr and the case's next assertion fails */
static void put(const char *name, const char *text)
{
	FILE *f = fopen(path_of(name), "w");
	if (!f) {
		perror(name);
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* the inode lstat sees at dir/name, -2 when there is nothing */
static int64_t ino_of(const char *name)
{
	struct stat st;
	if (lstat(path_of(name), &st))
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

/* fr_read_seen_at's errno when it refuses name and gives no buffer; 0 when it read it */
static int refused(const char *name, int64_t ino)
{
	char *buf = (char *)1;
	size_t len;
	if (!seen(name, ino, 1024, &buf, &len)) {
		free(buf);
		return 0;
	}
	return buf ? -1 : errno;
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
	put("h.md", "h\n");
	T_INTEQ(refused("h.md", -1), 0);
	T_INTEQ(unlink(path_of("h.md")), 0);
	T_INTEQ(mkfifo(path_of("h.md"), 0600), 0);
	T_INTEQ(refused("h.md", -1), ESPIPE);
	T_INTEQ(unlink(path_of("h.md")), 0);
	T_INTEQ(symlink("d.md", path_of("h.md")), 0);
	T_INTEQ(refused("h.md", -1), ELOOP);
}

static void test_read__seen_file_swapped_since_is_refused(void)
{
	char *buf;
	size_t len;
	int64_t was;
	put("b.md", "first\n");
	was = ino_of("b.md");
	/* another file renamed over it: same name, another inode */
	put("b.new", "second\n");
	T_INTEQ(rename(path_of("b.new"), path_of("b.md")), 0);
	T_ASSERT(ino_of("b.md") != was);
	T_INTEQ(refused("b.md", was), ESPIPE);
	/* and with the inode it has now, it is read */
	T_INTEQ(seen("b.md", ino_of("b.md"), 1024, &buf, &len), 0);
	T_STREQ(buf, "second\n");
	free(buf);
}

static void test_read__seen_path_now_a_fifo_does_not_block(void)
{
	char *buf;
	size_t len;
	int64_t was;
	put("c.md", "x\n");
	was = ino_of("c.md");
	T_INTEQ(unlink(path_of("c.md")), 0);
	T_INTEQ(mkfifo(path_of("c.md"), 0600), 0);   /* no writer: a blocking open would wait forever */
	T_INTEQ(refused("c.md", was), ESPIPE);
	/* not even with the FIFO's own inode */
	T_INTEQ(refused("c.md", ino_of("c.md")), ESPIPE);
	/* and fr_read_file_at refuses it before opening it */
	T_INTEQ(fr_read_file_at(AT_FDCWD, path_of("c.md"), 1024, FR_READ_NOFOLLOW, &buf, &len), -1);
	T_INTEQ(errno, ESPIPE);
}

static void test_read__seen_path_now_a_link_is_not_followed(void)
{
	char *buf;
	size_t len;
	put("d.md", "target\n");
	T_INTEQ(symlink("d.md", path_of("e.md")), 0);
	/* even given the inode of the file it points to */
	T_INTEQ(refused("e.md", ino_of("d.md")), ELOOP);
	T_INTEQ(fr_read_file_at(AT_FDCWD, path_of("e.md"), 1024, FR_READ_NOFOLLOW, &buf, &len), -1);
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
	char *buf;
	size_t len;
	T_INTEQ(mkdir(path_of("g.md"), 0700), 0);
	T_INTEQ(refused("g.md", ino_of("g.md")), ESPIPE);
	T_INTEQ(fr_read_file_at(AT_FDCWD, path_of("g.md"), 1024, FR_READ_NOFOLLOW, &buf, &len), -1);
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
