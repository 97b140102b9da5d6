/* date.h - calendar dates as day numbers, ISO weeks, months and clock times
 *
 * A date is an int: days since 1970-01-01 (proleptic Gregorian). Parsers are strict: they
 * accept exactly the forms below and return 0 on success, -1 otherwise.
 */
#ifndef FR_DATE_H
#define FR_DATE_H

#define FR_NO_DATE (-2147483647 - 1)

int fr_date_from_ymd(int y, int m, int d);
void fr_date_ymd(int days, int *y, int *m, int *d);
int fr_date_parse(const char *s, int *days);               /* YYYY-MM-DD */
void fr_date_format(int days, char out[11]);               /* YYYY-MM-DD */
int fr_date_weekday(int days);                             /* 1 Monday .. 7 Sunday */
int fr_days_in_month(int y, int m);

/* ISO 8601 weeks: "2026-W10"; the Monday of a week and the week of a date. */
int fr_week_parse(const char *s, int *monday);
int fr_week_monday(int year, int week);
void fr_date_isoweek(int days, int *year, int *week);
void fr_week_format(int days, char out[9]);                /* the ISO week of a date */

/* "2026-04": the first day and number of days of a month. */
int fr_month_parse(const char *s, int *first, int *ndays);
void fr_month_format(int days, char out[8]);               /* the month of a date */
/* The first day of the month n months after the month of date (n may be negative). */
int fr_month_add(int days, int n);

/* "09:20" -> minutes after midnight. */
int fr_time_parse(const char *s, int *minutes);

/* Today in the process's local time zone (main sets TZ to the team's). */
int fr_date_today(void);

#endif
