import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Assessment (考核): a scheme of criteria whose points add up to its total — computed from the
// records (weekly reports, visits, money and goods, consumption aid, data quality) or scored by the
// bureau with a reason — and veto items (一票否决) that zero the total; per period (year or H1).

let h: Harness;
let t: TestTenant;
let a: { id: string; member: string };
let b: { id: string; member: string };
let villageId: string;
let schemeId: string;

// Wednesday 2026-06-17 12:00 in Shanghai
const NOW = new Date('2026-06-17T04:00:00Z');

const SCHEME = {
  name: '年中评估（30 分）',
  totalPoints: 30,
  criteria: [
    { id: 'reports', name: '按时报送周报', points: 6, source: 'reports_on_time' },
    { id: 'visits', name: '每季度入村走访', points: 6, source: 'visits' },
    { id: 'money', name: '帮扶资金物资', points: 8, source: 'donations', targetFen: 1_000_000 },
    { id: 'buy', name: '消费帮扶', points: 4, source: 'consumption' },
    { id: 'quality', name: '数据质量', points: 2, source: 'data_quality' },
    { id: 'review', name: '群众满意度评议', points: 4, source: 'manual' },
  ],
  vetoes: [{ id: 'fraud', name: '弄虚作假、虚报帮扶成效' }],
};

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
  t = await h.tenant();
  villageId = await h.village(t);
  a = await h.organization(t, { name: '甲企业' });
  b = await h.organization(t, { name: '乙商会' });
  const r = await h.call('POST', '/api/assessments/schemes', { token: t.bureau, body: SCHEME });
  expect(r.status).toBe(201);
  schemeId = r.body.id;
  // 甲: ¥6,000 in H1 (¥1,000 of it goods) and ¥5,000 in July of last year's... dated 2025: outside
  const give = (org: string, kind: string, amountFen: number, date: string) =>
    h.call('POST', '/api/donations', {
      token: t.bureau,
      body: {
        villageId,
        kind,
        amountFen,
        donorName: '单位',
        donorType: 'organization',
        organizationId: org,
        date,
        ...(kind === 'goods' ? { description: '物资' } : {}),
      },
    });
  expect((await give(a.id, 'cash', 500_000, '2026-03-01')).status).toBe(201);
  expect((await give(a.id, 'goods', 100_000, '2026-06-01')).status).toBe(201);
  expect((await give(a.id, 'cash', 900_000, '2025-12-31')).status).toBe(201);
  // 乙 gives more than the target: capped at the criterion's points
  expect((await give(b.id, 'cash', 3_000_000, '2026-02-01')).status).toBe(201);
});

const scorecard = async (org: string, period = '2026-H1', token = t.bureau) =>
  (await h.get(token, `/api/assessments?period=${period}`)).items.find((i: any) => i.organizationId === org);
const criterion = (card: any, id: string) => card.criteria.find((c: any) => c.id === id);

describe('assessment schemes', () => {
  it('refuses a scheme whose points do not add up, with the field path, and writes nothing', async () => {
    const before = (await h.get(t.bureau, '/api/assessments/schemes')).items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...SCHEME, totalPoints: 31 }, 'criteria'],
      [{ ...SCHEME, criteria: [...SCHEME.criteria.slice(0, 5), { ...SCHEME.criteria[5], id: 'reports' }] }, 'criteria.5.id'],
      [
        {
          ...SCHEME,
          criteria: [
            { ...SCHEME.criteria[2], targetFen: undefined },
            ...SCHEME.criteria.filter((c) => c.id !== 'money'),
            { id: 'x', name: 'x', points: 0, source: 'manual' },
          ],
        },
        'criteria.6.points',
      ],
      [{ ...SCHEME, criteria: SCHEME.criteria.map((c) => (c.id === 'money' ? { ...c, targetFen: undefined } : c)) }, 'criteria.2.targetFen'],
      [{ ...SCHEME, criteria: SCHEME.criteria.map((c) => (c.id === 'buy' ? { ...c, source: 'guess' } : c)) }, 'criteria.3.source'],
    ];
    for (const [body, path] of cases) {
      const r = await h.call('POST', '/api/assessments/schemes', { token: t.bureau, body });
      expect(r.status, path).toBe(400);
      expect(
        r.body.error.details.map((d: any) => d.path),
        path,
      ).toContain(path);
    }
    expect((await h.get(t.bureau, '/api/assessments/schemes')).items.length).toBe(before);
    expect((await h.call('POST', '/api/assessments/schemes', { token: a.member, body: SCHEME })).status).toBe(403);
    expect((await h.call('GET', '/api/assessments?period=2026-H2', { token: t.bureau })).status).toBe(400);
  });
});

