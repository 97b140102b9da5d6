/* test.h - a tiny unit-test harness: one function per case, named for what it proves
 *
 *   static void test_yaml__rejects_duplicate_key(void) { ... T_ASSERT(cond); ... }
 *   int main(void) { T_RUN(test_yaml__rejects_duplicate_key); return t_done(); }
 *
 * Prints "ok - name" or "not ok - name: file:line: cond" per case (tests/run-all.sh counts
 * them); exits 1 if any failed.
 */
#ifndef FR_TEST_H
#define FR_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int t_failed_cases, t_case_failed;
static const char *t_case;

#define T_ASSERT(cond) do { \
	if (!(cond)) { \
		if (!t_case_failed) \
			printf("not ok - %s: %s:%d: %s\n", t_case, __FILE__, __LINE__, #cond); \
		t_case_failed = 1; \
		return; \
	} } while (0)
#define T_STREQ(a, b) do { \
	const char *t_a = (a), *t_b = (b); \
	if (!t_a || !t_b || strcmp(t_a, t_b)) { \
		if (!t_case_failed) \
			printf("not ok - %s: %s:%d: \"%s\" != \"%s\"\n", t_case, __FILE__, __LINE__, \
			       t_a ? t_a : "(null)", t_b ? t_b : "(null)"); \
		t_case_failed = 1; \
		return; \
	} } while (0)
#define T_INTEQ(a, b) do { \
	long long t_a = (long long)(a), t_b = (long long)(b); \
	if (t_a != t_b) { \
		if (!t_case_failed) \
			printf("not ok - %s: %s:%d: %s == %lld, expected %lld\n", t_case, __FILE__, \
			       __LINE__, #a, t_a, t_b); \
		t_case_failed = 1; \
		return; \
	} } while (0)
#define T_NEAR(a, b) do { \
	double t_a = (a), t_b = (b); \
	if (!(fabs(t_a - t_b) < 1e-9)) { \
		if (!t_case_failed) \
			printf("not ok - %s: %s:%d: %s == %.10g, expected %.10g\n", t_case, __FILE__, \
			       __LINE__, #a, t_a, t_b); \
		t_case_failed = 1; \
		return; \
	} } while (0)

#define T_RUN(fn) do { \
	t_case = #fn; t_case_failed = 0; fn(); \
	if (t_case_failed) t_failed_cases++; else printf("ok - %s\n", #fn); \
	fflush(stdout); } while (0)

static int t_done(void)
{
	return t_failed_cases ? 1 : 0;
}

#endif
