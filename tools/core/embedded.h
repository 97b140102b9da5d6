/* embedded.h - files compiled into the binary at build time (tools/embed.sh): the schemas
 * and the message catalogs */
#ifndef FR_EMBEDDED_H
#define FR_EMBEDDED_H

#include <stddef.h>

struct fr_embedded {
	const char *name;   /* base name, e.g. "weekly-meeting.yaml" */
	const char *data;   /* NUL-terminated */
	size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct fr_embedded fr_embedded_files[];
/* The message catalogs (.mo) built from po/, named by language ("zh_CN"); same ending. */
extern const struct fr_embedded fr_embedded_catalogs[];

#endif
