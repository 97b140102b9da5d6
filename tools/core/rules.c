/* rules.c - the table of rule ids (DOMAIN.md section 3) */
#include "rules.h"
#include "i18n.h"

#include <string.h>

#define E FR_SEV_ERROR
#define W FR_SEV_WARNING

const fr_rule_info fr_rules[] = {
	/* common to all kinds */
	{ "X-YAML", E, 0, NULL, N_("front-matter must be valid YAML") },
	{ "X-FRONTMATTER", E, 0, NULL, N_("a record starts with a closed '---' front-matter block") },
	{ "X-DUPKEY", E, 0, NULL, N_("a mapping must not repeat a key") },
	{ "X-KIND", E, 0, NULL, N_("'kind' is present and names a known schema") },
	{ "X-SCHEMA", E, 0, NULL, N_("the front-matter validates against the kind's schema") },
	{ "X-PERSON", E, 0, NULL, N_("every person named is in the roster") },
	{ "X-PLACEHOLDER", E, 0, NULL, N_("no placeholder text is left") },
	{ "X-SLOGAN", W, 0, "行动具体化,不要口号", N_("an action is an action, not a slogan") },
	{ "X-UNIQUE", E, 0, NULL, N_("one record per key") },
	{ "X-FILE", E, 0, NULL, N_("a team file is a regular file of at most 8 MiB, never a symbolic link") },
	/* weekly-meeting */
	{ "W-MONDAY", E, 0, "周一上班后30分钟", N_("'date' is the Monday of 'week'") },
	{ "W-START", E, 0, "周一上班后30分钟", N_("the meeting starts at most 30 minutes after work starts") },
	{ "W-LENGTH", E, 0, "会议时间不超过60分钟", N_("the meeting lasts at most 60 minutes") },
	{ "W-ROTATION", W, 0, "轮流主持", N_("the host follows the rotation") },
	{ "W-REPORT", E, 0, "与会人员本周述职要事数字化", N_("every attending sales rep reports once") },
	{ "W-THREE", E, 0, "本周三件要事", N_("exactly three key tasks this week") },
	{ "W-NUMERIC", E, 0, "要事具体化、数字化", N_("every task has a numeric target and a unit") },
	{ "W-THISWEEK", E, 0, "只讨论本周能做的事项", N_("a task's due date falls in the meeting's week") },
	{ "W-REASON", E, 0, "上周达成率正负超过30%的做简述", N_("a flagged deviation has a reason") },
	{ "W-CARRY", E, 0, "红黄牌产品销售达成率 上周要事达成率 偏差简述原因 本周要事数字化", N_("last week's tasks are the ones committed last week") },
	{ "W-DEPT", W, 0, "财务、物流、售后负责人 传达本部门本周要事 分配执行", N_("finance, logistics and after-sales pass on their tasks") },
	{ "W-ONTIME", W, 1, "周一12点前 例会文字邮件通告", N_("minutes committed by Monday 12:00") },
	{ "W-MIDWEEK", W, 1, "周四中午12点前 口头追踪", N_("the Thursday follow-up recorded by Thursday 12:00") },
	/* cards */
	{ "C-MAX3", E, 0, "不宜超过3种产品", N_("1 to 3 products") },
	{ "C-MONDAY", E, 0, "审核确认借助周一例会完成", N_("confirmed on the Monday of the week") },
	{ "C-PROFIT", E, 0, "红黄牌产品要让客户赚钱", N_("the partner's price is above ours") },
	{ "C-ASSIGN", E, 0, "分配到个人、专人跟踪", N_("every product has an assignee") },
	{ "C-TRACK", E, 0, "分配到个人、专人跟踪、每周例会汇报", N_("tracking dates ascend and sales never decrease") },
	/* monthly-plan */
	{ "M-ONE", E, 0, "只列出一条最重要的", N_("one highlight and one lowlight") },
	{ "M-REASON", E, 0, "目标偏差30%内,属于合理目标", N_("a flagged summary metric has a reason") },
	{ "M-MEASURE", E, 0, "策略措施行之有效", N_("every planned metric has a measure") },
	{ "M-GOLDEN", E, 0, "“黄金页”一定要思考两遍,只想办法和行动", N_("golden page actions have an owner and a due date in the month") },
	{ "M-BLANK", E, 0, "“一张白纸”角色清晰,行动具体化,不要口号", N_("blank sheet rows have role, person, action and due") },
	{ "M-CARRY", E, 0, "目标偏差30%内,属于合理目标", N_("the summary lists last month's planned metrics") },
	{ "M-MIDONLY", W, 0, "月中总结只谈偏差超过30%的原因", N_("mid-month items only for flagged deviations") },
	{ "M-ONTIME", W, 1, "最后1日 完成总结计划", N_("the plan is committed by the last day of the month before") },
	/* product-plan */
	{ "P-CLASS", E, 0, "产品定位不同执行不同的销售策略", N_("every product has a class and a strategy") },
	{ "P-SLOW", E, 0, "滞销产品销售时间", N_("slow products are sold by a date in the month") },
	/* xgettext:no-c-format */
	{ "P-REASON", E, 0, NULL, N_("a sales or profit deviation over 30% has a reason") },
	{ "P-CARDS", E, 0, "不宜超过3种产品", N_("at most 3 proposed cards") },
	{ "P-APPROVER", E, 0, "产品运营 计划表 经理确认", N_("confirmed by a manager, then reviewed by a director") },
	{ "P-ONTIME", W, 1, "每月1日", N_("drafted by the 1st, approved by the 2nd") },
	{ "G-APPROVAL", E, 1, NULL, N_("an approval is added only by the approver") },
	{ "G-OWNER", W, 1, NULL, N_("a record is changed only by its owner, a manager or a director") },
	/* partner-scorecard */
	{ "S-WEIGHTS", E, 0, NULL, N_("at least 2 factors whose weights sum to 100") },
	{ "S-RANGE", E, 0, NULL, N_("scores are 0 to 100") },
	{ "S-QUARTER", E, 0, NULL, N_("one class uses the same factors in a quarter") },
	{ "S-ROTATE", W, 0, "考核要素每季度更换一次", N_("a class's factors change every quarter") },
	{ "S-REVIEW", E, 0, "文字通告上级经理", N_("reviewed by a manager") },
	{ "S-NOTIFY", E, 0, "每月3日前 文字通告 同时 口头说明", N_("written and verbal notice by the 3rd") },
	/* channel-service */
	{ "H-TWICE", E, 0, "每月两期分类服务", N_("at least two classified services a month") },
	{ "H-KEY", E, 0, "每月一期重点客户服务", N_("at least one key-customer service a month") },
	{ "H-EFFECT", E, 0, "服务效果第一,过程第二", N_("every service states its effect") },
	{ "H-PRICE", E, 0, "每两个月必须有一次价格普查", N_("a price survey at least every two months") },
	{ "H-SATISFACTION", E, 0, "每半年一次渠道满意度调查", N_("a satisfaction survey at least every six months") },
	/* onboarding */
	{ "O-LATE", W, 0, "新客户快速增长管理流程", N_("a step done after its due day") },
	{ "O-OVERDUE", W, 0, "新客户快速增长管理流程", N_("a step not done and past due") },
	/* meeting */
	{ "Q-PURPOSE", E, 0, "确定会议主题和目的", N_("a purpose and a timed agenda") },
	{ "Q-TIMEBOX", W, 0, "会议时间不超过60分钟", N_("the meeting keeps to its agenda's time") },
	{ "Q-DECISION", E, 0, "记录决策结果,明确责任和时间表", N_("every decision has an owner, a due date and a status") },
	{ "Q-PRESENT", E, 0, NULL, N_("those present were invited") },
	{ "Q-DISTRIBUTE", W, 0, "将会议纪要发送给与会人员", N_("minutes distributed within one day") },
	/* process */
	{ "R-STEPS", E, 0, "流程就是一组共同给客户创造价值的相互关联的活动进程", N_("steps are unique, linked and reachable") },
	{ "R-REVIEW", E, 0, "评估和选择改进方案", N_("all eight principles are answered") },
	{ NULL, 0, 0, NULL, NULL }
};

const fr_rule_info *fr_rule_find(const char *id)
{
	const fr_rule_info *r;
	for (r = fr_rules; r->id; r++)
		if (!strcmp(r->id, id))
			return r;
	return NULL;
}
