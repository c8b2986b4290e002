import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 16, "rough edges a first-time user hit in the console":
// - a week filed before its deadline (the form's default 上一周, Monday to Tuesday 18:00) ends a
//   run of missed weeks at once: standing, compliance, grid and dashboard stop counting it;
// - an import error row carries the cell's value (escaped, cut short); villages are 未出列 / 已出列;
// - the ledger's 周报 sheet takes every week that overlaps the month, and says so.

let h: Harness;
let t: TestTenant;
// Monday 12:00 in Shanghai: the latest due week is 2026-06-01; 2026-06-08 (上一周) is due tomorrow 18:00
const NOW = new Date('2026-06-15T04:00:00Z');

type Org = { id: string; member: string };
let filer: Org;
let idle: Org;

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
  t = await h.tenant();
  filer = await h.organization(t);
  idle = await h.organization(t);
  // paired since 2026-05-25 (approved that day): the weeks of 05-25 and 06-01 are missed
  h.clock.now = new Date('2026-05-25T04:00:00Z');
  try {
    await h.activePairing(t, { orgId: filer.id, startDate: '2026-05-25' });
    await h.activePairing(t, { orgId: idle.id, startDate: '2026-05-25' });
  } finally {
    h.clock.now = NOW;
  }
});

const report = (token: string, weekStart: string) =>
  h.call('POST', '/api/reports', { token, body: { weekStart, summary: '走访三户', progress: '进展', results: '成效' } });

describe('a week filed before its deadline ends the run of missed weeks at once', () => {
  it('two missed weeks: warned; filing 上一周 on Monday clears the banner, the grid, the compliance list and the dashboard', async () => {
    expect(await h.get(filer.member, '/api/reports/standing')).toMatchObject({ missedStreak: 2, level: 'warned', missedWeeks: ['2026-06-01', '2026-05-25'] });

    const filed = await report(filer.member, '2026-06-08');
    expect(filed.status).toBe(201);
    expect(filed.body.timeliness).toBe('onTime');

    // the run is over; its weeks are still open for a late report (the organization's history lists them)
    expect(await h.get(filer.member, '/api/reports/standing')).toEqual({
      organizationId: filer.id,
      missedStreak: 0,
      level: 'ok',
      missedWeeks: [],
      openWeeks: ['2026-06-01', '2026-05-25'],
    });
    // the organization that filed nothing is still warned
    expect(await h.get(idle.member, '/api/reports/standing')).toMatchObject({ missedStreak: 2, level: 'warned' });

    const grid = await h.get(t.bureau, '/api/reports/compliance/grid?weeks=4');
    expect(grid.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual(['2026-05-25', '2026-06-01', '2026-06-08', '2026-06-15']);
    const row = (id: string) => grid.rows.find((r: { organizationId: string }) => r.organizationId === id);
    // the missed weeks stay missing (they may still be filed late); the run is over
    expect(row(filer.id)).toMatchObject({ cells: ['missing', 'missing', 'onTime', 'pending'], missedStreak: 0 });
    expect(row(idle.id)).toMatchObject({ cells: ['missing', 'missing', 'pending', 'pending'], missedStreak: 2 });

    const week = await h.get(t.bureau, '/api/reports/compliance');
    expect(week.weekStart).toBe('2026-06-01');
    const item = (id: string) => week.items.find((i: { organizationId: string }) => i.organizationId === id);
    expect(item(filer.id)).toMatchObject({ status: 'missing', missedStreak: 0 });
    expect(item(idle.id)).toMatchObject({ status: 'missing', missedStreak: 2 });

    const dash = await h.get(t.bureau, '/api/dashboard');
    const warned = dash.flags.filter((f: { kind: string }) => f.kind === 'reporting_warned').map((f: { organizationId: string }) => f.organizationId);
    expect(warned).toEqual([idle.id]);
    expect(dash.reportsThisWeek).toMatchObject({ weekStart: '2026-06-08', submitted: 1, expected: 2 });
  });

  it('a missed week filed late is still taken (补报), and an older week of another run does not start a new one', async () => {
    expect((await report(idle.member, '2026-05-25')).body.timeliness).toBe('late');
    expect(await h.get(idle.member, '/api/reports/standing')).toMatchObject({ missedStreak: 1, level: 'flagged', missedWeeks: ['2026-06-01'] });
    // after the deadline of 06-08 the latest due week is 06-08 itself: the filer's report counts as it did
    h.clock.now = new Date('2026-06-16T10:00:00Z');
    try {
      expect(await h.get(filer.member, '/api/reports/standing')).toMatchObject({ missedStreak: 0, level: 'ok' });
      expect(await h.get(idle.member, '/api/reports/standing')).toMatchObject({ missedStreak: 2, level: 'warned', missedWeeks: ['2026-06-08', '2026-06-01'] });
    } finally {
      h.clock.now = NOW;
    }
  });
});

const VILLAGE_HEADERS = ['村名', '乡镇', '县', '户数', '人口', '建档立卡户数', '状态', '挂牌督战', '需求类别'];
const village = (name: string, extra: Partial<Record<string, unknown>> = {}) => ({
  村名: name,
  乡镇: '清水镇',
  县: '示例县',
  户数: 200,
  人口: 800,
  建档立卡户数: 40,
  状态: '未出列',
  挂牌督战: '是',
  需求类别: '产业',
  ...extra,
});

async function xlsx(headers: string[], rows: Record<string, unknown>[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((k) => r[k] ?? null));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function upload(tt: TestTenant, bytes: Uint8Array) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], 'villages.xlsx'));
  const res = await h.app.request('/api/imports/villages', { method: 'POST', headers: { authorization: `Bearer ${tt.bureau}` }, body: form });
  return { status: res.status, body: (await res.json()) as { created: number; errors: { row: number; field: string; message: string; value?: string }[] } };
}

