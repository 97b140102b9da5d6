/* test_blobid.c - fr_blob_oid (OpenSSL's SHA-1) gives git's own blob ids: compared with
 * `git hash-object` on several contents, the empty one included */
#include "test.h"
#include "cache.h"

#include <stdlib.h>
#include <unistd.h>

/* git hash-object of data[0..len) (written to a temporary file) into id; 0, or -1 */
static int git_id(const char *data, size_t len, char id[41])
{
	char path[] = "/tmp/flowrec-blobid-XXXXXX", cmd[128];
	int fd = mkstemp(path), rc = -1;
	FILE *p;
	if (fd < 0)
		return -1;
	if (write(fd, data, len) == (ssize_t)len) {
		snprintf(cmd, sizeof(cmd), "git hash-object --no-filters %s", path);
		if ((p = popen(cmd, "r"))) {
			if (fscanf(p, "%40s", id) == 1 && strlen(id) == 40)
				rc = 0;
			if (pclose(p))
				rc = -1;
		}
	}
	close(fd);
	unlink(path);
	return rc;
}

static void check_one(const char *data, size_t len)
{
	char want[41] = "", got[41];
	T_INTEQ(git_id(data, len, want), 0);
	fr_blob_oid(data, len, got);
	T_STREQ(got, want);
}

static void test_blobid__matches_git_hash_object(void)
{
	static const char *const texts[] = {
		"", "a", "---\nkind: weekly\n---\n", "no newline at the end",
		"中文的销售记录\n", "a\0b", NULL
	};
	size_t i, lens[] = { 0, 1, 21, 21, 22, 3 };
	char *big;
	for (i = 0; texts[i]; i++) {
		char want[41] = "", got[41];
		T_INTEQ(git_id(texts[i], lens[i], want), 0);
		fr_blob_oid(texts[i], lens[i], got);
		T_STREQ(got, want);
	}
	/* longer than a SHA-1 block many times over, and not a multiple of it */
	big = malloc(300001);
	T_ASSERT(big);
	for (i = 0; i < 300001; i++)
		big[i] = (char)('a' + i % 23);
	check_one(big, 300001);
	free(big);
}

static void test_blobid__null_data_is_empty(void)
{
	char a[41], b[41];
	fr_blob_oid(NULL, 0, a);
	fr_blob_oid("", 0, b);
	T_STREQ(a, b);
	T_STREQ(a, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"); /* git's empty blob */
}

int main(void)
{
	T_RUN(test_blobid__matches_git_hash_object);
	T_RUN(test_blobid__null_data_is_empty);
	return t_done();
}
