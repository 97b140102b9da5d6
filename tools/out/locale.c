/* locale.c - the labels of the HTML site in English and Chinese */
#include "locale.h"
#include "i18n.h"
#include "util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* key: what the code asks for; en: shown to an English team (NULL: the key itself);
 * zh: shown to a zh-CN team (NULL: the English). */
static const struct label {
	const char *key, *en, *zh;
} labels[] = {
	/* due items (dueitems.h) */
	{ "review of scorecard %s %s", NULL, "%s %s 绩效评分待经理审核" },
	{ "written and verbal notice to %s for %s", NULL, "向%s书面及口头通告%s绩效" },
	/* report (text, Markdown and CSV tables) */
	{ "rates are of the week the tasks were for, reported at the next week's meeting", NULL,
	  "周达成率按要事所在的周统计，在下一周的周例会上汇报" },
	{ "rates are of the month summarised, planned in the month before", NULL,
	  "月达成率按被总结的月份统计，其计划在上个月制定" },
	{ "Team", NULL, "团队" },
	{ "Kind", NULL, "类型" },
	{ "Today", NULL, "今天" },
	{ "all", NULL, "全部" },
	{ "Report", NULL, "报告" },
	{ "Achievement by week", NULL, "周达成率" },
	{ "Achievement by month", NULL, "月达成率" },
	{ "Unit", NULL, "单位" },
	{ "Where", NULL, "位置" },
	{ "Partners", NULL, "合作伙伴绩效" },
	{ "Product plans", NULL, "产品运营计划" },
	{ "Owner", NULL, "负责人" },
	{ "Channel services", NULL, "渠道服务" },
	{ "Specialist", NULL, "渠道专员" },
	{ "Classified", NULL, "分类服务" },
	{ "Key customer", NULL, "重点客户服务" },
	{ "Onboarding", NULL, "新客户启动" },
	{ "Customer", NULL, "客户" },
	{ "First pickup", NULL, "首次提货" },
	{ "Done", NULL, "已完成" },
	{ "Late", NULL, "延期" },
	{ "Meetings", NULL, "会议" },
	{ "Date", NULL, "日期" },
	{ "Title", NULL, "主题" },
	{ "Rates by person", NULL, "个人达成率" },
	{ "none", NULL, "无" },
	{ "done", NULL, "已售罄" },
	{ "late", NULL, "延期售罄" },
	{ "open", NULL, "进行中" },
	{ "profit", NULL, "利润" },
	{ "weekly tasks", NULL, "周要事" },
	{ "monthly metrics", NULL, "月度指标" },
	{ "product plan", NULL, "产品计划" },
	{ "nothing to report", NULL, "无数据" },
	{ "threshold", NULL, "阈值" },
	{ "records", NULL, "记录" },
	/* the weekly minutes (minutes.c), on the site and in the mail */
	{ "Meeting of %s", NULL, "会议日期 %s" },
	{ "Host", NULL, "主持人" },
	{ "Attendees", NULL, "与会人" },
	{ ": ", NULL, "：" },
	{ "deviations over %s are flagged \xe2\x9a\x91", NULL, "偏差超过 %s 的要事标 \xe2\x9a\x91 并说明原因" },
	{ "Sales reps", NULL, "销售代表要事" },
	{ "Last week's tasks", NULL, "上周要事" },
	{ "This week's tasks", NULL, "本周三件要事" },
	{ "Actual / target", NULL, "实际 / 目标" },
	{ "Reason: %s", NULL, "原因：%s" },
	{ "Departments", NULL, "部门要事" },
	{ "Company tasks", NULL, "公司要事" },
	{ "Thursday follow-up", NULL, "周四中午跟进" },
	{ "Followed up on %s.", NULL, "%s 跟进。" },
	{ "Not followed up yet.", NULL, "尚未跟进。" },
	{ "Progress / target", NULL, "进度 / 目标" },
	{ "Progress", NULL, "完成度" },
	{ "\xe2\x86\x90 %s", "\xe2\x86\x90 previous week %s", "\xe2\x86\x90 上一周 %s" },
	{ "%s \xe2\x86\x92", "next week %s \xe2\x86\x92", "下一周 %s \xe2\x86\x92" },
	{ "Other fields", NULL, "其他字段" },
	{ "Weekly minutes %s", NULL, "周例会纪要 %s" },
	{ "Monthly plan %s", NULL, "月度总结计划 %s" },
	/* the views made for a kind (tools/site/view-*.c) */
	{ "%d days left", NULL, "还剩 %d 天" },
	{ "due today", NULL, "今天截止" },
	{ "%d days overdue", NULL, "已逾期 %d 天" },
	{ "Price", NULL, "价格" },
	{ "(ours \xe2\x86\x92 the partner's resale)", NULL, "（供货价 \xe2\x86\x92 客户售价）" },
	{ "Sold to date", NULL, "累计售出" },
	{ "No sales tracked yet.", NULL, "还没有销售跟踪记录。" },
	{ "No products.", NULL, "没有产品。" },
	{ "Confirmed at the meeting of %s", NULL, "%s 周一例会确认" },
	{ "red: sold out by this Sunday; yellow: by next Sunday", NULL, "红牌本周日前售完，黄牌下周日前售完" },
	{ "Metric", NULL, "指标" },
	{ "\xe2\x86\x90 month %s", "\xe2\x86\x90 previous month %s", "\xe2\x86\x90 上个月 %s" },
	{ "month %s \xe2\x86\x92", "next month %s \xe2\x86\x92", "下个月 %s \xe2\x86\x92" },
	{ "On time?", NULL, "是否按时提交" },
	{ "not due yet", NULL, "未到截止时间" },
	{ "not committed in time", NULL, "逾期未提交" },
	{ "no commit to date it", NULL, "没有可判断的提交记录" },
	{ "no actual yet", NULL, "未汇报" },
	{ "no measure", NULL, "缺少策略措施" },
	{ "Month planned", NULL, "计划月份" },
	{ "Summary of %s", NULL, "%s 总结" },
	{ "Plan for %s", NULL, "%s 计划" },
	{ "No summary: nothing was planned for that month.", NULL, "没有总结：上个月没有计划。" },
	{ "Highlight", NULL, "亮点" },
	{ "Lowlight", NULL, "暗点" },
	{ "Metrics and measures", NULL, "指标与策略措施" },
	{ "Golden page: methods and actions", NULL, "黄金页：办法和行动" },
	{ "Blank sheet: who does what", NULL, "一张白纸：角色分工与行动" },
	{ "Mid-month review", NULL, "月中调整" },
	{ "No mid-month review yet.", NULL, "还没有月中调整。" },
	{ "Reviewed on %s; only deviations over the threshold are discussed.", NULL,
	  "%s 月中总结，只谈偏差超过阈值的原因。" },
	{ "To date / target", NULL, "截至当日 / 月目标" },
	{ "Pro-rated target", NULL, "按天折算目标" },
	{ "ten thousand yuan", "\xc2\xa5" "10k", "万元" },
	{ "Profit", NULL, "利润" },
	{ "Sales", NULL, "销售额" },
	{ "Forecast", NULL, "预测" },
	{ "Strategy", NULL, "销售策略" },
	{ "Sell by", NULL, "限期售完" },
	{ "Remarks", NULL, "备注" },
	{ "Rates are the sum of actuals over the sum of forecasts; amounts in %s.", NULL,
	  "达成率 = 实际合计 ÷ 预测合计；金额单位：%s。" },
	{ "Not classified", NULL, "未分类" },
	{ "Proposed red and yellow cards", NULL, "红黄牌产品提案" },
	{ "Promotions", NULL, "促销活动" },
	{ "Starts", NULL, "开始" },
	{ "Ends", NULL, "结束" },
	{ "Budget", NULL, "预算" },
	{ "Approvals", NULL, "审批" },
	{ "Confirmed by the manager", NULL, "经理确认" },
	{ "Reviewed by the director", NULL, "上级审核" },
	{ "not yet", NULL, "尚未完成" },
	{ "Scorer", NULL, "评分人" },
	{ "Score (of 100)", NULL, "综合得分（满分100）" },
	{ "Score = sum of weight \xc3\x97 score / 100; excellent from 90, good from 75, pass from 60.", NULL,
	  "综合得分 = Σ 权重 × 得分 ÷ 100；90分以上优秀，75分以上良好，60分以上合格。" },
	{ "Factors", NULL, "考核要素" },
	{ "Factor", NULL, "考核要素" },
	{ "Weight", NULL, "权重" },
	{ "Points", NULL, "加权得分" },
	{ "Total", NULL, "合计" },
	{ "Review and notice", NULL, "审核与通告" },
	{ "Reviewed by the manager", NULL, "经理审核" },
	{ "Partner notified", NULL, "通告合作伙伴" },
	{ "in writing", NULL, "文字通告" },
	{ "verbally", NULL, "口头说明" },
	{ "not yet (by the 3rd of next month, in writing and verbally)", NULL, "尚未通告（次月3日前文字通告并口头说明）" },
	{ "Classified services (two a month at least)", NULL, "分类服务（每月至少两期）" },
	{ "Key-customer services (one a month at least)", NULL, "重点客户服务（每月至少一期）" },
	{ "Services", NULL, "服务记录" },
	{ "Effect first, process second.", NULL, "服务效果第一，过程第二。" },
	{ "No services this month.", NULL, "本月没有服务记录。" },
	{ "Customers", NULL, "客户" },
	{ "Content", NULL, "服务内容" },
	{ "Effect", NULL, "服务效果" },
	{ "Surveys", NULL, "调查" },
	{ "Price survey", NULL, "价格调查" },
	{ "Satisfaction survey", NULL, "满意度调查" },
	{ ", %g responses", NULL, "，有效问卷 %g 份" },
	{ "none this month (one at least every two months)", NULL, "本月没有（至少每两个月一次）" },
	{ "none this month (one at least every six months)", NULL, "本月没有（至少每六个月一次）" },
	{ "First pickup (D)", NULL, "首次提货日（D）" },
	{ "all done", NULL, "全部完成" },
	{ "Next step, due %s", NULL, "下一步，%s 截止" },
	{ "Timeline", NULL, "时间线" },
	{ "step done", "done in time", "按期完成" },
	{ "step late", "done late", "延期完成" },
	{ "step overdue", "overdue", "逾期未完成" },
	{ "step open", "to do", "待完成" },
	{ "done on %s", NULL, "%s 完成" },
	{ ", %d day(s) late", NULL, "，晚了 %d 天" },
	{ "Purpose", NULL, "会议目的" },
	{ "Present", NULL, "出席" },
	{ "Absent", NULL, "缺席" },
	{ "Minutes sent", NULL, "纪要发送" },
	{ "Minutes used / planned", NULL, "实际用时 / 议程时限（分钟）" },
	{ "Agenda", NULL, "议程" },
	{ "Topic", NULL, "议题" },
	{ "Minutes", NULL, "时限" },
	{ "min", NULL, "分钟" },
	{ "Presenter", NULL, "报告人" },
	{ "Decisions", NULL, "决策" },
	{ "No decisions.", NULL, "没有决策。" },
	{ "Next meeting", NULL, "下次会议" },
	{ "none planned", NULL, "未安排" },
	/* enum values of the records, by key (view.c) */
	{ "better higher", "higher is better", "越高越好" },
	{ "better lower", "lower is better", "越低越好" },
	{ "class profit", "profit product", "利润产品" },
	{ "class key", "key product", "重点产品" },
	{ "class slow", "slow product", "滞销产品" },
	{ "class star", "star product", "明星产品" },
	{ "status open", "open", "未完成" },
	{ "status done", "done", "已完成" },
	{ "status dropped", "dropped", "已取消" },
	{ "type classified", "classified service", "分类服务" },
	{ "type key-customer", "key-customer service", "重点客户服务" },
	{ "step confirm", "confirmed", "确认" },
	{ "step review", "approved", "审批" },
	/* frame and sections */
	{ "Dashboard", NULL, "看板" },
	{ "People", NULL, "人员" },
	{ "Processes", NULL, "流程" },
	{ "Records", NULL, "记录" },
	{ "Record", NULL, "记录" },
	{ "As of %s", NULL, "截至 %s" },
	{ "as of %s", NULL, "数据截至 %s" },
	{ "Data", NULL, "记录内容" },
	{ "Figures", NULL, "指标" },
	{ "Notes", NULL, "正文" },
	{ "Due and late", NULL, "待办与逾期" },
	{ "On-time rates", NULL, "按时率" },
	{ "Late items", NULL, "逾期事项" },
	{ "Team rate, week %s", NULL, "团队达成率（%s）" },
	{ "Team rate, month %s", NULL, "团队月达成率（%s）" },
	{ "Rate, week %s", NULL, "周达成率（%s）" },
	{ "Rate, month %s", NULL, "月达成率（%s）" },
	{ "Team achievement rate by week", NULL, "团队周达成率趋势" },
	{ "Team achievement rate by month", NULL, "团队月达成率趋势" },
	{ "The mean of the people's rates; the shaded band is the reasonable deviation, the dashed line the target.",
	  NULL, "各人达成率的平均值；阴影为合理偏差范围，虚线为目标（100%）。" },
	{ "Rates are of the month summarised, in the next month's plan.", NULL,
	  "月达成率按被总结的月份统计，在下一个月的总结计划中汇报。" },
	{ "Rates are of the week the tasks were for, reported at the next Monday's meeting.", NULL,
	  "周达成率按要事所在的周统计，在下一周的周一例会上汇报。" },
	{ "This week by person: %s", NULL, "本周个人达成率（%s）" },
	{ "Achievement rate by person, %s", NULL, "个人达成率（%s）" },
	{ "Shaded: within %s of target; red below, orange above.", NULL,
	  "阴影：目标偏差 %s 以内（合理）；红色低于、橙色高于合理范围。" },
	{ "no actuals reported", NULL, "未汇报实际" },
	{ "Flagged deviations and their reasons", NULL, "偏差超过阈值的要事及原因" },
	{ "Flagged deviations", NULL, "偏差超过阈值的事项" },
	{ "Flagged deviations and their reasons: %s", NULL, "偏差超过阈值的指标及原因（%s）" },
	{ "No deviation over the threshold.", NULL, "没有偏差超过阈值的事项。" },
	{ "no reason given", NULL, "未说明原因" },
	{ "No weekly meeting has reported actuals yet.", NULL, "还没有周例会汇报实际完成情况。" },
	{ "No monthly summary yet.", NULL, "还没有月度总结。" },
	{ "Red and yellow cards", NULL, "红黄牌产品" },
	{ "Sell-through, cards of %s", NULL, "售罄率（%s 红黄牌）" },
	{ "The latest week's cards, and earlier ones not sold out yet.", NULL,
	  "最近一周的红黄牌产品，以及此前尚未售完的产品。" },
	{ "No red or yellow cards yet.", NULL, "还没有红黄牌产品。" },
	{ "Partners by score", NULL, "合作伙伴绩效排名" },
	{ "No partner scorecards yet.", NULL, "还没有合作伙伴绩效评分。" },
	{ "Nothing is due or late.", NULL, "没有待办或逾期事项。" },
	{ "No people in flowrec.yaml.", NULL, "flowrec.yaml 中没有人员。" },
	{ "No processes yet.", NULL, "还没有流程。" },
	{ "(has errors)", NULL, "（有错误）" },
	{ "Not readable as a record", NULL, "无法读取的记录" },
	{ "The figures could not be computed.", NULL, "无法计算指标。" },
	{ "not in the roster", NULL, "不在人员名单中" },
	{ "Weekly achievement rate", NULL, "周达成率" },
	{ "Monthly achievement rate", NULL, "月达成率" },
	{ "Weekly achievement rate of %s", NULL, "%s 的周达成率" },
	{ "Monthly achievement rate of %s", NULL, "%s 的月达成率" },
	{ "Solid: this person; dashed: the team. Rates are of the week the tasks were for.", NULL,
	  "实线：本人；虚线：团队。周达成率按要事所在的周统计。" },
	{ "Solid: this person; dashed: the team. Rates are of the month summarised.", NULL,
	  "实线：本人；虚线：团队。月达成率按被总结的月份统计。" },
	{ "No weekly rates.", NULL, "没有周达成率。" },
	{ "No monthly rates.", NULL, "没有月达成率。" },
	{ "Open tasks", NULL, "进行中的任务" },
	{ "No open tasks.", NULL, "没有进行中的任务。" },
	{ "Open decisions", NULL, "未完成的会议决策" },
	{ "No open decisions.", NULL, "没有未完成的会议决策。" },
	{ "No records.", NULL, "没有记录。" },
	{ "weekly meeting %s", NULL, "周例会 %s" },
	{ "monthly plan %s", NULL, "月度总结计划 %s" },
	{ "weekly minutes %s", NULL, "周例会纪要 %s" },
	{ "Thursday follow-up %s", NULL, "周四中午跟进 %s" },
	{ "product plan %s drafted", NULL, "产品运营计划 %s 初稿" },
	{ "product plan %s approved", NULL, "产品运营计划 %s 审批" },
	{ "%s (not committed)", NULL, "%s（未提交）" },
	{ "missing", NULL, "缺失" },
	{ "overdue", NULL, "逾期" },
	{ "done late", NULL, "延期完成" },
	{ "On time", NULL, "按时" },
	{ "Judged", NULL, "应交" },
	{ "On-time rate", NULL, "按时率" },
	{ "On-time rates need the git history of the records; none was found.", NULL,
	  "按时率需要记录的 git 提交历史，但没有找到。" },
	{ "Nothing has been judged yet.", NULL, "还没有到期的事项。" },
	{ "clock: server receive time (refs/notes/flowrec-received)", NULL,
	  "时间依据：服务器收到提交的时间（refs/notes/flowrec-received）" },
	{ "clock: commit dates (can be backdated)", NULL, "时间依据：提交记录上的日期（可被改早）" },
	{ "clock: server receive time (refs/notes/flowrec-received); commit dates (can be backdated) for commits without a note", NULL,
	  "时间依据：服务器收到提交的时间（refs/notes/flowrec-received）；没有收到记录的提交按提交日期（可被改早）" },
	{ "Of the minutes and plans due so far, how many were first committed by their deadline.", NULL,
	  "截至目前应交的纪要和计划中，在截止时间前首次提交的比例。" },
	{ "This record has errors: run flowrec check to see them. Its figures may be wrong.", NULL,
	  "此记录有错误（运行 flowrec check 查看），指标可能不准确。" },
	{ "The front-matter could not be read.", NULL, "无法读取记录的 front-matter。" },
	{ "The notes could not be rendered.", NULL, "无法显示正文。" },
	{ "Swimlane diagram of this process", NULL, "查看此流程的泳道图" },
	{ "Swimlane", NULL, "泳道图" },
	{ "Swimlane diagram of %s", NULL, "%s 泳道图" },
	{ "One lane per role; time runs left to right. Grey: next; green: yes; red, dashed: no.", NULL,
	  "每个角色一条泳道，时间从左到右。灰色：下一步；绿色：是；红色虚线：否。" },
	{ "No steps.", NULL, "没有活动。" },
	{ "Review: the eight principles", NULL, "评估和选择改进方案的八项原则" },
	{ "Not reviewed yet.", NULL, "尚未评估。" },
	{ "(end)", NULL, "（结束）" },
	{ "yes: %s", NULL, "是：%s" },
	{ "no: %s", NULL, "否：%s" },
	{ "yes", NULL, "是" },
	{ "no", NULL, "否" },
	{ ", ", NULL, "、" },
	{ "team", NULL, "团队" },
	{ "due", NULL, "待办" },
	/* table headings */
	{ "Period", NULL, "期间" },
	{ "Person", NULL, "人员" },
	{ "Item", NULL, "事项" },
	{ "Target", NULL, "目标" },
	{ "Actual", NULL, "实际" },
	{ "Rate", NULL, "达成率" },
	{ "Deviation", NULL, "偏差" },
	{ "Reason", NULL, "原因" },
	{ "Status", NULL, "状态" },
	{ "What", NULL, "事项" },
	{ "Who", NULL, "负责人" },
	{ "Due", NULL, "截止" },
	{ "Week", NULL, "周次" },
	{ "Month", NULL, "月份" },
	{ "Card", NULL, "牌" },
	{ "Product", NULL, "产品" },
	{ "Quantity", NULL, "数量" },
	{ "Sold", NULL, "已售" },
	{ "Sell-through", NULL, "售罄率" },
	{ "Deadline", NULL, "截止日期" },
	{ "Assignees", NULL, "负责人" },
	{ "Rank", NULL, "排名" },
	{ "Partner", NULL, "合作伙伴" },
	{ "Class", NULL, "类别" },
	{ "Score", NULL, "得分" },
	{ "Grade", NULL, "等级" },
	{ "Task", NULL, "任务" },
	{ "From", NULL, "来源" },
	{ "Decision", NULL, "决策" },
	{ "Meeting", NULL, "会议" },
	{ "Step", NULL, "步骤" },
	{ "Activity", NULL, "活动" },
	{ "Role", NULL, "角色" },
	{ "When", NULL, "时间" },
	{ "Next", NULL, "下一步" },
	/* figure names (DOMAIN.md section 5) */
	{ "Team rate", NULL, "团队达成率" },
	{ "Sales rate", NULL, "销售达成率" },
	{ "Profit rate", NULL, "利润达成率" },
	{ "Action completion", NULL, "决策完成率" },
	{ "Review score", NULL, "评估得分" },
	{ "Flagged", NULL, "偏差超过阈值" },
	{ "Unreported", NULL, "未汇报" },
	{ "Products", NULL, "产品" },
	{ "Overdue", NULL, "逾期" },
	{ "Next step", NULL, "下一步" },
	{ "Steps done", NULL, "已完成步骤" },
	{ "Steps late or overdue", NULL, "延期或逾期步骤" },
	{ "Classified services", NULL, "分类服务" },
	{ "Key-customer services", NULL, "重点客户服务" },
	{ "Summarises", NULL, "总结月份" },
	{ "By class", NULL, "按产品分类" },
	{ "SKU", NULL, "型号" },
	{ "Name", NULL, "名称" },
	{ "profit products", NULL, "利润产品" },
	{ "key products", NULL, "重点产品" },
	{ "slow products", NULL, "滞销产品" },
	{ "star products", NULL, "明星产品" },
	/* values */
	{ "red", "red card", "红牌" },
	{ "yellow", "yellow card", "黄牌" },
	{ "card done", "sold out", "按期售完" },
	{ "card late", "sold out late", "逾期售完" },
	{ "card overdue", "overdue", "逾期未售完" },
	{ "card open", "selling", "销售中" },
	{ "excellent", NULL, "优秀" },
	{ "good", NULL, "良好" },
	{ "pass", NULL, "合格" },
	{ "improve", NULL, "待改进" },
	{ "manager", NULL, "经理" },
	{ "director", NULL, "总监" },
	{ "sales", "sales rep", "销售代表" },
	{ "channel", "channel specialist", "渠道专员" },
	{ "finance", NULL, "财务" },
	{ "logistics", NULL, "物流" },
	{ "aftersales", "after-sales", "售后" },
	{ "commerce", NULL, "商务" },
	{ "category business", "business process", "经营流程" },
	{ "category operations", "operations process", "业务流程" },
	{ "category management", "management process", "管理流程" },
	{ "informed", "departments informed", "书面告知各部门" },
	{ "training", "product training", "产品培训" },
	{ "promo_delivery", "promotion material shipped", "促销物料随货" },
	{ "channel_review", "channel review", "渠道复核" },
	{ "aftersales_call", "after-sales call", "售后回访" },
	{ "manager_visit", "manager visit", "经理拜访" },
};

