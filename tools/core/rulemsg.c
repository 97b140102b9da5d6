/* rulemsg.c - one sentence per rule and failing keyword (rulemsg.h) */
#include "rulemsg.h"
#include "i18n.h"

#include <string.h>

#define MIN_ITEMS N_("expected at least %zu items, found %zu")
#define MAX_ITEMS N_("expected at most %zu items, found %zu")
#define MINIMUM N_("%s is less than the minimum %s")
#define MAXIMUM N_("%s is greater than the maximum %s")
#define XMINIMUM N_("%s must be greater than %s")
#define REQ1 N_("missing required property %s")
#define REQN N_("missing required properties %s")
#define SHORT N_("%s is too short: expected at least %zu characters, found %zu")
#define ENUM N_("%s is not one of the allowed values: %s")
#define TYPE N_("expected %s, found %s")
#define DATE N_("%s is not a valid date (YYYY-MM-DD)")

static const struct {
	const char *rule, *generic, *text;
} msgs[] = {
	{ "W-THREE", MAX_ITEMS, N_("exactly %zu key tasks a week: here there are %zu, keep the three that matter most") },
	{ "W-THREE", MIN_ITEMS, N_("exactly %zu key tasks a week: here there are only %zu") },
	{ "W-THREE", REQ1, N_("%s is missing: every report lists this week's three key tasks") },
	{ "W-LENGTH", MAXIMUM, N_("the meeting ran %s minutes, at most %s are allowed") },
	{ "W-NUMERIC", REQ1, N_("%s is missing: every task has a numeric target and a unit") },
	{ "W-NUMERIC", REQN, N_("%s are missing: every task has a numeric target and a unit") },
	{ "W-NUMERIC", TYPE, N_("a task's target is a number and its unit a text: expected %s, found %s") },
	{ "W-NUMERIC", XMINIMUM, N_("the target %s must be greater than %s") },
	{ "W-NUMERIC", SHORT, N_("%s is too short (at least %zu characters, found %zu): give the task's unit, such as 家, 万元 or 台") },
	{ "C-MAX3", MIN_ITEMS, N_("red and yellow cards name at least %zu product: here there are %zu") },
	{ "C-MAX3", MAX_ITEMS, N_("at most %zu red and yellow card products: here there are %zu") },
	{ "C-ASSIGN", REQ1, N_("%s is missing: every card product is assigned to a person who tracks it") },
	{ "C-ASSIGN", MIN_ITEMS, N_("at least %zu assignee per card product: here there are %zu") },
	{ "H-EFFECT", REQ1, N_("%s is missing: say what the service achieved") },
	{ "H-EFFECT", SHORT, N_("%s is too short (at least %zu characters, found %zu): say what the service achieved") },
	{ "Q-PURPOSE", REQ1, N_("%s is missing: a meeting has a purpose and an agenda, each item with its minutes") },
	{ "Q-PURPOSE", REQN, N_("%s are missing: a meeting has a purpose and an agenda, each item with its minutes") },
	{ "Q-PURPOSE", SHORT, N_("%s is too short (at least %zu characters, found %zu): say what the meeting is for") },
	{ "Q-PURPOSE", MIN_ITEMS, N_("the agenda lists at least %zu item: here there are %zu") },
	{ "Q-DECISION", REQ1, N_("%s is missing: every decision has an owner, a due date and a status") },
	{ "Q-DECISION", REQN, N_("%s are missing: every decision has an owner, a due date and a status") },
	{ "Q-DECISION", SHORT, N_("%s is too short (at least %zu characters, found %zu): name the decision's owner") },
	{ "Q-DECISION", DATE, N_("%s is not a date: a decision's due date is written YYYY-MM-DD") },
	{ "Q-DECISION", ENUM, N_("%s is not a decision status: use one of %s") },
	{ "M-ONE", REQ1, N_("%s is missing: the summary names one highlight and one lowlight") },
	{ "M-ONE", REQN, N_("%s are missing: the summary names one highlight and one lowlight") },
	{ "M-ONE", TYPE, N_("the highlight and the lowlight are one text each: expected %s, found %s") },
	{ "M-ONE", SHORT, N_("%s is too short (at least %zu characters, found %zu): write the one most important point") },
	{ "M-GOLDEN", REQ1, N_("%s is missing: the golden page lists actions, each with an owner and a due date") },
	{ "M-GOLDEN", REQN, N_("%s are missing: the golden page lists actions, each with an owner and a due date") },
	{ "M-GOLDEN", MIN_ITEMS, N_("the golden page lists at least %zu action: here there are %zu") },
	{ "M-GOLDEN", SHORT, N_("%s is too short (at least %zu characters, found %zu): a golden-page action says what is done and who does it") },
	{ "M-GOLDEN", DATE, N_("%s is not a date: a golden-page action's due date is written YYYY-MM-DD") },
	{ "M-BLANK", REQ1, N_("%s is missing: the blank sheet has rows of role, person, action and due date") },
	{ "M-BLANK", REQN, N_("%s are missing: the blank sheet has rows of role, person, action and due date") },
	{ "M-BLANK", MIN_ITEMS, N_("the blank sheet has at least %zu row: here there are %zu") },
	{ "M-BLANK", SHORT, N_("%s is too short (at least %zu characters, found %zu): a blank-sheet row names role, person and action") },
	{ "M-BLANK", DATE, N_("%s is not a date: a blank-sheet row's due date is written YYYY-MM-DD") },
	{ "M-MEASURE", REQ1, N_("%s is missing: every planned metric has the measures that reach it") },
	{ "M-MEASURE", MIN_ITEMS, N_("a planned metric has at least %zu measure: here there are %zu") },
	{ "S-WEIGHTS", MIN_ITEMS, N_("a scorecard weighs at least %zu factors: here there are %zu") },
	{ "S-WEIGHTS", XMINIMUM, N_("a factor's weight %s must be greater than %s") },
	{ "S-WEIGHTS", MAXIMUM, N_("a factor's weight %s is over the maximum %s") },
	{ "S-RANGE", MINIMUM, N_("the score %s is below %s: scores run from 0 to 100") },
	{ "S-RANGE", MAXIMUM, N_("the score %s is above %s: scores run from 0 to 100") },
	{ "R-REVIEW", REQ1, N_("%s is missing: a process is reviewed against the eight principles, each true or false") },
	{ "R-REVIEW", REQN, N_("%s are missing: a process is reviewed against the eight principles, each true or false") },
	{ "R-REVIEW", TYPE, N_("each of the eight principles is answered true or false: expected %s, found %s") },
	{ "P-CARDS", MAX_ITEMS, N_("a product plan proposes at most %zu cards: here there are %zu") },
	{ "P-CLASS", REQ1, N_("%s is missing: every product has a class and a strategy for it") },
	{ "P-CLASS", REQN, N_("%s are missing: every product has a class and a strategy for it") },
	{ "P-CLASS", ENUM, N_("%s is not a product class: use one of %s") },
	{ "P-CLASS", SHORT, N_("%s is too short (at least %zu characters, found %zu): say the product's strategy") },
};

const char *fr_rule_schema_fmt(const char *rule, const char *fmt)
{
	size_t i;
	if (!rule || !fmt)
		return fmt;
	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (!strcmp(msgs[i].rule, rule) && !strcmp(_(msgs[i].generic), fmt))
			return _(msgs[i].text);
	return fmt;
}

const char *fr_rule_schema_entry(size_t i, const char **generic, const char **text)
{
	if (i >= sizeof(msgs) / sizeof(msgs[0]))
		return NULL;
	*generic = msgs[i].generic;
	*text = msgs[i].text;
	return msgs[i].rule;
}
