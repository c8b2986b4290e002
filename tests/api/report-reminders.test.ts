import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';
import { remindTenant } from '../../functions/modules/notifications/reminders.js';
import { TenantStore } from '../../functions/store/tenant-store.js';

// Weekly-report reminders (issue 14) with an injected clock across a week, in two tenants with
// different zones and deadlines: each organization that has not filed gets exactly the two
// reminders (the tenant's Monday 09:00 and deadline day 12:00), none after it files.

let h: Harness;
type Org = { id: string; member: string };
let sh: { t: TestTenant; orgs: Org[] };
let la: { t: TestTenant; orgs: Org[] };

async function setUp(overrides: Record<string, unknown>) {
  const t = await h.tenant(overrides);
  const orgs: Org[] = [];
  for (let i = 0; i < 3; i++) {
    const o = await h.organization(t);
    await h.activePairing(t, { orgId: o.id, startDate: '2026-06-08' });
    orgs.push(o);
  }
  return { t, orgs };
}

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-12T04:00:00Z') });
  sh = await setUp({ timeZone: 'Asia/Shanghai' }); // Tuesday 18:00: reminders Monday 09:00 and Tuesday 12:00
  la = await setUp({ timeZone: 'America/Los_Angeles', reportDeadline: { weekday: 3, time: '17:00' } }); // Wednesday: reminders Monday 09:00 and Wednesday 12:00
}, 60_000);
afterAll(() => h.stopMail());

const report = (token: string) =>
  h.call('POST', '/api/reports', { token, body: { weekStart: '2026-06-15', summary: '本周走访', progress: '进展顺利', results: '销售农产品' } });

async function reminders(t: TestTenant, org: Org): Promise<string[]> {
  const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
  const items = await store.queryAll<{ kind: string; createdAt: string }>({ pk: store.pk('NOTE', (await h.get(org.member, '/api/me')).id) });
  return items
    .filter((n) => n.kind === 'report_reminder')
    .map((n) => n.createdAt)
    .sort();
}

describe('report reminders across a week', () => {
  it('reach each organization without a report exactly at the tenant’s two times, and stop once it files', async () => {
    const from = Date.parse('2026-06-21T00:00:00Z'); // Sunday: the week of 06-15 has ended everywhere
    const to = Date.parse('2026-06-28T00:00:00Z');
    const step = 60 * 60_000; // the reminder times and the filing below fall on the hour
    for (let at = from; at < to; at += step) {
      h.clock.now = new Date(at);
      // the first organization of each tenant files on Monday 10:00 local, after the first reminder
      if (at === Date.parse('2026-06-22T02:00:00Z')) expect((await report(sh.orgs[0].member)).status).toBe(201);
      if (at === Date.parse('2026-06-22T17:00:00Z')) expect((await report(la.orgs[0].member)).status).toBe(201);
      // the two tenants are independent (each its own partition): their hour's run side by side
      await Promise.all([sh, la].map((x) => remindTenant(new TenantStore(h.deps.doc, h.deps.tableName, x.t.id), h.clock.now)));
    }
    await h.deliver();
    // Shanghai (UTC+8): Monday 09:00 = 01:00Z, Tuesday 12:00 = 04:00Z
    expect(await reminders(sh.t, sh.orgs[0])).toEqual(['2026-06-22T01:00:00.000Z']);
    for (const o of sh.orgs.slice(1)) expect(await reminders(sh.t, o)).toEqual(['2026-06-22T01:00:00.000Z', '2026-06-23T04:00:00.000Z']);
    // Los Angeles (UTC−7 in June): Monday 09:00 = 16:00Z, Wednesday 12:00 = 19:00Z
    expect(await reminders(la.t, la.orgs[0])).toEqual(['2026-06-22T16:00:00.000Z']);
    for (const o of la.orgs.slice(1)) expect(await reminders(la.t, o)).toEqual(['2026-06-22T16:00:00.000Z', '2026-06-24T19:00:00.000Z']);

    const bell = await h.get(sh.orgs[1].member, '/api/notifications');
    const reminder = bell.items.find((n: { kind: string }) => n.kind === 'report_reminder');
    expect(reminder.title).toBe('请填报本周帮扶周报（截止 2026-06-23 18:00）');
    const [mail] = (await h.mail((await h.get(la.orgs[2].member, '/api/me')).email)).filter((m) => m.subject?.startsWith('请填报'));
    expect(mail.subject).toBe('请填报本周帮扶周报（截止 2026-06-24 17:00）');
  }, 120_000);

  it('the bureau sets its own reminder times', async () => {
    const t = await h.tenant();
    const bad = await h.call('PATCH', '/api/settings', { token: t.bureau, body: { reportReminders: [{ weekday: 9, time: '25:00' }] } });
    expect(bad.status).toBe(400);
    const ok = await h.call('PATCH', '/api/settings', { token: t.bureau, body: { reportReminders: [{ weekday: 0, time: '20:00' }] } });
    expect(ok.status).toBe(200);
    const o = await h.organization(t);
    h.clock.now = new Date('2026-06-12T04:00:00Z');
    await h.activePairing(t, { orgId: o.id, startDate: '2026-06-08' });
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    // Sunday 2026-06-21 20:00 Shanghai = 12:00Z, the week of 06-15's only reminder
    expect((await remindTenant(store, new Date('2026-06-21T11:59:00Z'))).reminders).toBe(0);
    expect((await remindTenant(store, new Date('2026-06-21T12:00:00Z'))).reminders).toBe(1);
    expect((await remindTenant(store, new Date('2026-06-22T04:00:00Z'))).reminders).toBe(0);
  });

  it('an organization hears once when its run of missed weeks reaches two (warned) and four (blocked from claiming)', async () => {
    const t = await h.tenant();
    const o = await h.organization(t);
    h.clock.now = new Date('2026-05-06T04:00:00Z');
    await h.activePairing(t, { orgId: o.id, startDate: '2026-05-04' });
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    const ladder = async (at: string) => (await remindTenant(store, new Date(at))).warnings;
    // week of 05-04 due Tue 05-12 18:00, 05-11 due 05-19 18:00 (Shanghai): two missed by 05-20
    expect(await ladder('2026-05-13T12:00:00Z')).toBe(0); // one missed: flagged, no message
    expect(await ladder('2026-05-20T12:00:00Z')).toBe(1);
    expect(await ladder('2026-05-20T13:00:00Z')).toBe(0); // once
    expect(await ladder('2026-05-27T12:00:00Z')).toBe(0); // three
    expect(await ladder('2026-06-03T12:00:00Z')).toBe(1); // four: blocked
    expect(await ladder('2026-06-03T18:00:00Z')).toBe(0);
    await h.deliver();
    const kinds = (await h.get(o.member, '/api/notifications')).items.map((n: { kind: string; title: string }) => `${n.kind} ${n.title}`);
    expect(kinds.filter((k: string) => k.startsWith('report_ladder'))).toEqual([
      'report_ladder_blocked 已暂停认领新的结对',
      'report_ladder_warning 已连续 2 周未报周报',
    ]);
    // and claims are refused, as rule 10 says
    h.clock.now = new Date('2026-06-03T12:00:00Z');
    expect((await h.call('POST', '/api/pairings', { token: o.member, body: { villageId: await h.village(t) } })).status).toBe(409);
  });
});