static const struct {
	const char *kind, *en, *zh;
} kinds[] = {
	{ "weekly-meeting", "Weekly meeting", "周例会纪要" },
	{ "cards", "Red and yellow cards", "红黄牌产品" },
	{ "monthly-plan", "Monthly plan", "月度总结计划" },
	{ "product-plan", "Product plan", "产品运营计划" },
	{ "partner-scorecard", "Partner scorecard", "合作伙伴绩效" },
	{ "channel-service", "Channel services", "渠道分类管理服务" },
	{ "onboarding", "New-customer onboarding", "新客户快速增长" },
	{ "meeting", "Meeting", "高效会议" },
	{ "process", "Process", "流程" },
};

static int is_zh(const char *locale)
{
	return locale && !strncmp(locale, "zh", 2);
}

const char *fr_site_lang(const char *locale)
{
	return is_zh(locale) ? "zh-CN" : "en";
}

/* The labels' indexes sorted by key, then by index (the first of a key wins): a page asks for
 * dozens of labels, and a scan of the table for each was a tenth of render's time. */
static size_t label_order[FR_ARRAY_LEN(labels)];
static pthread_once_t label_once = PTHREAD_ONCE_INIT;

static int cmp_label(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int k = strcmp(labels[a].key, labels[b].key);
	return k ? k : (a > b) - (a < b);
}