describe('import errors name the value, in the export’s words', () => {
  it('each error row carries the cell’s text: control characters written out, long text cut short; status says 未出列', async () => {
    const tt = await h.tenant();
    const long = '很'.repeat(80);
    const file = await xlsx(VILLAGE_HEADERS, [
      village('甲村', { 户数: 'abc\n12', 状态: '未脱贫了' }),
      village('乙村', { 县: '', 挂牌督战: long }),
      village('甲村'),
    ]);
    const res = await upload(tt, file);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(0);
    expect(res.body.errors).toEqual([
      { row: 2, field: 'households', message: '户数必须是数字', value: 'abc\\n12' },
      { row: 2, field: 'status', message: '状态只能是 未出列 或 已出列', value: '未脱贫了' },
      // an empty required cell has no value to show
      { row: 3, field: 'county', message: expect.any(String) },
      { row: 3, field: 'supervised', message: expect.any(String), value: `${'很'.repeat(60)}…` },
    ]);
    // a duplicate row names the key it repeats
    const dup = await upload(tt, await xlsx(VILLAGE_HEADERS, [village('甲村'), village('甲村')]));
    expect(dup.body.errors).toEqual([{ row: 3, field: 'name', message: '村名 + 乡镇与第 2 行重复', value: '甲村 / 清水镇' }]);
  });

  it('the ledger, the import and the village record use one word for a village’s status', async () => {
    const tt = await h.tenant();
    const res = await upload(tt, await xlsx(VILLAGE_HEADERS, [village('丙村', { 状态: '未出列' }), village('丁村', { 状态: '已出列' })]));
    expect(res.body).toMatchObject({ created: 2, errors: [] });
    const wb = await ledger(tt, '2026-06');
    const statuses = rows(wb, '村庄')
      .filter((r) => r['村名'] !== '合计')
      .map((r) => [r['村名'], r['状态']])
      .sort();
    expect(statuses).toEqual([
      ['丁村', '已出列'],
      ['丙村', '未出列'],
    ]);
  });
});

async function ledger(tt: TestTenant, month: string) {
  const res = await h.app.request(`/api/exports/ledger.xlsx?month=${month}`, { headers: { authorization: `Bearer ${tt.bureau}` } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return wb;
}

function rows(wb: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const ws = wb.getWorksheet(name)!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, i) => {
    if (i > 1) out.push(Object.fromEntries(headers.map((hh, j) => [hh, row.getCell(j + 1).value])));
  });
  return out;
}

describe('the ledger’s 周报 sheet takes every week that overlaps the month', () => {
  it('a report for the week of 30 November, filed in December, is in December’s sheet (and November’s); the header says the rule', async () => {
    const tt = await h.tenant();
    const o = await h.organization(tt);
    h.clock.now = new Date('2026-11-02T04:00:00Z');
    try {
      await h.activePairing(tt, { orgId: o.id, startDate: '2026-11-02' });
      h.clock.now = new Date('2026-12-01T04:00:00Z'); // Tuesday 1 December, before the deadline
      const filed = await report(o.member, '2026-11-30');
      expect(filed.status).toBe(201);
      expect(await ledger(tt, '2026-12').then((wb) => rows(wb, '周报').map((r) => r['周一']))).toEqual(['2026-11-30']);
      h.clock.now = new Date('2026-12-08T04:00:00Z');
      const dec = await ledger(tt, '2026-12');
      expect(rows(dec, '周报')).toEqual([expect.objectContaining({ 周一: '2026-11-30', 是否按时: '按时' })]);
      const note = dec.getWorksheet('周报')!.getCell('A1').note;
      const noteText = typeof note === 'string' ? note : (note?.texts ?? []).map((x) => x.text).join('');
      expect(noteText).toContain('与本月有交集的每一周');
      const orgRow = rows(dec, '组织').find((r) => r['组织名称'] !== '合计');
      expect(orgRow?.['本月周报']).toBe(1);
      // November's ledger lists that week too (it has four days in November)
      expect(rows(await ledger(tt, '2026-11'), '周报').map((r) => r['周一'])).toEqual(['2026-11-30']);
      // October's does not
      expect(rows(await ledger(tt, '2026-10'), '周报')).toEqual([]);
    } finally {
      h.clock.now = NOW;
    }
  });
});
