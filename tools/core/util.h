/* util.h - allocation that never returns NULL, and small helpers shared by every file */
#ifndef FR_UTIL_H
#define FR_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Each aborts with "flowrec: out of memory" when the system has none left: the only abort. */
void *fr_xmalloc(size_t n);
void *fr_xcalloc(size_t n, size_t size);
void *fr_xrealloc(void *p, size_t n);
char *fr_xstrdup(const char *s);
char *fr_xstrndup(const char *s, size_t n);

/* How many threads for n items of work: FLOWREC_THREADS when set (1 to 64), else the online
 * cores (at most 8); one for fewer than 256, where starting threads costs more than it saves. */
size_t fr_thread_count(size_t n);

/* A thread of this work could not be started (err: pthread_create's): a warning on stderr, the
 * first time in the process only (the work is the same, on the threads that did start), not
 * once per pool. Thread-safe. */
enum fr_thread_work { FR_THREADS_CHECK, FR_THREADS_RENDER };
void fr_thread_failed(enum fr_thread_work what, int err);

#define FR_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Grow *v (of element size sz) so that it holds at least need elements; *cap is updated. */
void fr_grow(void **v, size_t *cap, size_t need, size_t sz);
#define FR_GROW(v, cap, need) fr_grow((void **)&(v), &(cap), (need), sizeof(*(v)))

/* The 40 lowercase hex digits of a 20-byte object id, NUL-terminated. */
void fr_oid_hex(const unsigned char raw[20], char out[41]);

/* A 64-bit hash of n bytes from seed h (four FNV-style lanes, word at a time): checksums of
 * what flowrec keeps under .git/flowrec/ (corruption, not attacks, is the threat). */
uint64_t fr_hash64(uint64_t h, const void *p, size_t n);

/* Read a whole regular file into a NUL-terminated heap buffer; *out owned by the caller
 * (free()). Never blocks and reads nothing but a regular file: the path is looked at before it
 * is opened (O_NONBLOCK, then fstat), so a FIFO, a device, a socket or a folder fails with
 * ESPIPE before a byte is read. With FR_READ_NOFOLLOW a symbolic link (the last component) is
 * not followed and fails with ELOOP. Files over max bytes fail with EFBIG (*len then holds the
 * size). Returns 0, or -1 with errno set; fr_read_strerror says it in the user's terms. */
#define FR_READ_NOFOLLOW 1
int fr_read_file_at(int dirfd, const char *path, size_t max, int flags, char **out, size_t *len);
/* The same for a path the caller already saw as a regular file of inode ino (a folder walk's
 * lstat; -1: any inode, when only the folder entry's type was seen): not looked at again, one
 * path lookup instead of two. Opened O_NOFOLLOW|O_NONBLOCK and read only when fstat says it
 * is still a regular file (of that inode): a file swapped since (for a FIFO, a device,
 * another file) fails with ESPIPE, a link with ELOOP. st (may be NULL) receives fstat's data
 * of what was opened, also when it fails with EFBIG. */
struct stat;
int fr_read_seen_at(int dirfd, const char *path, int64_t ino, size_t max, char **out, size_t *len,
		    struct stat *st);
/* fr_read_file_at(AT_FDCWD, path, max, 0, ...): symbolic links followed. */
int fr_read_file(const char *path, size_t max, char **out, size_t *len);
/* The message for an errno of fr_read_file_at (translated). */
const char *fr_read_strerror(int e);

#endif
