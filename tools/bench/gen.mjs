#!/usr/bin/env node
// gen.mjs - write N realistic, valid flowrec records into a team repository folder.
//
//   node tools/bench/gen.mjs N OUTDIR [--fm FMDIR] [--config FILE] [--seed S]
//
// OUTDIR gets flowrec.yaml (a copy of examples/flowrec.yaml unless --config) and records/**.md.
// With --fm, the front-matter of every record is also written as FMDIR/KIND/NNNNNN.yaml, so
// `flowrec validate` (which reads plain YAML, not Markdown) can be given the same documents.
// The last line on stdout is "today YYYY-MM-DD": a date after every record, to pass to --today.
//
// The records are modelled on examples/records/ (华东销售部, roster of examples/flowrec.yaml):
// every week one weekly meeting and one cards record; every month three monthly plans, one to
// three product plans, one scorecard per partner (eight partners, two classes), one channel
// service record; and now and then an onboarding, a meeting and a process. They form one
// continuous history from 2026-W01 on, so the cross-record rules hold: tasks and metrics are
// carried unchanged (W-CARRY, M-CARRY), hosts rotate (W-ROTATION), a class keeps its factors for
// a quarter and changes them the next (S-QUARTER, S-ROTATE), surveys come every two and every
// six months (H-PRICE, H-SATISFACTION). Every key is unique (X-UNIQUE). With one team of ten
// people and its fixed roster, 100,000 records span a few centuries (about 75 records a
// quarter): the calendar code handles any four-digit year, and what is measured is the work per
// record. Output is deterministic for a given N and seed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = { fm: null, config: path.join(here, '../../examples/flowrec.yaml'), seed: 1 };
const pos = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--fm') opt.fm = args[++i];
  else if (args[i] === '--config') opt.config = args[++i];
  else if (args[i] === '--seed') opt.seed = Number(args[++i]);
  else pos.push(args[i]);
}
if (pos.length !== 2 || !(Number(pos[0]) > 0)) {
  console.error('usage: node gen.mjs N OUTDIR [--fm FMDIR] [--config FILE] [--seed S]');
  process.exit(2);
}
const N = Math.floor(Number(pos[0]));
const OUT = pos[1];

// ---- deterministic randomness (mulberry32) ----
let seed = (opt.seed * 0x9e3779b9) >>> 0;
function rnd() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (a) => a[Math.floor(rnd() * a.length)];
const chance = (p) => rnd() < p;
const round1 = (x) => Math.round(x * 10) / 10;
function sample(a, k) {
  const c = a.slice();
  for (let i = c.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [c[i], c[j]] = [c[j], c[i]];
  }
  return c.slice(0, k);
}

// ---- calendar: day numbers since 1970-01-01 (UTC, no time zones involved) ----
const DAY = 86400000;
const dayOf = (y, m, d) => Math.round(Date.UTC(y, m - 1, d) / DAY);
function ymd(z) {
  const t = new Date(z * DAY);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}
