/* date.c - day numbers, ISO weeks and months */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
int fr_date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void fr_date_ymd(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int fr_days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int fr_date_parse(const char *s, int *days)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
	    digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > fr_days_in_month(y, m))
		return -1;
	*days = fr_date_from_ymd(y, m, d);
	return 0;
}

void fr_date_format(int days, char out[11])
{
	int y, m, d;
	fr_date_ymd(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

int fr_date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (4) */
	int w = (days % 7 + 7) % 7;
	return (w + 3) % 7 + 1;
}

int fr_week_monday(int year, int week)
{
	int jan4 = fr_date_from_ymd(year, 1, 4);
	int week1 = jan4 - (fr_date_weekday(jan4) - 1);
	return week1 + (week - 1) * 7;
}

void fr_date_isoweek(int days, int *year, int *week)
{
	int thursday = days - fr_date_weekday(days) + 4;
	int y, m, d;
	fr_date_ymd(thursday, &y, &m, &d);
	*year = y;
	*week = (thursday - fr_date_from_ymd(y, 1, 1)) / 7 + 1;
}

static int weeks_in_year(int y)
{
	int wy, w;
	fr_date_isoweek(fr_date_from_ymd(y, 12, 28), &wy, &w);
	return w;
}

int fr_week_parse(const char *s, int *monday)
{
	int y, w;
	if (!s || strlen(s) != 8 || s[4] != '-' || s[5] != 'W' || digits(s, 4, &y) ||
	    digits(s + 6, 2, &w))
		return -1;
	if (w < 1 || w > weeks_in_year(y))
		return -1;
	*monday = fr_week_monday(y, w);
	return 0;
}

void fr_week_format(int days, char out[9])
{
	int y, w;
	fr_date_isoweek(days, &y, &w);
	snprintf(out, 9, "%04u-W%02u", (unsigned)y % 10000u, (unsigned)w % 100u);
}

int fr_month_parse(const char *s, int *first, int *ndays)
{
	int y, m;
	if (!s || strlen(s) != 7 || s[4] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
	    m < 1 || m > 12)
		return -1;
	if (first)
		*first = fr_date_from_ymd(y, m, 1);
	if (ndays)
		*ndays = fr_days_in_month(y, m);
	return 0;
}

void fr_month_format(int days, char out[8])
{
	int y, m, d;
	fr_date_ymd(days, &y, &m, &d);
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

int fr_month_add(int days, int n)
{
	int y, m, d, idx;
	fr_date_ymd(days, &y, &m, &d);
	idx = y * 12 + (m - 1) + n;
	return fr_date_from_ymd(idx / 12, idx % 12 + 1, 1);
}

int fr_time_parse(const char *s, int *minutes)
{
	int h, m;
	if (!s || strlen(s) != 5 || s[2] != ':' || digits(s, 2, &h) || digits(s + 3, 2, &m) ||
	    h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int fr_date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return fr_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
