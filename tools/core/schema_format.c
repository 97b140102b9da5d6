/* schema_format.c - date, time, date-time and email as JSON Schema's `format` asserts them */
#include "schema_format.h"

#include <arpa/inet.h>
#include <string.h>

fr_format fr_format_lookup(const char *name)
{
	if (!name)
		return FR_FORMAT_NONE;
	if (!strcmp(name, "date"))
		return FR_FORMAT_DATE;
	if (!strcmp(name, "time"))
		return FR_FORMAT_TIME;
	if (!strcmp(name, "date-time"))
		return FR_FORMAT_DATE_TIME;
	if (!strcmp(name, "email"))
		return FR_FORMAT_EMAIL;
	return FR_FORMAT_NONE;
}

/* n ASCII digits at s as a number, or -1 (a Bengali digit is not a digit here). */
static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int fr_format_date(const char *s, size_t n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, max;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1)
		return 0;
	max = mdays[m - 1] + (m == 2 && leap_year(y));
	return d <= max;
}

int fr_format_time(const char *s, size_t n)
{
	int h, mi, sec, oh = 0, om = 0, utc;
	size_t i = 8;

	if (n < 9 || s[2] != ':' || s[5] != ':')
		return 0;
	h = digits(s, 2);
	mi = digits(s + 3, 2);
	sec = digits(s + 6, 2);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
		return 0;
	if (s[i] == '.') {
		size_t f = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == f)
			return 0;
	}
	if (i >= n)
		return 0; /* a time offset is required */
	if (s[i] == 'Z' || s[i] == 'z') {
		if (i + 1 != n)
			return 0;
	} else if (s[i] == '+' || s[i] == '-') {
		if (n - i != 6 || s[i + 3] != ':')
			return 0;
		oh = digits(s + i + 1, 2);
		om = digits(s + i + 4, 2);
		if (oh < 0 || oh > 23 || om < 0 || om > 59)
			return 0;
		if (s[i] == '-') {
			oh = -oh;
			om = -om;
		}
	} else {
		return 0;
	}
	if (sec == 60) {
		/* a leap second happens at 23:59:60 UTC, whatever the local offset */
		utc = ((h * 60 + mi - (oh * 60 + om)) % 1440 + 1440) % 1440;
		if (utc != 23 * 60 + 59)
			return 0;
	}
	return 1;
}

int fr_format_date_time(const char *s, size_t n)
{
	if (n < 11 || (s[10] != 'T' && s[10] != 't'))
		return 0;
	return fr_format_date(s, 10) && fr_format_time(s + 11, n - 11);
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_atext(char c)
{
	return is_alpha(c) || is_digit(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] (RFC 5321 4.1.2),
 * each label at most 63 characters. */
static int email_domain(const char *s, size_t n)
{
	size_t i = 0;
	if (n == 0 || n > 255)
		return 0;
	while (i < n) {
		size_t start = i;
		while (i < n && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '-'))
			i++;
		if (i == start || i - start > 63 || s[start] == '-' || s[i - 1] == '-')
			return 0;
		if (i < n) {
			if (s[i] != '.' || i + 1 == n)
				return 0;
			i++;
		}
	}
	return 1;
}

/* IPv4-address-literal: four Snum (0..255, 1 to 3 digits) joined by dots. */
static int ipv4_literal(const char *s, size_t n)
{
	size_t i = 0;
	int part;
	for (part = 0; part < 4; part++) {
		size_t start = i;
		int v = 0;
		while (i < n && is_digit(s[i]) && i - start < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == start || v > 255)
			return 0;
		if (part < 3) {
			if (i >= n || s[i] != '.')
				return 0;
			i++;
		}
	}
	return i == n;
}

static int address_literal(const char *s, size_t n)
{
	char buf[64];
	unsigned char addr[16];

	if (n >= 5 && !memcmp(s, "IPv6:", 5)) {
		if (n - 5 >= sizeof(buf) || memchr(s + 5, '\0', n - 5))
			return 0;
		memcpy(buf, s + 5, n - 5);
		buf[n - 5] = '\0';
		return inet_pton(AF_INET6, buf, addr) == 1;
	}
	return ipv4_literal(s, n);
}

int fr_format_email(const char *s, size_t n)
{
	size_t i = 0, at;

	if (n == 0 || n > 254)
		return 0;
	if (s[0] == '"') {
		/* Quoted-string: qtextSMTP (32-33, 35-91, 93-126) or "\" 32-126 */
		for (i = 1; i < n && s[i] != '"'; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == '\\') {
				i++;
				if (i >= n || (unsigned char)s[i] < 32 || (unsigned char)s[i] > 126)
					return 0;
			} else if (c < 32 || c > 126) {
				return 0;
			}
		}
		if (i >= n)
			return 0;
		i++;
	} else {
		/* Dot-string: Atom *("." Atom) */
		for (;;) {
			size_t start = i;
			while (i < n && is_atext(s[i]))
				i++;
			if (i == start)
				return 0;
			if (i < n && s[i] == '.') {
				i++;
				continue;
			}
			break;
		}
	}
	if (i > 64 || i >= n || s[i] != '@')
		return 0;
	at = i + 1;
	if (at < n && s[at] == '[') {
		if (s[n - 1] != ']')
			return 0;
		return address_literal(s + at + 1, n - at - 2);
	}
	return email_domain(s + at, n - at);
}

int fr_format_check(fr_format fmt, const char *s, size_t n)
{
	switch (fmt) {
	case FR_FORMAT_DATE: return fr_format_date(s, n);
	case FR_FORMAT_TIME: return fr_format_time(s, n);
	case FR_FORMAT_DATE_TIME: return fr_format_date_time(s, n);
	case FR_FORMAT_EMAIL: return fr_format_email(s, n);
	case FR_FORMAT_NONE: break;
	}
	return 1;
}
