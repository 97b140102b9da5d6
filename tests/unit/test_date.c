/* test_date.c - ISO weeks, months, clock times, and the rate arithmetic of DOMAIN.md section 2 */
#include "test.h"

#include "date.h"
#include "rate.h"

static void test_date__iso_week_mondays(void)
{
	int d, y, w;
	char buf[11];
	T_INTEQ(fr_week_parse("2026-W10", &d), 0);
	fr_date_format(d, buf);
	T_STREQ(buf, "2026-03-02");
	T_INTEQ(fr_week_parse("2026-W01", &d), 0);
	fr_date_format(d, buf);
	T_STREQ(buf, "2025-12-29");
	fr_date_isoweek(fr_date_from_ymd(2027, 1, 1), &y, &w);
	T_INTEQ(y, 2026);
	T_INTEQ(w, 53);
	T_INTEQ(fr_week_parse("2026-W53", &d), 0);
	T_INTEQ(fr_week_parse("2025-W53", &d), -1);
	T_INTEQ(fr_week_parse("2026-W00", &d), -1);
	T_INTEQ(fr_week_parse("2026-10", &d), -1);
}

static void test_date__weekday_and_parse(void)
{
	int d;
	T_INTEQ(fr_date_parse("2026-03-02", &d), 0);
	T_INTEQ(fr_date_weekday(d), 1);
	T_INTEQ(fr_date_weekday(d + 6), 7);
	T_INTEQ(fr_date_parse("2026-02-29", &d), -1);
	T_INTEQ(fr_date_parse("2024-02-29", &d), 0);
	T_INTEQ(fr_date_parse("2026-3-2", &d), -1);
	T_INTEQ(fr_date_parse("1969-12-31", &d), 0);
	T_INTEQ(d, -1);
}

static void test_date__months(void)
{
	int first, n;
	char buf[8];
	T_INTEQ(fr_month_parse("2026-02", &first, &n), 0);
	T_INTEQ(n, 28);
	fr_month_format(fr_month_add(first, -2), buf);
	T_STREQ(buf, "2025-12");
	fr_month_format(fr_month_add(first, 11), buf);
	T_STREQ(buf, "2027-01");
	T_INTEQ(fr_month_parse("2026-13", &first, &n), -1);
}

static void test_date__times(void)
{
	int m;
	T_INTEQ(fr_time_parse("09:20", &m), 0);
	T_INTEQ(m, 560);
	T_INTEQ(fr_time_parse("24:00", &m), -1);
	T_INTEQ(fr_time_parse("9:20", &m), -1);
}

static void test_rate__higher_and_lower_is_better(void)
{
	T_NEAR(fr_rate(18, 30, 0), 0.6);
	T_NEAR(fr_rate(30, 30, 1), 1.0);
	T_NEAR(fr_rate(36, 30, 1), 0.8);
	T_NEAR(fr_rate(90, 30, 1), 0.0); /* max(0, 2 - 3) */
}

static void test_rate__exactly_thirty_percent_is_not_flagged(void)
{
	T_INTEQ(fr_flagged(fr_rate(21, 30, 0), 0.30), 0);  /* 0.7 by division */
	T_INTEQ(fr_flagged(fr_rate(39, 30, 0), 0.30), 0);  /* 1.3 */
	T_INTEQ(fr_flagged(0.6999, 0.30), 1);              /* 30.01% */
	T_INTEQ(fr_flagged(1.3001, 0.30), 1);
}

static void test_rate__weighted_mean_leaves_out_unreported(void)
{
	fr_item it[3] = {
		{ NULL, "a", 30, 18, 1, 1, 1, 0 },
		{ NULL, "b", 5, 5, 3, 1, 1, 0 },
		{ NULL, "c", 10, 0, 1, 1, 0, 0 },
	};
	double r;
	T_INTEQ(fr_items_rate(it, 3, &r), 0);
	T_NEAR(r, (0.6 * 1 + 1.0 * 3) / 4);
	T_INTEQ(fr_items_rate(it + 2, 1, &r), -1);
}

int main(void)
{
	T_RUN(test_date__iso_week_mondays);
	T_RUN(test_date__weekday_and_parse);
	T_RUN(test_date__months);
	T_RUN(test_date__times);
	T_RUN(test_rate__higher_and_lower_is_better);
	T_RUN(test_rate__exactly_thirty_percent_is_not_flagged);
	T_RUN(test_rate__weighted_mean_leaves_out_unreported);
	return t_done();
}
