import { addDays, dateInZone, previousQuarter, quarterOf, quarterRange } from '../../shared/dates.js';
import { logActivity } from '../modules/activities/service.js';
import type { ServiceContext } from '../modules/context.js';
import { listPairingItems } from '../modules/pairings/store.js';
import { fileReport } from '../modules/reports/service.js';
import { deadlineOf, dueWeek, reportingRules } from '../modules/report-weeks/weeks.js';

const TEXTS = [
  { summary: '入村走访脱贫户 6 户，召开村两委座谈会', progress: '完成苹果园春季修剪技术培训报名', results: '32 名劳动力报名参加技能培训' },
  { summary: '对接县电商中心，组织农产品直播带货', progress: '花牛苹果线上订单发货 120 箱', results: '带动 18 户增收约 2.4 万元' },
  { summary: '走访留守儿童家庭，发放学习用品', progress: '爱心助学结对 12 名学生', results: '学习用品 60 套全部送达' },
  { summary: '协调企业吸纳脱贫劳动力就业', progress: '签订用工意向 8 人', results: '5 人已上岗，月均收入 3200 元' },
];

/**
 * Demo reports and visits for a tenant (Qingshui), relative to `ctx.now`: the last six due weeks
 * mostly on time, some late, a few missing — the first organization missed the last two weeks
 * (warned), the second the last one (flagged), the third one week in the middle; none is blocked.
 * A third of the organizations already reported the week being collected. Visits this quarter and
 * last for about half the pairings, so both quarters have visited and flagged (光说不练) pairings.
 */
export async function loadDemoReports(ctx: ServiceContext): Promise<void> {
  const rules = await reportingRules(ctx);
  const pairings = (await listPairingItems(ctx.store, { status: 'active', limit: 100 })).items.reverse(); // oldest first
  const orgs = [...new Map(pairings.map((p) => [p.organizationId, p.organizationName])).keys()];
  const due = dueWeek(ctx, rules);
  const weeks = Array.from({ length: 6 }, (_, i) => addDays(due, -7 * i)); // newest first
  const skipped = (orgIndex: number, weekIndex: number) =>
    (orgIndex === 0 && weekIndex <= 1) || (orgIndex === 1 && weekIndex === 0) || (orgIndex === 2 && weekIndex === 3);
  for (const [oi, organizationId] of orgs.entries()) {
    for (const [wi, weekStart] of [...weeks.entries()].reverse()) {
      if (skipped(oi, wi)) continue;
      const deadline = Date.parse(deadlineOf(rules, weekStart));
      const late = (oi + wi) % 5 === 0;
      const at = late ? Math.min(deadline + 26 * 3_600_000, ctx.now.getTime() - 60_000) : deadline - 20 * 3_600_000 - oi * 600_000;
      await fileReport({ ...ctx, now: new Date(at) }, { organizationId, weekStart, ...TEXTS[(oi + wi) % TEXTS.length], status: 'submitted' });
    }
    if (oi % 3 === 2) {
      await fileReport(
        { ...ctx, now: new Date(ctx.now.getTime() - 60_000) },
        { organizationId, weekStart: addDays(due, 7), ...TEXTS[oi % TEXTS.length], status: 'submitted' },
      );
    }
  }
  // rule 4: about half the pairings visited this quarter and last; the rest are flagged
  const today = dateInZone(ctx.now, rules.timeZone);
  const thisQuarter = quarterOf(today);
  const lastQuarter = previousQuarter(thisQuarter);
  for (const [i, p] of pairings.entries()) {
    const dates = [];
    if (i % 2 === 0) dates.push(addDays(quarterRange(lastQuarter).from, 20 + i));
    if (i % 2 === 1 || i % 4 === 0) dates.push([addDays(quarterRange(thisQuarter).from, 10 + i), today].sort()[0]);
    for (const date of dates) {
      // who went (rule 4's team size): mostly two to four, one organization alone now and then (flagged 走访人数不足)
      const participants = { headcount: i % 5 === 2 ? 1 : 2 + (i % 3) };
      await logActivity(ctx, p.id, {
        date,
        type: 'visit',
        peopleReached: 4 + (i % 7),
        description: '入户走访，了解产业发展和务工需求',
        participants,
        mode: i % 4 === 3 ? 'remote' : 'in_person',
      });
    }
  }
}
