/* init.c - `flowrec init [DIR] [--team NAME] [--locale zh-CN|en] [--timezone ZONE]`: a new team
 * repository
 *
 * Writes a commented flowrec.yaml (valid as written: a sample roster the team edits), records/,
 * a .gitignore with site/, the editors' JSON Schemas in .flowrec/schemas/, makes it a git
 * repository when it is not in one yet, installs the pre-commit hook (by running this flowrec's
 * `hook install`) and prints what to do next. It never touches an existing flowrec.yaml.
 */
#include "cmd.h"
#include "buf.h"
#include "i18n.h"
#include "schemas.h"
#include "util.h"
#include "yamltext.h"

#include <git2.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char config_zh[] =
	"# flowrec.yaml - 团队配置（由 flowrec init 生成）。改完后运行 flowrec check 检查。\n"
	"team: @TEAM@\n"
	"locale: zh-CN            # zh-CN 或 en：模板、HTML 和提示信息的语言\n"
	"timezone: @TZ@  # 所有截止时间按此时区计算\n"
	"work_start: \"09:00\"      # 周例会须在上班后30分钟内开始\n"
	"deviation_threshold: 0.30  # 达成率偏差超过30%须说明原因\n"
	"# 人员名单：换成你们团队的人。email 与 git 提交作者的邮箱对应（谁写、谁批准由此判断）。\n"
	"# role：manager 经理 | director 总监 | sales 销售代表 | channel 渠道专员 |\n"
	"#       finance 财务 | logistics 物流 | aftersales 售后 | commerce 商务\n"
	"people:\n"
	"  - {name: 王经理, role: manager,    email: wang@example.com}\n"
	"  - {name: 陈总,   role: director,   email: chen@example.com}\n"
	"  - {name: 李娜,   role: sales,      email: lina@example.com}\n"
	"  - {name: 王强,   role: sales,      email: wangqiang@example.com}\n"
	"  - {name: 赵敏,   role: channel,    email: zhaomin@example.com}\n"
	"  - {name: 刘芳,   role: finance,    email: liufang@example.com}\n"
	"  - {name: 孙丽,   role: logistics,  email: sunli@example.com}\n"
	"  - {name: 周杰,   role: aftersales, email: zhoujie@example.com}\n"
	"host_rotation: [李娜, 王强]   # 周例会主持人轮值顺序（名单里的人）\n"
	"slogans: [努力, 争取, 加强, 尽量, 提高认识, 全力以赴]   # 含这些词的行动是口号，不是行动\n"
	"placeholders: [待填写, 待定, TODO, TBD]                  # 模板里待填写的文字，提交前须填完\n"
	"# rules: {W-ROTATION: error}   # 规则级别覆盖：error | warning | off\n";

static const char config_en[] =
	"# flowrec.yaml - the team's config (written by flowrec init). Run flowrec check after editing.\n"
	"team: @TEAM@\n"
	"locale: en               # zh-CN or en: the language of templates, the site and messages\n"
	"timezone: @TZ@  # every deadline is a local time in this zone\n"
	"work_start: \"09:00\"      # the Monday meeting starts within 30 minutes of this\n"
	"deviation_threshold: 0.30  # a deviation over 30% needs a reason\n"
	"# The roster: replace with your team. `email` ties a person to git authorship (who wrote\n"
	"# and who approved a record).\n"
	"# role: manager | director | sales | channel | finance | logistics | aftersales | commerce\n"
	"people:\n"
	"  - {name: Wang, role: manager,    email: wang@example.com}\n"
	"  - {name: Chen, role: director,   email: chen@example.com}\n"
	"  - {name: Lina, role: sales,      email: lina@example.com}\n"
	"  - {name: Qiang, role: sales,     email: qiang@example.com}\n"
	"  - {name: Min, role: channel,     email: min@example.com}\n"
	"  - {name: Fang, role: finance,    email: fang@example.com}\n"
	"  - {name: Li, role: logistics,    email: li@example.com}\n"
	"  - {name: Jie, role: aftersales,  email: jie@example.com}\n"
	"host_rotation: [Lina, Qiang]   # who hosts the Monday meeting, in turn (roster names)\n"
	"slogans: [try hard, do our best, strive]   # words that make an action a slogan\n"
	"placeholders: [FILL-IN, TODO, TBD]          # template text that must be replaced before a commit\n"
	"# rules: {W-ROTATION: error}   # severity overrides: error | warning | off\n";

