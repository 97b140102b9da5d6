/* schema_format.h - the string formats schema.c asserts: date, time, date-time, email
 *
 * Each check takes the string's bytes (not NUL-terminated, may hold NUL) and returns 1 when
 * the whole string has the format, else 0. Pure functions: no state, safe from any thread.
 */
#ifndef FR_SCHEMA_FORMAT_H
#define FR_SCHEMA_FORMAT_H

#include <stddef.h>

typedef enum {
	FR_FORMAT_NONE = 0, /* a format this validator does not assert (annotation only) */
	FR_FORMAT_DATE,
	FR_FORMAT_TIME,
	FR_FORMAT_DATE_TIME,
	FR_FORMAT_EMAIL
} fr_format;

/* The format named by a schema's `format` value; FR_FORMAT_NONE for any other name. */
fr_format fr_format_lookup(const char *name);

/* RFC 3339 full-date: YYYY-MM-DD, a real calendar day (leap years included). */
int fr_format_date(const char *s, size_t n);
/* RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); second 60 only when the time is
 * 23:59:60 in UTC (a leap second), as the JSON Schema Test Suite asserts. */
int fr_format_time(const char *s, size_t n);
/* RFC 3339 date-time: full-date "T" full-time (T and Z in either case). */
int fr_format_date_time(const char *s, size_t n);
/* RFC 5321 Mailbox: dot-string or quoted-string local part, "@", a domain name or an
 * address literal ([IPv4] or [IPv6:...]); ASCII only. */
int fr_format_email(const char *s, size_t n);

/* Dispatch on fmt; FR_FORMAT_NONE accepts everything. */
int fr_format_check(fr_format fmt, const char *s, size_t n);

#endif
