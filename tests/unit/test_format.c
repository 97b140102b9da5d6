/* test_format.c - fr_format_fixed writes exactly what snprintf's "%.Nf" writes (the pages'
 * numbers and the charts' coordinates go through it), fr_format_number / _percent keep their
 * words, and fr_html_escn (runs copied whole) escapes byte for byte as the byte-at-a-time
 * escaper it replaced */
#include "test.h"

#include "buf.h"
#include "html.h"
#include "table.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>

/* 1 when fr_format_fixed(v, d) is snprintf's, else prints the first difference */
static int same_as_printf(double v, int d)
{
	char want[32], got[32];
	size_t n = fr_format_fixed(got, v, d);
	snprintf(want, sizeof(want), "%.*f", d, v);   /* cut at 31 bytes, as the callers' */
	if (strcmp(want, got) || n != strlen(want)) {
		printf("# %.17g %%.%df: printf \"%s\", fr_format_fixed \"%s\" (%zu)\n", v, d, want, got, n);
		return 0;
	}
	return 1;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void test_format__fixed_edges(void)
{
	static const double v[] = { 0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.5, 1.5, 2.5, -0.5, -1.5,
				    -0.04, -0.05, 0.95, 9.95, 99.95, 999.5, 0.125, 0.375, 1e-300, -1e-300,
				    DBL_MIN, DBL_TRUE_MIN, 1e15, 1e15 + 0.5, 4503599627370495.5,
				    9007199254740993.0, 9.2e18, 9.3e18, 1e19, 1e300, -1e300, DBL_MAX,
				    123456.789, 66.66666666666667, 33.333333333333336, 12.345, 0.0005,
				    0.0015, 2.675, 1.005 };
	size_t i;
	int d;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (d = 0; d <= 3; d++)
			T_ASSERT(same_as_printf(v[i], d));
	T_ASSERT(same_as_printf(1.0 / 0.0, 1));
	T_ASSERT(same_as_printf(-1.0 / 0.0, 1));
	T_ASSERT(same_as_printf(0.0 / 0.0, 1));
}

/* every tie k + 1/2 at each decimal that a double holds exactly, and its neighbours */
static void test_format__fixed_ties(void)
{
	int k, d;
	for (d = 0; d <= 3; d++)
		for (k = -5000; k <= 5000; k++) {
			double t = (k + 0.5) / (d == 0 ? 1 : d == 1 ? 10 : d == 2 ? 100 : 1000);
			T_ASSERT(same_as_printf(t, d));
			T_ASSERT(same_as_printf(nextafter(t, 1e300), d));
			T_ASSERT(same_as_printf(nextafter(t, -1e300), d));
			T_ASSERT(same_as_printf(k / 8.0, d));
		}
}

/* random doubles: rates, percentages, coordinates, amounts, and any bit pattern */
static void test_format__fixed_random(void)
{
	int i, d;
	for (i = 0; i < 300000; i++) {
		uint64_t r = next_rand();
		double u = (double)(r >> 11) / 9007199254740992.0, any;
		memcpy(&any, &r, sizeof(any));
		for (d = 0; d <= 3; d++) {
			T_ASSERT(same_as_printf(u * 2, d));
			T_ASSERT(same_as_printf(u * 200 - 100, d));
			T_ASSERT(same_as_printf(u * 1000, d));
			T_ASSERT(same_as_printf((double)(int64_t)(r >> 20) * (r & 1 ? 1 : -1), d));
			T_ASSERT(same_as_printf(any, d));
		}
	}
}

static void test_format__number_and_percent(void)
{
	char b[32];
	fr_format_number(b, 42);
	T_STREQ(b, "42");
	fr_format_number(b, -0.0);
	T_STREQ(b, "0");
	fr_format_number(b, -7);
	T_STREQ(b, "-7");
	fr_format_number(b, 1e15);
	T_STREQ(b, "1e+15");
	fr_format_number(b, 2.5);
	T_STREQ(b, "2.5");
	fr_format_percent(b, 0.9);
	T_STREQ(b, "90.0%");
	fr_format_percent(b, 1.0 / 3);
	T_STREQ(b, "33.3%");
	fr_format_percent(b, -0.0001);
	T_STREQ(b, "0.0%");
	fr_format_percent(b, -0.25);
	T_STREQ(b, "-25.0%");
	fr_format_percent(b, 0.0 / 0.0);
	T_STREQ(b, "-");
	fr_format_percent(b, 1e13);
	T_STREQ(b, "1000000000000000.0%");
	fr_format_percent(b, 1e300);
	T_INTEQ(strlen(b), 31);
}

/* the escaper fr_html_escn was: each byte through fr_buf_add_html, controls dropped */
static void old_escn(fr_buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
			fr_buf_add_html(b, s + start, i - start);
			start = i + 1;
		}
	}
	fr_buf_add_html(b, s + start, n - start);
}

static void test_format__html_escape_as_before(void)
{
	static const char alphabet[] = "ab \t\n\r&<>\"'\x01\x1f\x7f\x00;#\xe4\xbd\xa0\xc3\xa9\xff";
	char s[64];
	int i;
	size_t j, n;
	for (i = 0; i < 200000; i++) {
		fr_buf a = FR_BUF_INIT, b = FR_BUF_INIT;
		n = next_rand() % sizeof(s);
		for (j = 0; j < n; j++)
			s[j] = alphabet[next_rand() % (sizeof(alphabet) - 1)];
		old_escn(&a, s, n);
		fr_html_escn(&b, s, n);
		T_ASSERT(a.len == b.len && (!a.len || !memcmp(a.ptr, b.ptr, a.len)));
		fr_buf_free(&a);
		fr_buf_free(&b);
	}
	{
		fr_buf b = FR_BUF_INIT;
		const char *t = "<a href=\"x\">Tom's & Jerry\x01</a>";
		fr_html_escn(&b, t, strlen(t));
		T_STREQ(b.ptr, "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&lt;/a&gt;");
		fr_buf_free(&b);
	}
}

int main(void)
{
	T_RUN(test_format__fixed_edges);
	T_RUN(test_format__fixed_ties);
	T_RUN(test_format__fixed_random);
	T_RUN(test_format__number_and_percent);
	T_RUN(test_format__html_escape_as_before);
	return t_done();
}
