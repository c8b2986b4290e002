import { addDays, dateInZone, mondayOf, quarterOf, quarterRange } from '../../../shared/dates.js';
import type { AssessmentResult, Criterion, ManualScoreInput, OrganizationAssessment, Scheme, SchemeInput } from '../../../shared/schemas/assessments.js';
import { formatFen } from '../../../shared/money.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import { commitmentsOfYear } from '../commitments/store.js';
import type { ServiceContext } from '../context.js';
import { readOverLimit } from '../counters/store.js';
import { allOrgFunds } from '../donations/store.js';
import { allNeedsByOrg } from '../needs/store.js';
import { getOrganizationItem, listAllOrganizationItems } from '../organizations/store.js';
import { complianceGrid } from '../reports/compliance.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { quarterVisits } from '../visits/service.js';
import { getManualScore, listSchemes, manualScores, putManualScoreTx, putSchemeTx, type ManualScore } from './store.js';

/** A period's first and last day: `2026` the calendar year, `2026-H1` January to June. */
export function periodRange(period: string): { from: string; to: string; year: string; half: boolean } {
  const year = period.slice(0, 4);
  const half = period.endsWith('-H1');
  return { from: `${year}-01-01`, to: half ? `${year}-06-30` : `${year}-12-31`, year, half };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const share = (points: number, part: number, whole: number) => (whole > 0 ? round1((points * Math.min(part, whole)) / whole) : 0);

export async function listAssessmentSchemes(ctx: ServiceContext): Promise<{ items: Scheme[] }> {
  return { items: await listSchemes(ctx.store) };
}

export async function createScheme(ctx: ServiceContext, input: SchemeInput & { vetoes: NonNullable<SchemeInput['vetoes']> }): Promise<Scheme> {
  const s: Scheme = { id: newId('asch'), ...input, createdAt: ctx.now.toISOString() };
  await ctx.store.transact([...putSchemeTx(ctx.store, s), auditPut(ctx, 'assessment_scheme', s.id, 'create', null, s)]);
  return s;
}

async function schemeOf(ctx: ServiceContext, schemeId?: string): Promise<Scheme> {
  const schemes = await listSchemes(ctx.store);
  const s = schemeId ? schemes.find((x) => x.id === schemeId) : schemes[0];
  if (!s) throw schemeId ? AppError.notFound('考核方案') : AppError.conflict('还没有考核方案，请先新建');
  return s;
}

/** What the computed criteria read, once for all organizations: counter items, never the records themselves. */
type Figures = {
  weeks: Map<string, { onTime: number; late: number; expected: number }>;
  visits: Map<string, { visited: number; active: number }>;
  funds: Map<string, number>;
  consumption: Map<string, { committedFen: number; purchasedFen: number }>;
  needs: Map<string, { pledged: number; met: number }>;
  overLimit: Set<string>;
};

async function figuresOf(ctx: ServiceContext, from: string, to: string, half: boolean, today: string): Promise<Figures> {
  const year = from.slice(0, 4);
  const last = to < today ? to : today;
  const weeks = new Map<string, { onTime: number; late: number; expected: number }>();
  const visits = new Map<string, { visited: number; active: number }>();
  // weekly reports (rules 3, 10): the week snapshots of every due week that starts in the period
  const firstMonday = mondayOf(from) < from ? addDays(mondayOf(from), 7) : mondayOf(from);
  const lastMonday = mondayOf(last);
  const n = lastMonday >= firstMonday ? Math.round((Date.parse(lastMonday) - Date.parse(firstMonday)) / (7 * 86_400_000)) + 1 : 0;
  const quarters: string[] = [];
  for (let q = quarterOf(from); q <= quarterOf(last) && quarterRange(q).from <= last; q = quarterOf(addDays(quarterRange(q).to, 1))) quarters.push(q);
  const [grid, quarterLists, fundsByOrg, commitments, overLimit, needsByOrg] = await Promise.all([
    n > 0 ? complianceGrid(ctx, { to: lastMonday, weeks: n }) : Promise.resolve({ weeks: [], rows: [] }),
    Promise.all(quarters.map((q) => quarterVisits(ctx, { quarter: q }))),
    allOrgFunds(ctx.store),
    commitmentsOfYear(ctx.store, Number(year)),
    readOverLimit(ctx.store),
    allNeedsByOrg(ctx.store),
  ]);
  for (const row of grid.rows) {
    const w = { onTime: 0, late: 0, expected: 0 };
    row.cells.forEach((cell, i) => {
      if (!grid.weeks[i].due || cell === null) return;
      w.expected += 1;
      if (cell === 'onTime') w.onTime += 1;
      else if (cell === 'late') w.late += 1;
    });
    weeks.set(row.organizationId, w);
  }
  // visits (rule 4): each pairing active in each quarter, visited by a team of the tenant's minimum size or not
  for (const list of quarterLists) {
    for (const p of list.items) {
      const v = visits.get(p.organizationId) ?? { visited: 0, active: 0 };
      v.active += 1;
      if (!p.flagged) v.visited += 1;
      visits.set(p.organizationId, v);
    }
  }
  // money and goods (rule 6's counters): the months of the period
  const months = Array.from({ length: half ? 6 : 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const funds = new Map<string, number>();
  // needs met (the needs' per-organization columns): the needs first pledged in the period's months, and how many of them are met
  const needs = new Map<string, { pledged: number; met: number }>();
  for (const [org, byMonth] of needsByOrg)
    needs.set(
      org,
      months.reduce((a, m) => ({ pledged: a.pledged + (byMonth.get(m)?.pledged ?? 0), met: a.met + (byMonth.get(m)?.met ?? 0) }), { pledged: 0, met: 0 }),
    );
  for (const [org, f] of fundsByOrg)
    funds.set(
      org,
      months.reduce((a, m) => a + (f.months.get(m)?.cashFen ?? 0) + (f.months.get(m)?.goodsFen ?? 0), 0),
    );
  const consumption = new Map(
    [...commitments].map(([org, c]) => [org, { committedFen: half ? Math.ceil(c.committedFen / 2) : c.committedFen, purchasedFen: c.purchasedFen }]),
  );
  return { weeks, visits, funds, consumption, needs, overLimit: new Set(Object.keys(overLimit)) };
}

function scoreCriterion(c: Criterion, orgId: string, f: Figures, manual: Map<string, ManualScore>) {
  const base = { id: c.id, name: c.name, source: c.source, maxPoints: c.points };
  switch (c.source) {
    case 'reports_on_time': {
      const w = f.weeks.get(orgId) ?? { onTime: 0, late: 0, expected: 0 };
      // a late report earns half a week's share; a missing one nothing
      return { ...base, points: share(c.points, w.onTime + w.late / 2, w.expected), figure: `按时 ${w.onTime}、迟报 ${w.late} / 应报 ${w.expected} 周` };
    }
    case 'visits': {
      const v = f.visits.get(orgId) ?? { visited: 0, active: 0 };
      return { ...base, points: share(c.points, v.visited, v.active), figure: `走访达标 ${v.visited} / ${v.active} 个结对季度` };
    }
    case 'donations': {
      const given = f.funds.get(orgId) ?? 0;
      return { ...base, points: share(c.points, given, c.targetFen ?? 0), figure: `资金物资 ${formatFen(given)} / 目标 ${formatFen(c.targetFen ?? 0)}` };
    }
    case 'consumption': {
      const x = f.consumption.get(orgId) ?? { committedFen: 0, purchasedFen: 0 };
      return {
        ...base,
        points: share(c.points, x.purchasedFen, x.committedFen),
        figure: x.committedFen ? `消费帮扶 ${formatFen(x.purchasedFen)} / 承诺 ${formatFen(x.committedFen)}` : '未作消费帮扶承诺',
      };
    }
    case 'needs_met': {
      const x = f.needs.get(orgId) ?? { pledged: 0, met: 0 };
      return { ...base, points: share(c.points, x.met, x.pledged), figure: x.pledged ? `已完成 ${x.met} / 认领 ${x.pledged} 项需求` : '本期未认领村级需求' };
    }
    case 'data_quality': {
      const bad = f.overLimit.has(orgId);
      return { ...base, points: bad ? 0 : c.points, figure: bad ? '结对数超过上限（数据质量问题未整改）' : '无未整改的数据质量问题' };
    }
    case 'manual': {
      const m = manual.get(c.id);
      return m?.points !== undefined
        ? { ...base, points: Math.min(m.points, c.points), figure: '评审打分', reason: m.reason }
        : { ...base, points: 0, figure: '待评审打分', unscored: true };
    }
  }
}

/**
 * GET /api/assessments?period=: each approved organization scored on the scheme's criteria for the
 * period — computed ones from counter items read once for all organizations (week snapshots, quarter
 * visit items, ORG_FUNDS, commitments, the needs' per-organization columns, the over-limit map), manual ones from the bureau's scores —
 * the total (0 when a veto item is set), and the rank (vetoed last). An org_member sees its own
 * scorecard only.
 */
export async function assess(ctx: ServiceContext, q: { period: string; schemeId?: string }): Promise<AssessmentResult> {
  const scheme = await schemeOf(ctx, q.schemeId);
  const { from, to, half } = periodRange(q.period);
  const today = dateInZone(ctx.now, await tenantTimeZone(ctx.store));
  const [orgs, f, scores] = await Promise.all([
    listAllOrganizationItems(ctx.store, { status: 'approved' }),
    figuresOf(ctx, from, to, half, today),
    manualScores(ctx.store, scheme.id, q.period),
  ]);
  const byOrg = new Map<string, Map<string, ManualScore>>();
  for (const s of scores) byOrg.set(s.organizationId, (byOrg.get(s.organizationId) ?? new Map()).set(s.itemId, s));
  const items: OrganizationAssessment[] = orgs.map((o) => {
    const manual = byOrg.get(o.id) ?? new Map<string, ManualScore>();
    const criteria = scheme.criteria.map((c) => scoreCriterion(c, o.id, f, manual));
    const vetoes = scheme.vetoes.filter((v) => manual.get(v.id)?.vetoed).map((v) => ({ id: v.id, name: v.name, reason: manual.get(v.id)!.reason }));
    const sum = round1(criteria.reduce((a, c) => a + c.points, 0));
    return { organizationId: o.id, organizationName: o.name, criteria, total: vetoes.length ? 0 : sum, vetoed: vetoes.length > 0, vetoes, rank: 0 };
  });
  items.sort((a, b) => Number(a.vetoed) - Number(b.vetoed) || b.total - a.total || a.organizationName.localeCompare(b.organizationName, 'zh-CN'));
  items.forEach((it, i) => {
    const prev = items[i - 1];
    it.rank = prev && prev.total === it.total && prev.vetoed === it.vetoed ? prev.rank : i + 1;
  });
  const visible = ctx.caller.role === 'org_member' ? items.filter((i) => i.organizationId === ctx.caller.organizationId) : items;
  return { period: q.period, from, to, scheme, items: visible };
}

/**
 * The bureau's score of a manual criterion (at most its points) or a veto item set or cleared, for
 * one organization and period, with a written reason; audited. Another tenant's organization, an
 * item not in the scheme or a computed criterion: 404 / 400 on the field.
 */
export async function setManualScore(ctx: ServiceContext, organizationId: string, itemId: string, input: ManualScoreInput): Promise<OrganizationAssessment> {
  const scheme = await schemeOf(ctx, input.schemeId);
  if (!(await getOrganizationItem(ctx.store, organizationId))) throw AppError.notFound('组织');
  const criterion = scheme.criteria.find((c) => c.id === itemId);
  const veto = scheme.vetoes.find((v) => v.id === itemId);
  if (!criterion && !veto) throw AppError.notFound('考核指标');
  if (criterion && criterion.source !== 'manual') throw AppError.field('points', `「${criterion.name}」由系统按记录计算，不能手工打分`);
  if (criterion && input.points === undefined) throw AppError.field('points', '请填写分数');
  if (criterion && input.points! > criterion.points) throw AppError.field('points', `分数不能超过该项分值（${criterion.points} 分）`);
  // one decimal, compared with a tolerance: 1.1 × 10 is 11.000000000000002 in floating point
  if (criterion && Math.abs(Math.round(input.points! * 10) - input.points! * 10) > 1e-9) throw AppError.field('points', '分数最多保留一位小数');
  if (veto && input.vetoed === undefined) throw AppError.field('vetoed', '请选择是否否决');
  const before = await getManualScore(ctx.store, scheme.id, input.period, organizationId, itemId);
  const after: ManualScore = {
    organizationId,
    itemId,
    ...(criterion ? { points: input.points } : { vetoed: input.vetoed }),
    reason: input.reason,
    by: ctx.caller.email,
    at: ctx.now.toISOString(),
  };
  await ctx.store.transact([
    putManualScoreTx(ctx.store, scheme.id, input.period, after, before?.at ?? null, AppError.conflict('评分已被他人修改，请刷新后重试')),
    auditPut(ctx, 'assessment', organizationId, criterion ? 'manual_score' : 'veto', before, { ...after, schemeId: scheme.id, period: input.period }),
  ]);
  const result = await assess(ctx, { period: input.period, schemeId: scheme.id });
  return result.items.find((i) => i.organizationId === organizationId)!;
}