const p2 = (n) => String(n).padStart(2, '0');
const p4 = (n) => String(n).padStart(4, '0');
function fmtDate(z) {
  const [y, m, d] = ymd(z);
  return `${p4(y)}-${p2(m)}-${p2(d)}`;
}
const weekday = (z) => ((((z % 7) + 7) % 7) + 3) % 7 + 1; // 1 = Monday; 1970-01-01 was a Thursday
function isoWeek(z) {
  const thu = z - weekday(z) + 4;
  const [y] = ymd(thu);
  return `${p4(y)}-W${p2(Math.floor((thu - dayOf(y, 1, 1)) / 7) + 1)}`;
}
const monthStr = (y, m) => `${p4(y)}-${p2(m)}`;
const daysIn = (y, m) => dayOf(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayOf(y, m, 1);
const cnDate = (z) => { const [, m, d] = ymd(z); return `${m}月${d}日`; };

// ---- the team (examples/flowrec.yaml) ----
const MANAGER = '王经理', DIRECTOR = '陈总', CHANNEL = '赵敏';
const FINANCE = '刘芳', LOGISTICS = '孙丽', AFTERSALES = '周杰', COMMERCE = '吴涛';
const SALES = ['李娜', '王强', '张伟'];            // also host_rotation, in this order
const ATTENDEES = [MANAGER, ...SALES, FINANCE, LOGISTICS, AFTERSALES];
const EVERYONE = [MANAGER, DIRECTOR, ...SALES, CHANNEL, FINANCE, LOGISTICS, AFTERSALES, COMMERCE];

// weekly key tasks per rep: [task, unit, lo, hi, better]
const TASKS = {
  李娜: [['拜访重点客户', '家', 3, 8], ['回款', '万元', 15, 40], ['红黄牌产品销售', '台', 20, 60]],
  王强: [['新客户开发', '家', 1, 5], ['销售额', '万元', 30, 60], ['渠道铺货', '台', 20, 60]],
  张伟: [['拜访客户', '家', 5, 12], ['回款', '万元', 10, 30], ['逾期应收', '万元', 10, 35, 'lower']],
};
// monthly metrics per rep: [name, unit, lo, hi, better]
const METRICS = {
  李娜: [['销售额', '万元', 90, 160], ['回款', '万元', 70, 130], ['新客户', '家', 2, 5]],
  王强: [['销售额', '万元', 110, 180], ['新客户', '家', 2, 6], ['渠道铺货', '台', 150, 260]],
  张伟: [['销售额', '万元', 80, 140], ['回款', '万元', 60, 110], ['逾期应收', '万元', 12, 30, 'lower']],
};
const MEASURES = {
  销售额: ['每周拜访重点客户5家', '红黄牌产品每周跟踪两次', '教育行业客户每月走访4家', '门店展示机每店2台'],
  回款: ['每周一核对应收账龄，逾期3天电话提醒', '月中与财务对账一次', '大额应收由经理陪同上门'],
  新客户: ['每月走访教育行业客户4家', '老客户转介绍每月2家', '参加一次行业展会并跟进名单'],
  渠道铺货: ['每周两次巡店补货', '新品首批铺货每店5台', '月底前完成陈列检查'],
  逾期应收: ['逾期超30天客户暂停发货', '每周五更新逾期清单', '逾期客户每周电话两次'],
};
const REASONS = ['两家客户付款延期至下周', '重点客户项目延期到下月', '春节前门店客流下降',
  '竞品降价抢单，客户暂缓采购', '一家大客户提前集中采购', '新品到货晚了一周', '财务审批流程变更，付款推迟',
  '团购订单超出预期', '区域市场活动带来额外订单', '供货紧张，部分订单未能发出'];
const PRODUCTS = [['X1-14', 'X1 14寸笔记本', 4299], ['X1-15', 'X1 15寸笔记本', 4599], ['T8', 'T8 10寸平板', 1899],
  ['S3', 'S3 蓝牙音箱', 199], ['R9', 'R9 路由器', 259], ['H2', 'H2 降噪耳机', 599], ['K7', 'K7 键鼠套装', 129],
  ['P5', 'P5 激光打印机', 1299], ['M4', 'M4 显示器', 999], ['C6', 'C6 摄像头', 299], ['D2', 'D2 扩展坞', 399]];
const STRATEGY = { star: ['教育行业集中采购主推', '新品上市重点推广', '门店体验区主推'],
  key: ['门店展示机每店2台', '大客户项目做单', '以旧换新活动拉动'],
  slow: ['红牌清仓，团购渠道优先', '搭配整机促销清库存', '合作伙伴限时特价'],
  profit: ['随整机销售，保持毛利', '配件套餐提升客单价', '稳定价格不参与促销'] };
const PARTNERS = [['华信科技', 'A'], ['金桥数码', 'A'], ['恒通商贸', 'A'], ['嘉禾电子', 'A'],
  ['顺达电脑', 'B'], ['联创办公', 'B'], ['瑞丰数码', 'B'], ['百川科技', 'B']];
// factor sets a class rotates through, one per quarter: [name, weight]
const FACTORS = {
  A: [[['销售达成', 50], ['库存周转', 25], ['门店陈列', 25]],
      [['销售增长', 40], ['回款及时', 30], ['价格管控', 30]],
      [['新品铺货', 40], ['客户满意度', 30], ['培训参与', 30]]],
  B: [[['销售增长', 60], ['回款及时', 40]],
      [['销售达成', 50], ['门店陈列', 50]],
      [['库存周转', 40], ['价格管控', 30], ['活动执行', 30]]],
};
const CITIES = ['苏州', '无锡', '常州', '南通', '杭州', '宁波', '嘉兴', '绍兴', '湖州', '合肥', '芜湖', '南京',
  '扬州', '镇江', '泰州', '盐城', '徐州', '温州', '金华', '台州'];
const WORDS = ['新科', '恒达', '华远', '中天', '宏图', '天成', '金鼎', '永兴', '瑞达', '博远', '鼎盛', '汇通',
  '联丰', '盛世', '佳和', '东方', '方圆', '凯旋', '明德', '安泰', '信诚', '同创', '启航', '星辰', '海纳',
  '正泰', '创新', '卓越', '锦程', '长青', '广源', '德信', '宏远', '华晨', '嘉信', '弘毅', '致远', '聚力'];
const SUFFIX = ['科技', '电脑', '数码', '办公', '商贸', '电子', '信息', '实业'];
const MEETING_TITLES = ['新品上市准备会', '年度渠道政策宣导会', '春节备货协调会', '返利政策讨论会', '重点客户攻关会',
  '库存清理协调会', '售后服务改进会', '价格体系评审会', '合作伙伴大会筹备会', '季度目标分解会'];
const MEETING_TOPICS = ['渠道铺货', '价格体系', '售后培训', '返利档位', '库存清理', '物流排期', '客户回访', '陈列标准'];
const PROCESS_BASES = [['红黄牌产品销售管理流程', 'business'], ['新客户快速增长流程', 'business'],
  ['周例会流程', 'management'], ['月度总结计划流程', 'management'], ['合作伙伴绩效评估流程', 'operations'],
  ['渠道分类服务流程', 'operations'], ['产品运营计划审批流程', 'management'], ['售后电话回访流程', 'operations']];
const REGIONS = ['华东', '苏南', '苏北', '浙北', '浙南', '皖南', '上海', '沪西'];

// ---- YAML writing: flow mappings as the examples write them ----
const NEEDS_QUOTE = /^$|^[\s\-?:,\[\]{}#&*!|>'"%@`~]|[:#,\[\]{}]|\s$|^(true|false|null|yes|no|on|off|~)$|^[-+.0-9]/i;
function s(v) {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{4}-(W\d{2}|\d{2})$/.test(v)) return v; // stays a string (core schema)
  return NEEDS_QUOTE.test(v) ? JSON.stringify(v) : v;
}
function flow(o) {
  if (Array.isArray(o)) return `[${o.map((x) => (typeof x === 'object' ? flow(x) : s(x))).join(', ')}]`;
  return `{${Object.entries(o).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? flow(v) : s(v)}`).join(', ')}}`;
}

// ---- output ----
const counts = {};
let written = 0, fmSeq = 0;
const madeDirs = new Set();
function emit(kind, rel, fm, body) {
  if (written >= N) return false;
  const file = path.join(OUT, 'records', rel);
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) { fs.mkdirSync(dir, { recursive: true }); madeDirs.add(dir); }
  if (fs.existsSync(file)) throw new Error(`generator bug: ${rel} written twice`);
  fs.writeFileSync(file, `---\n${fm}---\n\n${body}`);
  if (opt.fm) {
    const d = path.join(opt.fm, kind);
    if (!madeDirs.has(d)) { fs.mkdirSync(d, { recursive: true }); madeDirs.add(d); }
    fs.writeFileSync(path.join(d, `${String(++fmSeq).padStart(6, '0')}.yaml`), fm);
  }
  counts[kind] = (counts[kind] || 0) + 1;
  written++;
  return true;
}

const rateOf = (actual, target, lower) => { const r = actual / target; return lower ? Math.max(0, 2 - r) : r; };
const flagged = (r) => Math.abs(r - 1) > 0.3 - 1e-6; // a little stricter than flowrec's > 0.3: near misses get a reason too
const pct = (r) => `${(r * 100).toFixed(1)}%`;

// An actual for a target: mostly within ±25%, sometimes far off (then a reason is written).
function actualFor(target, unitIsCount) {
  const f = chance(0.12) ? pick([0.3, 0.45, 0.55, 1.45, 1.6]) + rnd() * 0.1 : 0.78 + rnd() * 0.42;
  const a = target * f;
  return unitIsCount ? Math.max(0, Math.round(a)) : round1(a);
}

// ---- weekly meetings and cards ----
let prevThisWeek = null; // person -> [{task, unit, target, better}]
function weekly(i, monday) {
  const week = isoWeek(monday);
  const [y] = ymd(monday + 3);
  const host = SALES[i % 3];
  const L = [];
  L.push('kind: weekly-meeting', `week: ${week}`, `date: ${fmtDate(monday)}`,
    `started: "09:${p2(int(0, 25))}"`, `minutes: ${int(30, 60)}`, `host: ${host}`,
    `attendees: ${flow(ATTENDEES)}`, 'reports:');
  const thisWeek = {}, rows = [];
  let teamSum = 0;
  for (const p of SALES) {
    L.push(`  - person: ${p}`);
    if (prevThisWeek) {
      L.push('    last_week:');
      let sum = 0; const off = [];
      for (const t of prevThisWeek[p]) {
        const actual = actualFor(t.target, t.unit !== '万元');
        const r = rateOf(actual, t.target, t.better === 'lower');
        sum += r;
        const item = { task: t.task, target: t.target, unit: t.unit, better: t.better, actual };
        if (flagged(r)) { item.reason = pick(REASONS); off.push(t.task); }
        L.push(`      - ${flow(item)}`);
      }
      rows.push(`| ${p} | ${pct(sum / 3)} | ${off.length ? off.join('、') : '无'} |`);
      teamSum += sum / 3;
    }
    L.push('    this_week:');
    thisWeek[p] = TASKS[p].map(([task, unit, lo, hi, better]) => ({ task, target: int(lo, hi), unit, better }));
    for (const t of thisWeek[p]) L.push(`      - ${flow(t)}`);
  }
  L.push('departments:');
  for (const [dept, head, tasks] of [['财务部', FINANCE, ['发出逾期应收提醒函', '完成上周回款核对', '更新客户信用额度']],
    ['物流部', LOGISTICS, ['完成苏州仓库盘点', '安排新品首批发运', '核对在途库存']],
    ['售后部', AFTERSALES, ['整理上周维修工单', '完成新品售后培训', '回访上周报修客户']]]) {
    L.push(`  - department: ${dept}`, `    head: ${head}`, '    tasks:');
    for (const t of sample(tasks, int(1, 2))) L.push(`      - ${flow({ task: t, owner: head, due: fmtDate(monday + int(1, 4)) })}`);
  }
  L.push('company:', `  - ${flow({ task: pick(['确定季度销售目标分解', '审核本月返利方案', '安排重点客户高层拜访', '确认新品上市时间表']), owner: MANAGER })}`);
  L.push('midweek:', `  date: ${fmtDate(monday + 3)}`, '  checks:');
  for (const p of SALES)
    for (const t of thisWeek[p].slice(0, 2))
      L.push(`    - ${flow({ person: p, task: t.task, progress: Math.round(t.target * (0.3 + rnd() * 0.4)) })}`);
  let body;
  if (rows.length) {
    body = '上周要事达成情况（达成率按目标项计算，偏差超过30%的已简述原因）：\n\n' +
      '| 销售代表 | 上周达成率 | 偏差超过30%的要事 |\n| --- | --- | --- |\n' + rows.join('\n') +
      `\n\n团队达成率 ${pct(teamSum / 3)}。\n\n纪要由主持人${host}整理，已邮件通告与会人员。\n`;
  } else {
    body = `第一次周例会，只有本周要事。纪要由主持人${host}整理，已邮件通告与会人员。\n`;
  }
  prevThisWeek = thisWeek;
  return emit('weekly-meeting', `weekly/${y}/${week}.md`, L.join('\n') + '\n', body);
}

function cards(monday) {
  const week = isoWeek(monday);
  const [y] = ymd(monday + 3);
  const L = ['kind: cards', `week: ${week}`, `confirmed: ${fmtDate(monday)}`, 'products:'];
  const lines = [];
  for (const [sku, name, price] of sample(PRODUCTS, int(1, 2))) {
    const card = chance(0.5) ? 'red' : 'yellow';
    const quantity = int(4, 16) * 10;
    const deadline = monday + (card === 'red' ? 6 : 13);
    L.push(`  - sku: ${s(sku)}`, `    name: ${s(name)}`, `    card: ${card}`, `    quantity: ${quantity}`,
      `    price: ${price}`, `    partner_price: ${Math.round(price * (1.1 + rnd() * 0.15))}`,
      `    assignees: ${flow(sample(SALES, int(1, 2)))}`, '    tracking:');
    let day = monday, sold = 0;
    const steps = card === 'red' ? 3 : 4;
    for (let k = 0; k <= steps; k++) {
      L.push(`      - ${flow({ date: fmtDate(day), sold })}`);
      day += int(2, 4);
      sold = k + 1 === steps ? quantity : Math.min(quantity, sold + Math.round(quantity * (0.2 + rnd() * 0.3)));
    }
    lines.push(`- [x] ${sku} ${name}（${card === 'red' ? '红牌' : '黄牌'}）${quantity}台，截止${cnDate(deadline)}，已售${quantity}台`);
  }
  return emit('cards', `cards/${y}/${week}.md`, L.join('\n') + '\n',
    '周一例会确认的红黄牌产品。红牌本周日前售完，黄牌下周日前售完；每款都让合作伙伴有差价可赚。\n\n' + lines.join('\n') + '\n');
}

// ---- monthly plans ----
const prevPlan = {}; // person -> [{name, unit, target, better}]
function monthly(y, m, p) {
  const first = dayOf(y, m, 1), nd = daysIn(y, m), month = monthStr(y, m);
  const L = ['kind: monthly-plan', `person: ${p}`, `month: ${month}`, 'summary:', '  metrics:'];
  const last = prevPlan[p] || METRICS[p].map(([name, unit, lo, hi, better]) => ({ name, unit, target: int(lo, hi), better }));
  const rows = [];
  let low = null;
  for (const mt of last) {
    const actual = actualFor(mt.target, mt.unit !== '万元');
    const r = rateOf(actual, mt.target, mt.better === 'lower');
    const item = { name: mt.name, unit: mt.unit, target: mt.target, better: mt.better, actual };
    if (flagged(r)) item.reason = pick(REASONS);
    if (!low || r < low[1]) low = [mt.name, r];
    L.push(`    - ${flow(item)}`);
    rows.push([mt.name, mt.unit, mt.target, actual]);
  }
  L.push(`  highlight: ${pick(['苏州新科首批提货50台，门店培训当天完成', '重点客户项目按期签约', '新品铺货提前一周完成', '回款全部在账期内到账', '两家新客户首单超过预期'])}`,
    `  lowlight: ${s(`${low[0]}只完成${Math.round(low[1] * 100)}%`)}`, 'plan:', '  metrics:');
  const plan = METRICS[p].map(([name, unit, lo, hi, better]) => ({ name, unit, target: int(lo, hi), better }));
  for (const mt of plan) L.push(`    - ${flow({ ...mt, measures: sample(MEASURES[mt.name], int(1, 2)) })}`);
  L.push('  golden_page:');
  for (const a of sample([`${m}月10日前与华信科技确认本月返利档位`, `${m}月20日前完成苏州新科第二批补货`,
    `${m}月15日前完成教育行业客户走访`, `${m}月25日前完成重点客户对账`], 2))
    L.push(`    - ${flow({ action: a, owner: p, due: fmtDate(first + int(5, nd - 3)) })}`);
  L.push('  blank_sheet:');
  L.push(`    - ${flow({ role: '销售代表', person: p, action: `${m}月15日前完成本月重点客户拜访`, due: fmtDate(first + 14) })}`);
  L.push(`    - ${flow({ role: '物流支持', person: LOGISTICS, action: '补货订单当天发运', due: fmtDate(first + 19) })}`);
  if (chance(0.5)) L.push(`    - ${flow({ role: '经理', person: MANAGER, action: `${m}月26日前陪同拜访一家重点客户`, due: fmtDate(first + 25) })}`);
  if (chance(0.3)) {
    // only a metric off by far more than 30% of its pro-rated target is discussed (M-MIDONLY)
    const mt = plan.find((x) => !x.better);
    const day = int(13, 16);
    L.push('mid_month:', `  date: ${fmtDate(first + day - 1)}`, '  items:',
      `    - ${flow({ metric: mt.name, actual_to_date: round1(mt.target * day / nd * 0.35), reason: pick(REASONS), action: '下周一起每天电话跟进' })}`);
  }
  prevPlan[p] = plan;
  const pm = `${y}-${p2(m)}`;
  const body = `${p}的上月总结与${m}月计划。上月指标逐项对照上月计划，偏差超过30%的写明原因；本月黄金页只写办法和行动。\n\n` +
    '| 指标 | 上月目标 | 上月实际 | 本月目标 |\n| --- | --- | --- | --- |\n' +
    rows.map(([n, u, t, a], k) => `| ${n}（${u}） | ${t} | ${a} | ${plan[k].target} |`).join('\n') + '\n';
  return emit('monthly-plan', `monthly/${pm}/${p}.md`, L.join('\n') + '\n', body);
}

// ---- product plans ----
function product(y, m, owner) {
  const first = dayOf(y, m, 1), nd = daysIn(y, m), month = monthStr(y, m);
  const L = ['kind: product-plan', `month: ${month}`, `owner: ${owner}`, 'products:'];
  const chosen = sample(PRODUCTS, 4);
  const classes = ['star', 'key', 'slow', 'profit'];
  for (let k = 0; k < chosen.length; k++) {
    const [sku, name, price] = chosen[k], cls = classes[k];
    const sales = cls === 'slow' ? int(1, 5) : int(3, 40);
    const profit = round1(sales * price / 10000 * (0.06 + rnd() * 0.06)) || 0.1;
    L.push(`  - sku: ${s(sku)}`, `    name: ${s(name)}`, `    class: ${cls}`, `    strategy: ${pick(STRATEGY[cls])}`);
    if (cls === 'slow') L.push(`    sell_by: ${fmtDate(first + int(14, nd - 1))}`);
    const fc = { sales, profit };
    const act = { sales: round1(sales * (0.8 + rnd() * 0.35)), profit: round1(profit * (0.8 + rnd() * 0.35)) };
    L.push(`    forecast: ${flow(fc)}`, `    actual: ${flow(act)}`);
    if (flagged(act.sales / fc.sales) || flagged(act.profit / fc.profit)) L.push(`    reason: ${pick(REASONS)}`);
  }
  L.push(`cards: ${flow(sample(PRODUCTS.map((x) => x[0]), 2))}`, 'approvals:',
    `  - ${flow({ step: 'confirm', by: MANAGER, date: fmtDate(first) })}`,
    `  - ${flow({ step: 'review', by: DIRECTOR, date: fmtDate(first + 1) })}`);
  return emit('product-plan', `product/${y}-${p2(m)}/${owner}.md`, L.join('\n') + '\n',
    `${owner} ${m}月产品运营计划：明星产品主推，重点产品做单，滞销产品限期售完，利润产品守住价格。\n\n${MANAGER}${m}月1日确认，${DIRECTOR}${m}月2日审核。\n`);
}

// ---- partner scorecards ----
function scorecard(y, m, q, partner, cls, k) {
  const last = dayOf(y, m, daysIn(y, m)), month = monthStr(y, m);
  const factors = FACTORS[cls][q % 3];
  const L = ['kind: partner-scorecard', `partner: ${partner}`, `class: ${cls}`, `month: ${month}`,
    `scorer: ${SALES[k % 3]}`, 'factors:'];
  let total = 0;
  for (const [name, weight] of factors) {
    const score = int(45, 98);
    total += weight * score;
    L.push(`  - ${flow({ name, weight, score })}`);
  }
  L.push(`reviewed: ${flow({ by: MANAGER, date: fmtDate(last) })}`,
    `notified: ${flow({ date: fmtDate(last + int(1, 3)), written: true, verbal: true })}`);
  const score = total / 100;
  const grade = score >= 90 ? '优秀' : score >= 75 ? '良好' : score >= 60 ? '合格' : '待改进';
  return emit('partner-scorecard', `partners/${y}-${p2(m)}/${partner}.md`, L.join('\n') + '\n',
    `${partner} ${y}年${m}月绩效：综合得分 ${score.toFixed(2)}（${grade}）。下月针对最低一项制定改进办法。\n`);
}

// ---- channel services ----
function channel(y, m, mi) {
  const first = dayOf(y, m, 1), month = monthStr(y, m);
  const L = ['kind: channel-service', `month: ${month}`, `specialist: ${CHANNEL}`, 'services:'];
  const types = ['classified', 'key-customer', 'classified'];
  if (chance(0.5)) types.push('classified');
  const rows = [];
  let day = first + int(2, 6);
  for (const type of types) {
    const customers = sample(PARTNERS.map((x) => x[0]), type === 'key-customer' ? 1 : 2);
    const content = pick(type === 'key-customer' ? ['高层拜访，沟通季度目标', '年度合作协议续签', '重点项目联合攻关']
      : ['春节备货与陈列巡店', '新客户分类定级', '陈列方案更新', '价格巡查与补货']);
    const effect = pick(['补货15台，两家门店价格统一', '确认返利档位，追加订单20台', '定为B类客户，每月两次补货巡店',
      '两家门店完成陈列，更换新物料', '门店价格恢复到指导价']);
    L.push(`  - type: ${type}`, `    date: ${fmtDate(day)}`, `    customers: ${flow(customers)}`,
      `    content: ${s(content)}`, `    effect: ${s(effect)}`);
    rows.push(`| ${cnDate(day)} | ${type === 'key-customer' ? '重点客户' : '分类服务'} | ${customers.join('、')} | ${effect} |`);
    day += int(4, 7);
  }
  if (mi % 2 === 0) L.push(`price_survey: ${flow({ date: fmtDate(first + int(15, 22)), summary: 'X1-15 渠道价4299-4399元，无低价串货' })}`);
  if (mi % 6 === 0) L.push(`satisfaction_survey: ${flow({ date: fmtDate(first + int(20, 26)), score: round1(3.6 + rnd() * 1.3), responses: int(15, 40) })}`);
  return emit('channel-service', `channel/${y}-${p2(m)}/${CHANNEL}.md`, L.join('\n') + '\n',
    `${CHANNEL}${m}月渠道服务。服务效果第一，过程第二。\n\n| 日期 | 类型 | 客户 | 效果 |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`);
}

// ---- onboarding ----
let customerSeq = 0;
function customerName() {
  const n = customerSeq++;
  const w = WORDS.length, c = CITIES.length, x = SUFFIX.length;
  const base = `${CITIES[n % c]}${WORDS[Math.floor(n / c) % w]}${SUFFIX[Math.floor(n / (c * w)) % x]}`;
  const round = Math.floor(n / (c * w * x));
  return round ? `${base}第${round + 1}分公司` : base;
}
function onboarding(y, m) {
  const d0 = dayOf(y, m, int(3, 24));
  const customer = customerName();
  const owner = pick(SALES);
  const steps = { informed: d0 - int(1, 3), training: d0, promo_delivery: d0, channel_review: d0 + int(2, 5),
    aftersales_call: d0 + int(14, 20), manager_visit: d0 + int(21, 26) };
  const L = ['kind: onboarding', `customer: ${customer}`, `owner: ${owner}`, `first_pickup: ${fmtDate(d0)}`, 'steps:'];
  for (const [k, v] of Object.entries(steps)) L.push(`  ${k}: ${fmtDate(v)}`);
  return emit('onboarding', `onboarding/${y}/${customer}.md`, L.join('\n') + '\n',
    `${customer}${cnDate(d0)}首次提货${int(2, 10) * 10}台，六步全部按期完成。\n\n- [x] 文字告知财务、物流、商务、售后\n- [x] 提货当日产品培训\n- [x] 宣传物料随货配送\n- [x] 渠道专员分类服务\n- [x] 售后电话沟通\n- [x] 经理拜访\n`);
}

// ---- meetings ----
function meeting(y, m, k) {
  const date = dayOf(y, m, int(2, 27));
  const title = MEETING_TITLES[(k + m) % MEETING_TITLES.length];
  const invited = [MANAGER, ...sample([...SALES, CHANNEL, LOGISTICS, AFTERSALES, FINANCE], int(3, 5))];
  const present = invited.filter((p, j) => j === 0 || chance(0.85));
  const agenda = sample(MEETING_TOPICS, int(2, 4)).map((topic) => ({ topic, minutes: int(2, 4) * 5, presenter: pick(invited) }));
  const limit = agenda.reduce((a, b) => a + b.minutes, 0);
  const L = ['kind: meeting', `title: ${title}`, `date: ${fmtDate(date)}`,
    `purpose: ${pick(['确定新品上市的渠道、价格和培训安排', '明确下季度返利政策', '协调备货与物流排期', '解决重点客户的售后问题'])}`,
    `host: ${MANAGER}`, `invited: ${flow(invited)}`, `present: ${flow(present)}`, 'agenda:'];
  for (const a of agenda) L.push(`  - ${flow(a)}`);
  L.push(`minutes: ${limit - int(0, 2) * 5}`, 'decisions:');
  const dl = [];
  for (let j = 0, n = int(1, 3); j < n; j++) {
    const dec = pick(['X1首批铺货50台', '渠道指导价定为4299元', '10日前完成售后培训', '逾期超60天的客户暂停返利',
      '重点客户每月回访一次', '库存超90天的产品限期清理']) + (j ? `（${j + 1}）` : '');
    const status = pick(['done', 'done', 'open', 'dropped']);
    const owner = pick(invited);
    L.push(`  - ${flow({ decision: dec, owner, due: fmtDate(date + int(3, 14)), status })}`);
    dl.push(`- [${status === 'done' ? 'x' : ' '}] ${dec}（${owner}）`);
  }
  L.push('next:', `  date: ${fmtDate(date + 7)}`, `  topics: ${flow(sample(MEETING_TOPICS, 1))}`,
    `distributed: ${fmtDate(date + int(0, 1))}`);
  return emit('meeting', `meetings/${y}/${fmtDate(date)}-${title}.md`, L.join('\n') + '\n',
    `会议纪要已在会后一天内发送。\n\n决策跟进：\n\n${dl.join('\n')}\n`);
}

// ---- processes ----
let processSeq = 0;
function processRec() {
  const n = processSeq++;
  const [base, category] = PROCESS_BASES[n % PROCESS_BASES.length];
  const region = REGIONS[Math.floor(n / PROCESS_BASES.length) % REGIONS.length];
  const version = Math.floor(n / (PROCESS_BASES.length * REGIONS.length)) + 1;
  const name = `${region}${base}（第${version}版）`;
  const L = ['kind: process', `name: ${name}`, `category: ${category}`, `owner: ${MANAGER}`, 'customer: 销售团队',
    'input: 上周三件要事及其实际数字', 'output: 本周每人三件数字化要事和部门要事', 'steps:'];
  const acts = [['轮流主持，周一上班后30分钟内开会', '主持人', '周一'], ['汇报上周要事达成率', '销售代表', '周一'],
    ['提出本周三件数字化要事', '销售代表', '周一'], ['传达本部门本周要事并分配执行', '部门负责人', '周一'],
    ['邮件通告例会纪要', '主持人', '周一12点前'], ['口头追踪要事执行，判断进度是否正常', '主持人', '周四12点前'],
    ['调整行动并告知主持人', '销售代表', '周四'], ['汇总实际数字带入下周例会', '主持人', '下周一']];
  for (let k = 0; k < acts.length; k++) {
    const st = { id: `s${k + 1}`, activity: acts[k][0], role: acts[k][1], when: acts[k][2] };
    if (k === 5) { st.yes = 's8'; st.no = 's7'; } else if (k < acts.length - 1) st.next = [`s${k + 2}`];
    L.push(`  - ${flow(st)}`);
  }
  L.push('review:');
  for (const k of ['goal_impact', 'value_adding', 'info_flow', 'min_approvals', 'easy_interfaces', 'min_waiting', 'min_people', 'full_activities'])
    L.push(`  ${k}: ${chance(0.8)}`);
  return emit('process', `processes/${name}.md`, L.join('\n') + '\n',
    `会议时间不超过60分钟。主持人对会议准时召开和周四追踪负责，对与会人的达成不负责。\n`);
}

// ---- the timeline ----
fs.mkdirSync(path.join(OUT, 'records'), { recursive: true });
fs.copyFileSync(opt.config, path.join(OUT, 'flowrec.yaml'));
let y = 2026, m = 1, mi = 0, wi = 0;
let monday = dayOf(2025, 12, 29); // 2026-W01
let lastDay = monday;
while (written < N) {
  const first = dayOf(y, m, 1), next = first + daysIn(y, m);
  const q = Math.floor((y * 12 + m - 1) / 3);
  // the weeks whose Thursday (hence ISO year and week) falls in this month
  while (monday + 3 < next && written < N) {
    weekly(wi++, monday);
    cards(monday);
    monday += 7;
  }
  for (const p of SALES) monthly(y, m, p);
  for (const owner of sample(SALES, int(1, 3))) product(y, m, owner);
  PARTNERS.forEach(([partner, cls], k) => scorecard(y, m, q, partner, cls, k));
  channel(y, m, mi);
  if (chance(0.7)) onboarding(y, m);
  for (let k = 0, n = int(1, 2); k < n; k++) meeting(y, m, mi * 2 + k);
  if (chance(0.35)) processRec();
  lastDay = next + 60;
  if (++m > 12) { m = 1; y++; }
  mi++;
}
const summary = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`${written} records (${summary}), ${mi} months from 2026-01`);
console.log(`today ${fmtDate(lastDay)}`);
