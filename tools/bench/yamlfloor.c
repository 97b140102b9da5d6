/* yamlfloor.c - the single-core floor of `flowrec check`: read every record under DIR/records,
 * find its front-matter (the lines between the first two `---`), and parse it with libyaml's
 * event parser, building nothing. `make bench` times it beside check (BENCH.md).
 *
 *   yamlfloor DIR      prints "N files, E YAML errors"; exit 1 when a file cannot be read
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static size_t files, errors;

static int parse(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf, *s, *e, *end;
	size_t n = 0;
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	if (fd < 0 || fstat(fd, &st))
		return -1;
	buf = malloc((size_t)st.st_size + 1);
	while (buf && n < (size_t)st.st_size) {
		ssize_t got = read(fd, buf + n, (size_t)st.st_size - n);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (!buf)
		return -1;
	buf[n] = '\0';
	files++;
	end = buf + n;
	s = strstr(buf, "---\n");
	s = s ? s + 4 : end;
	e = strstr(s, "\n---");
	e = e ? e + 1 : end;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, (size_t)(e - s));
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			errors++;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(buf);
	return 0;
}

static int walk(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char path[4096];
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR)
			rc |= walk(path);
		else if (l > 3 && !strcmp(de->d_name + l - 3, ".md"))
			rc |= parse(path);
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	char root[4096];
	int rc;
	if (argc != 2) {
		fprintf(stderr, "usage: yamlfloor DIR\n");
		return 2;
	}
	snprintf(root, sizeof(root), "%s/records", argv[1]);
	rc = walk(root);
	printf("%zu files, %zu YAML errors\n", files, errors);
	return rc ? 1 : 0;
}