/* text with @TEAM@ and @TZ@ replaced */
static void fill(fr_buf *out, const char *text, const char *team, const char *tz)
{
	const char *s = text, *at;
	while ((at = strchr(s, '@'))) {
		fr_buf_add(out, s, (size_t)(at - s));
		if (!strncmp(at, "@TEAM@", 6)) {
			fr_yaml_scalar(out, team);
			s = at + 6;
		} else if (!strncmp(at, "@TZ@", 4)) {
			fr_yaml_scalar(out, tz);
			s = at + 4;
		} else {
			fr_buf_addc(out, '@');
			s = at + 1;
		}
	}
	fr_buf_adds(out, s);
}

/* Create path with text, failing if it exists (O_EXCL). 0, 1 if it exists, 2 otherwise. */
static int create_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			return FR_EXIT_FOUND;
		fr_die_msg(_("cannot write '%s': %s"), path, strerror(errno));
		return FR_EXIT_FAIL;
	}
	if (write(fd, text, len) != (ssize_t)len || close(fd)) {
		fr_die_msg(_("cannot write '%s': %s"), path, strerror(errno));
		unlink(path);
		return FR_EXIT_FAIL;
	}
	return 0;
}

/* Add "site/" to DIR/.gitignore unless a line already ignores it. */
static int ignore_site(const char *dir)
{
	char *path = fr_xmalloc(strlen(dir) + sizeof("/.gitignore")), *text = NULL;
	size_t len = 0;
	int rc = 0;
	FILE *f;
	sprintf(path, "%s/.gitignore", dir);
	if (fr_read_file(path, 1 << 20, &text, &len) == 0) {
		const char *s;
		int found = 0;
		for (s = text; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
			if (!strncmp(s, "site/\n", 6) || !strncmp(s, "/site/\n", 7) ||
			    !strcmp(s, "site/") || !strcmp(s, "/site/"))
				found = 1;
		if (!found && (!(f = fopen(path, "a")) ||
			       fprintf(f, "%ssite/\n", len && text[len - 1] != '\n' ? "\n" : "") < 0 ||
			       fclose(f))) {
			fr_die_msg(_("cannot write '%s': %s"), path, strerror(errno));
			rc = FR_EXIT_FAIL;
		}
	} else if (create_file(path, "site/\n", 6) == FR_EXIT_FAIL) {
		rc = FR_EXIT_FAIL;
	}
	free(text);
	free(path);
	return rc;
}

/* Run this flowrec's `hook install` in dir; returns its exit status. */
static int install_hook(const char *dir)
{
	pid_t pid;
	int st;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (chdir(dir))
			_exit(2);
		execl("/proc/self/exe", "flowrec", "hook", "install", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return FR_EXIT_FAIL;
	return WEXITSTATUS(st);
}

int cmd_init(int argc, char **argv)
{
	const char *team = NULL, *locale = "zh-CN", *tz = "Asia/Shanghai", *dir = ".";
	const struct fr_opt opts[] = {
		FR_OPT_STR_("team", N_("NAME"), N_("the team's name (default: the folder's name)"), &team),
		FR_OPT_STR_("locale", "zh-CN|en", N_("the team's language (default zh-CN)"), &locale),
		FR_OPT_STR_("timezone", N_("ZONE"), N_("the team's time zone (default Asia/Shanghai)"), &tz),
		FR_OPT_END_
	};
	fr_buf cfg = FR_BUF_INIT;
	fr_schemas *schemas = NULL;
	fr_diags d = FR_DIAGS_INIT;
	git_repository *repo = NULL;
	char *path = NULL, *real = NULL, *base = NULL;
	int rc, made_repo = 0;

	rc = fr_parse_options("init", N_("[DIR] [--team NAME] [--locale zh-CN|en] [--timezone ZONE]"), opts,
			      &argc, argv);
	if (rc)
		return rc > 0 ? 0 : FR_EXIT_FAIL;
	if (argc > 1)
		return fr_usage_error("init", _("init makes one team repository: name one folder"));
	if (argc == 1)
		dir = argv[0];
	if (strcmp(locale, "zh-CN") && strcmp(locale, "en"))
		return fr_usage_error("init", _("--locale is zh-CN or en, not '%s'"), locale);
	if (!*tz || strstr(tz, "..") || tz[0] == '/')
		return fr_usage_error("init", _("--timezone wants a zone like Asia/Shanghai, not '%s'"), tz);
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fr_die_msg(_("cannot create '%s': %s"), dir, strerror(errno));
		return FR_EXIT_FAIL;
	}
	path = fr_xmalloc(strlen(dir) + 64);
	sprintf(path, "%s/flowrec.yaml", dir);
	if (access(path, F_OK) == 0) {
		fr_die_msg(_("'%s' already exists: this is a team repository already (flowrec init never changes it)"), path);
		free(path);
		return FR_EXIT_FOUND;
	}
	real = realpath(dir, NULL);
	if (!team) {
		base = real ? strrchr(real, '/') : NULL;
		team = base && base[1] ? base + 1 : "team";
	}
	rc = FR_EXIT_FAIL;
	git_libgit2_init();
	/* a git repository first, so that the hook has somewhere to go */
	if (git_repository_open_ext(&repo, dir, 0, NULL)) {
		if (git_repository_init(&repo, dir, 0)) {
			fr_die_msg(_("cannot make '%s' a git repository: %s"), dir,
				   git_error_last() ? git_error_last()->message : "");
			goto done;
		}
		made_repo = 1;
	}
	sprintf(path, "%s/records", dir);
	if (mkdir(path, 0777) && errno != EEXIST) {
		fr_die_msg(_("cannot create '%s': %s"), path, strerror(errno));
		goto done;
	}
	sprintf(path, "%s/records/.gitkeep", dir);
	if (create_file(path, "", 0) == FR_EXIT_FAIL || ignore_site(dir))
		goto done;
	if (fr_schemas_load(&schemas, NULL, &d)) {
		fr_die_msg(_("the built-in schemas cannot be compiled"));
		goto done;
	}
	sprintf(path, "%s/.flowrec/schemas", dir);
	if (fr_schema_write_dir(schemas, path))
		goto done;
	fill(&cfg, strcmp(locale, "en") ? config_zh : config_en, team, tz);
	sprintf(path, "%s/flowrec.yaml", dir);
	if ((rc = create_file(path, cfg.ptr, cfg.len))) {
		if (rc == FR_EXIT_FOUND)
			fr_die_msg(_("'%s' already exists: this is a team repository already (flowrec init never changes it)"), path);
		goto done;
	}
	if (install_hook(dir)) {
		rc = FR_EXIT_FAIL;
		goto done;
	}
	printf(made_repo ? _("a new team repository in '%s' (a new git repository)\n")
			 : _("a new team repository in '%s'\n"), real ? real : dir);
	printf("%s", _("next:\n"
		       "  1. edit flowrec.yaml: your team's people (names, roles, git emails) and the host rotation\n"
		       "  2. flowrec new weekly-meeting          this week's minutes, pre-filled\n"
		       "  3. fill in every placeholder, then git add and git commit: the pre-commit hook checks it\n"
		       "  4. flowrec report, flowrec due, flowrec render    figures, what is late, the HTML site\n"
		       "  see 'flowrec help' and 'flowrec COMMAND --help'\n"));
	rc = 0;
done:
	git_repository_free(repo);
	git_libgit2_shutdown();
	fr_schemas_free(schemas);
	fr_diags_free(&d);
	fr_buf_free(&cfg);
	free(real);
	free(path);
	return rc;
}