static void sort_labels(void)
{
	size_t i;
	for (i = 0; i < FR_ARRAY_LEN(labels); i++)
		label_order[i] = i;
	qsort(label_order, FR_ARRAY_LEN(labels), sizeof(*label_order), cmp_label);
}

const char *fr_label(const char *locale, const char *key)
{
	size_t lo = 0, hi = FR_ARRAY_LEN(labels);
	if (!key)
		return "";
	pthread_once(&label_once, sort_labels);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(labels[label_order[mid]].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < FR_ARRAY_LEN(labels) && !strcmp(labels[label_order[lo]].key, key)) {
		const struct label *l = &labels[label_order[lo]];
		if (is_zh(locale))
			return l->zh ? l->zh : _(l->key);
		return l->en ? l->en : l->key;
	}
	/* an English document stays English whatever language the messages speak */
	return is_zh(locale) ? _(key) : key;
}

const char *fr_site_label(const char *locale, const char *key)
{
	return fr_label(locale, key);
}

const char *fr_site_kind_title(const char *locale, const char *kind)
{
	size_t i;
	for (i = 0; kind && i < FR_ARRAY_LEN(kinds); i++)
		if (!strcmp(kinds[i].kind, kind))
			return is_zh(locale) ? kinds[i].zh : kinds[i].en;
	return kind ? kind : "";
}
