import { beforeAll, describe, expect, it } from 'vitest';
import { recountDashboard } from '../../functions/modules/dashboard/recount.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness } from '../support/harness.js';

// Regressions found reviewing the issue-6 service side (cockpit): each test fails without its fix.

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
});

const csv = (lines: (string | number)[][]) => lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
async function upload(token: string, kind: 'villages' | 'organizations', text: string) {
  const form = new FormData();
  form.append('file', new File([text], 'data.csv'));
  const res = await h.app.request(`/api/imports/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

describe('imports: a file with any invalid row writes nothing', () => {
  it('an update moving a village’s registration past its pairing’s start is a row error, and the good rows before it are not written', async () => {
    const t = await h.tenant();
    const v = await h.village(t, { name: '甲村', township: '清水镇', registeredOn: '2024-01-01' });
    await h.activePairing(t, { villageId: v, startDate: '2026-03-01' });
    const file = csv([
      ['村名', '乡镇', '县', '户数', '人口', '建档立卡户数', '状态', '挂牌督战', '登记日期'],
      ['乙村', '清水镇', '示例县', 100, 300, 10, '未出列', '否', '2024-01-01'],
      ['甲村', '清水镇', '示例县', 100, 300, 10, '未出列', '否', '2026-05-01'],
    ]);
    const res = await upload(t.bureau, 'villages', file);
    expect(res).toEqual({
      status: 200,
      body: {
        created: 0,
        updated: 0,
        errors: [{ row: 3, field: 'registeredOn', message: '登记日期不能晚于已有结对的开始日期（2026-03-01）', value: '2026-05-01' }],
      },
    });
    const names = ((await h.get(t.bureau, '/api/villages?limit=100')).items as any[]).map((x) => x.name);
    expect(names).toEqual(['甲村']);
    // a registration date on or before the pairing's start is still an update
    const ok = csv([
      ['村名', '乡镇', '县', '户数', '人口', '建档立卡户数', '状态', '挂牌督战', '登记日期'],
      ['甲村', '清水镇', '示例县', 100, 300, 10, '未出列', '否', '2026-03-01'],
    ]);
    expect((await upload(t.bureau, 'villages', ok)).body).toEqual({ created: 0, updated: 1, errors: [] });
  });
});

describe('imports: bad cells are row errors, never a 5xx', () => {
  it('a number far outside the calendar in a date-formatted cell (an Invalid Date) is an error on registeredOn', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const t = await h.tenant();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['村名', '乡镇', '县', '户数', '人口', '建档立卡户数', '状态', '挂牌督战', '登记日期']);
    const row = ws.addRow(['丙村', '清水镇', '示例县', 100, 300, 10, '未出列', '否', 1e20]);
    row.getCell(9).numFmt = 'yyyy-mm-dd';
    const form = new FormData();
    form.append('file', new File([new Uint8Array(await wb.xlsx.writeBuffer())], 'data.xlsx'));
    const res = await h.app.request('/api/imports/villages', { method: 'POST', headers: { authorization: `Bearer ${t.bureau}` }, body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ created: 0, updated: 0, errors: [{ row: 2, field: 'registeredOn' }] });
    expect((await h.get(t.bureau, '/api/villages?limit=100')).items).toEqual([]);
  });
});

describe('dashboard OVER_LIMIT (rule 2) with the limit changed while pairings are approved and ended', () => {
  it('the over-limit flags equal a recount after the bureau lowers the limit racing approvals and ends', async () => {
    h.clock.now = new Date('2026-06-15T04:00:00Z');
    const overLimit = (flags: { kind: string }[]) => flags.filter((f) => f.kind === 'over_limit');
    for (let round = 0; round < 4; round++) {
      const t = await h.tenant({ maxActivePairingsPerOrg: 6 });
      const org = await h.organization(t);
      const active = [];
      for (let i = 0; i < 4; i++) active.push(await h.activePairing(t, { orgId: org.id, startDate: '2026-06-10' }));
      const pending = await h.pendingPairing(t, { orgId: org.id });
      const outcomes = await Promise.all([
        h.call('PATCH', '/api/settings', { token: t.bureau, body: { maxActivePairingsPerOrg: 1 } }),
        h.call('POST', `/api/pairings/${active[0].id}/end`, { token: t.bureau, body: { endDate: '2026-06-14' } }),
        h.call('POST', `/api/pairings/${active[1].id}/end`, { token: t.bureau, body: { endDate: '2026-06-14' } }),
        h.call('POST', `/api/pairings/${pending.id}/approve`, { token: t.bureau, body: { startDate: '2026-06-12' } }),
      ]);
      // a write that lost the race is a 409 to retry, never a 5xx
      expect(
        outcomes.map((o) => o.status).every((s) => s === 200 || s === 409),
        JSON.stringify(outcomes.map((o) => o.status)),
      ).toBe(true);
      const dash = (await h.call('GET', '/api/dashboard', { token: t.bureau })).body;
      const recount = await recountDashboard({ store: new TenantStore(h.deps.doc, h.deps.tableName, t.id), now: h.clock.now });
      expect(overLimit(dash.flags), `round ${round}`).toEqual(overLimit(recount.flags));
    }
  });
});

describe('rules 3 and 10: a back-dated end racing an approval of the same organization', () => {
  it('the organization stays expected in the running week its new pairing covers (the end loses with a 409 when it would have removed it)', async () => {
    const NOW = new Date('2026-06-17T04:00:00Z'); // Wednesday noon in Shanghai, the week of 2026-06-15
    for (let round = 0; round < 6; round++) {
      h.clock.now = new Date('2026-05-01T04:00:00Z');
      const t = await h.tenant();
      const org = await h.organization(t);
      const old = await h.activePairing(t, { orgId: org.id, startDate: '2026-05-01' });
      const next = await h.pendingPairing(t, { orgId: org.id });
      h.clock.now = NOW;
      await h.get(t.bureau, '/api/reports/compliance/grid?weeks=2'); // the weeks' snapshots are filled
      const [end, approve] = await Promise.all([
        h.call('POST', `/api/pairings/${old.id}/end`, { token: t.bureau, body: { endDate: '2026-06-05' } }),
        h.call('POST', `/api/pairings/${next.id}/approve`, { token: t.bureau, body: { startDate: '2026-06-16' } }),
      ]);
      expect(approve.status).toBe(200);
      expect([200, 409]).toContain(end.status);
      if (end.status === 409)
        expect((await h.call('POST', `/api/pairings/${old.id}/end`, { token: t.bureau, body: { endDate: '2026-06-05' } })).status).toBe(200);
      const grid = await h.get(t.bureau, '/api/reports/compliance/grid?weeks=2');
      const row = grid.rows.find((r: any) => r.organizationId === org.id);
      expect(row?.cells, `round ${round}`).toEqual([null, 'pending']);
    }
  });
});