describe('a scheme’s name', () => {
  it('is unique in the tenant (ignoring spaces, case and width): a second one is a 409 at `name`, nothing written', async () => {
    const before = (await h.get(t.bureau, '/api/assessments/schemes')).items.length;
    const again = await h.call('POST', '/api/assessments/schemes', { token: t.bureau, body: { ...SCHEME, name: ' 年中评估（30 分） ' } });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([{ path: 'name', code: 'duplicate', message: '已有同名的考核方案' }]);
    expect((await h.get(t.bureau, '/api/assessments/schemes')).items).toHaveLength(before);
    // another tenant may use the name
    const u = await h.tenant();
    expect((await h.call('POST', '/api/assessments/schemes', { token: u.bureau, body: SCHEME })).status).toBe(201);
  });
});

describe('an assessment', () => {
  it('computes money and goods for the period’s months only, capped at the criterion’s points', async () => {
    const card = await scorecard(a.id);
    // ¥6,000 of a ¥10,000 target: 4.8 of 8 points; the 2025 gift is outside the period
    expect(criterion(card, 'money')).toMatchObject({ points: 4.8, maxPoints: 8, source: 'donations' });
    expect(criterion(await scorecard(b.id), 'money').points).toBe(8);
    // the year: the same gifts (no others in 2026)
    expect(criterion(await scorecard(a.id, '2026'), 'money').points).toBe(4.8);
    expect(criterion(await scorecard(a.id, '2025'), 'money').points).toBe(7.2);
  });

  it('a manual criterion counts 0 until the bureau scores it, with a reason, at most its points; audited', async () => {
    expect(criterion(await scorecard(a.id), 'review')).toMatchObject({ points: 0, unscored: true });
    const over = await h.call('PATCH', `/api/assessments/${a.id}/review`, { token: t.bureau, body: { period: '2026-H1', points: 5, reason: '评议' } });
    expect(over.status).toBe(400);
    expect(over.body.error.details[0].path).toBe('points');
    const noReason = await h.call('PATCH', `/api/assessments/${a.id}/review`, { token: t.bureau, body: { period: '2026-H1', points: 3 } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const twoDecimals = await h.call('PATCH', `/api/assessments/${a.id}/review`, {
      token: t.bureau,
      body: { period: '2026-H1', points: 1.25, reason: '评议' },
    });
    expect(twoDecimals.status).toBe(400);
    // 1.1 is one decimal although 1.1 × 10 is not exactly 11 in floating point
    expect(
      (await h.call('PATCH', `/api/assessments/${a.id}/review`, { token: t.bureau, body: { period: '2026-H1', points: 1.1, reason: '初评' } })).status,
    ).toBe(200);
    const computed = await h.call('PATCH', `/api/assessments/${a.id}/money`, { token: t.bureau, body: { period: '2026-H1', points: 8, reason: '改分' } });
    expect(computed.status).toBe(400);
    expect(criterion(await scorecard(a.id), 'review').points).toBe(1.1);

    const ok = await h.call('PATCH', `/api/assessments/${a.id}/review`, {
      token: t.bureau,
      body: { period: '2026-H1', points: 3.5, reason: '村民评议满意度 88%' },
    });
    expect(ok.status).toBe(200);
    expect(criterion(ok.body, 'review')).toMatchObject({ points: 3.5, reason: '村民评议满意度 88%' });
    // the other period is untouched
    expect(criterion(await scorecard(a.id, '2026'), 'review').unscored).toBe(true);
    const audit = await h.audit(t, 'assessment', a.id);
    expect(audit.map((e: any) => e.action)).toContain('manual_score');
  });

  it('the total is the sum of the criteria; a veto zeroes it and ranks the organization last', async () => {
    const card = await scorecard(a.id);
    const sum = Math.round(card.criteria.reduce((s: number, c: any) => s + c.points, 0) * 10) / 10;
    expect(card.total).toBe(sum);
    expect(card.total).toBeGreaterThan(0);
    const items = (await h.get(t.bureau, '/api/assessments?period=2026-H1')).items;
    expect(items.map((i: any) => i.total)).toEqual([...items.map((i: any) => i.total)].sort((x, y) => y - x));

    const veto = await h.call('PATCH', `/api/assessments/${a.id}/fraud`, {
      token: t.bureau,
      body: { period: '2026-H1', vetoed: true, reason: '虚报走访记录' },
    });
    expect(veto.status).toBe(200);
    expect(veto.body).toMatchObject({ total: 0, vetoed: true, vetoes: [{ id: 'fraud', reason: '虚报走访记录' }] });
    const after = (await h.get(t.bureau, '/api/assessments?period=2026-H1')).items;
    expect(after.at(-1).organizationId).toBe(a.id);
    expect(after.at(-1).rank).toBe(after.length);
    // cleared again: the sum is back
    const cleared = await h.call('PATCH', `/api/assessments/${a.id}/fraud`, {
      token: t.bureau,
      body: { period: '2026-H1', vetoed: false, reason: '复核后撤销' },
    });
    expect(cleared.body).toMatchObject({ total: sum, vetoed: false });
  });

  it('visits and weekly reports come from the quarter and week counters', async () => {
    const c = await h.organization(t, { name: '丙协会' });
    const p = await h.activePairing(t, { orgId: c.id, villageId, startDate: '2026-01-05' });
    const log = (date: string) =>
      h.call('POST', `/api/pairings/${p.id}/activities`, {
        token: c.member,
        body: { date, type: 'visit', peopleReached: 5, description: '入户走访', participants: { headcount: 3 } },
      });
    expect((await log('2026-02-10')).status).toBe(201);
    const card = await scorecard(c.id);
    // Q1 visited, Q2 (running) not yet: half the points
    expect(criterion(card, 'visits')).toMatchObject({ points: 3, figure: expect.stringContaining('1 / 2') });
    // none reported: nothing yet
    expect(criterion(card, 'reports').points).toBe(0);
    const report = await h.call('POST', '/api/reports', {
      token: c.member,
      body: { weekStart: '2026-06-08', summary: '走访', progress: '推进', results: '成效' },
    });
    expect(report.status).toBe(201);
    // filed after the 06-16 18:00 deadline: late, half a week's share
    const reports = criterion(await scorecard(c.id), 'reports');
    expect(reports.figure).toMatch(/迟报 1 /);
    expect(reports.points).toBeGreaterThan(0);
  });

  it('exports as a workbook with the same figures', async () => {
    const res = await h.app.request('/api/exports/assessment.xlsx?period=2026-H1', { headers: { authorization: `Bearer ${t.bureau}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('assessment-2026-H1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ranking = wb.getWorksheet('考核结果')!;
    const header = (ranking.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['排名', '组织', ...SCHEME.criteria.map((c) => `${c.name}（${c.points} 分）`), '合计（30 分）', '一票否决']);
    const api = (await h.get(t.bureau, '/api/assessments?period=2026-H1')).items;
    const rowOfA = ranking.getSheetValues().find((r) => Array.isArray(r) && r[2] === '甲企业') as unknown[];
    const fromApi = api.find((i: any) => i.organizationId === a.id);
    expect(rowOfA[1]).toBe(fromApi.rank);
    expect(rowOfA[2 + SCHEME.criteria.length + 1]).toBe(fromApi.total);
    expect(wb.getWorksheet('评分依据')!.rowCount).toBe(1 + api.length * SCHEME.criteria.length);
    expect((await h.call('GET', '/api/exports/assessment.xlsx?period=2026-H1', { token: a.member })).status).toBe(403);
  });

  it('an organization sees its own scorecard only; another tenant’s organization is a 404', async () => {
    const mine = await h.get(a.member, '/api/assessments?period=2026-H1');
    expect(mine.items.map((i: any) => i.organizationId)).toEqual([a.id]);
    expect((await h.call('PATCH', `/api/assessments/${a.id}/review`, { token: a.member, body: { period: '2026-H1', points: 4, reason: '自评' } })).status).toBe(
      403,
    );
    const u = await h.tenant();
    await h.call('POST', '/api/assessments/schemes', { token: u.bureau, body: SCHEME });
    const r = await h.call('PATCH', `/api/assessments/${a.id}/review`, { token: u.bureau, body: { period: '2026-H1', points: 1, reason: '越权' } });
    expect(r.status).toBe(404);
    expect(criterion(await scorecard(a.id), 'review').points).toBe(3.5);
    // and a scheme of another tenant is not found either
    expect((await h.call('GET', `/api/assessments?period=2026-H1&schemeId=${schemeId}`, { token: u.bureau })).status).toBe(404);
  });
});

describe('the needs-met criterion', () => {
  it('counts each need an organization pledged, in the month of its first pledge, met when fulfilled or closed; a withdrawn one not at all', async () => {
    const d = await h.organization(t, { name: '丁公司' });
    const e = await h.organization(t, { name: '戊基金会' });
    const scheme = await h.call('POST', '/api/assessments/schemes', {
      token: t.bureau,
      body: { name: '需求对接', totalPoints: 10, criteria: [{ id: 'needs', name: '认领需求按期完成', points: 10, source: 'needs_met' }] },
    });
    expect(scheme.status).toBe(201);
    const card = async (org: string, period = '2026-H1') =>
      criterion(
        (await h.get(t.bureau, `/api/assessments?period=${period}&schemeId=${scheme.body.id}`)).items.find((i: any) => i.organizationId === org),
        'needs',
      );
    const post = async (title: string, quantity?: number) => {
      const r = await h.call('POST', '/api/needs', {
        token: t.bureau,
        body: { villageId, category: 'education', title, ...(quantity ? { quantity, unit: '套' } : {}) },
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const pledge = (token: string, id: string, quantity?: number) =>
      h.call('POST', `/api/needs/${id}/pledge`, { token, body: { note: '认领', ...(quantity ? { quantity } : {}) } });

    expect(await card(d.id)).toMatchObject({ points: 0, figure: '本期未认领村级需求' });
    // 丁 takes on two needs (one of them in two pledges: still one need) and meets one
    const desks = await post('课桌', 10);
    expect((await pledge(d.member, desks, 4)).status).toBe(200);
    expect((await pledge(d.member, desks, 6)).status).toBe(200);
    expect((await h.call('POST', `/api/needs/${desks}/fulfil`, { token: d.member, body: { note: '已送达' } })).status).toBe(200);
    const books = await post('图书', 100);
    expect((await pledge(d.member, books, 30)).status).toBe(200);
    expect(await card(d.id)).toMatchObject({ points: 5, figure: '已完成 1 / 认领 2 项需求' });
    // the bureau closes the uncovered one with a reason: met for its pledger too
    expect((await h.call('POST', `/api/needs/${books}/close`, { token: t.bureau, body: { reason: '其余由县图书馆调拨' } })).status).toBe(200);
    expect(await card(d.id)).toMatchObject({ points: 10, figure: '已完成 2 / 认领 2 项需求' });
    // 戊 pledges a need that is then withdrawn: it counts for no one
    const lamps = await post('路灯');
    expect((await pledge(e.member, lamps)).status).toBe(200);
    expect(await card(e.id)).toMatchObject({ figure: '已完成 0 / 认领 1 项需求' });
    expect((await h.call('POST', `/api/needs/${lamps}/withdraw`, { token: t.bureau, body: { reason: '已由县里安装' } })).status).toBe(200);
    expect(await card(e.id)).toMatchObject({ points: 0, figure: '本期未认领村级需求' });
    // 01:00 on 1 July in Shanghai is still 30 June in UTC: the pledge counts in July, outside the mid-year period
    const saved = h.clock.now;
    h.clock.now = new Date('2026-06-30T17:00:00Z');
    try {
      const wells = await post('水井');
      expect((await pledge(e.member, wells)).status).toBe(200);
    } finally {
      h.clock.now = saved;
    }
    expect(await card(e.id)).toMatchObject({ figure: '本期未认领村级需求' });
    expect(await card(e.id, '2026')).toMatchObject({ points: 0, figure: '已完成 0 / 认领 1 项需求' });
  });

  it('a need takes at most 50 pledges (each pledging organization’s figures move in the need’s one write)', async () => {
    const r = await h.call('POST', '/api/needs', { token: t.bureau, body: { villageId, category: 'education', title: '志愿者' } });
    const f = await h.organization(t, { name: '己志愿者协会' });
    for (let i = 0; i < 50; i++)
      expect((await h.call('POST', `/api/needs/${r.body.id}/pledge`, { token: f.member, body: { note: `第 ${i + 1} 批` } })).status).toBe(200);
    const over = await h.call('POST', `/api/needs/${r.body.id}/pledge`, { token: f.member, body: { note: '第 51 批' } });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toContain('50 笔认领');
    expect((await h.get(t.bureau, `/api/needs/${r.body.id}`)).pledges).toHaveLength(50);
  });
});
