import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../functions/modules/context.js';
import { readWeek } from '../../functions/modules/report-weeks/weeks.js';
import { recountReports, reportsForDashboard, visitsForDashboard } from '../../functions/modules/reports/dashboard.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// The dashboard's report and visit figures come from a few counter items (week and quarter
// snapshots), so a call reads the same number of items for 5 organizations as for 50; and the
// snapshots equal a full recount from the records after a randomized workload.

let h: Harness;
const NOW = new Date('2026-07-08T04:00:00Z'); // Wednesday; due week 06-29 (deadline 07-07), Q2 closed
const DUE = '2026-06-29';

type Setup = { t: TestTenant; orgs: string[]; pairings: string[] };
let small: Setup;
let big: Setup;

/** A seeded generator, so a failure can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const deadlineOf = (weekStart: string) => new Date(Date.parse(`${weekStart}T00:00:00Z`) + 8 * 86_400_000 + 10 * 3_600_000); // Tue 18:00 Shanghai

async function fileAt(t: TestTenant, at: Date, organizationId: string, weekStart: string, status = 'submitted') {
  h.clock.now = at;
  try {
    const res = await h.call('POST', '/api/reports', {
      token: t.bureau,
      body: { organizationId, weekStart, status, summary: '本周', progress: '进展', results: '成效' },
    });
    if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
  } finally {
    h.clock.now = NOW;
  }
}

/** n organizations paired since 2026-05-04; reports for the due week by all but the last two (one in three late); visits in Q2 by the first 60%. */
async function build(n: number): Promise<Setup> {
  const t = await h.tenant();
  const orgs: string[] = [];
  const pairings: string[] = [];
  for (let i = 0; i < n; i++) {
    const org = await h.organizationId(t, { name: `组织${i}` });
    // approved on its start date, so every week since is expected (rule 10 counts no deadline before the approval)
    h.clock.now = new Date('2026-05-04T04:00:00Z');
    const p = await h.activePairing(t, { orgId: org, startDate: '2026-05-04' }).finally(() => (h.clock.now = NOW));
    orgs.push(org);
    pairings.push(p.id);
  }
  for (const [i, org] of orgs.slice(0, n - 2).entries()) {
    await fileAt(t, i % 3 === 0 ? new Date(deadlineOf(DUE).getTime() + 60_000) : new Date(deadlineOf(DUE).getTime() - 60_000), org, DUE);
  }
  for (const p of pairings.slice(0, Math.round(n * 0.6))) {
    const res = await h.call('POST', `/api/pairings/${p}/activities`, {
      token: t.bureau,
      body: { date: '2026-06-10', type: 'visit', peopleReached: 2, description: '走访' },
    });
    if (res.status !== 201) throw new Error(`visit: ${JSON.stringify(res.body)}`);
  }
  return { t, orgs, pairings };
}

function ctxOf(tenantId: string): ServiceContext {
  return {
    store: new TenantStore(h.deps.doc, h.deps.tableName, tenantId),
    caller: { userId: 'test', email: 'test@bangfu.local', role: 'bureau_admin', tenantId },
    now: h.clock.now,
  };
}

/** Items a call reads, and what it answered. */
async function measured<R>(tenantId: string, fn: (ctx: ServiceContext) => Promise<R>) {
  const ctx = ctxOf(tenantId);
  const result = await fn(ctx);
  return { items: ctx.store.itemsRead, result };
}

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
  small = await build(5);
  big = await build(50);
}, 300_000);

describe('the dashboard reads a bounded number of items', () => {
  it('reports: the second call reads the same items with 5 or 50 organizations and reports', async () => {
    await measured(small.t.id, reportsForDashboard); // fills the snapshots it lacks
    await measured(big.t.id, reportsForDashboard);
    const s = await measured(small.t.id, reportsForDashboard);
    const b = await measured(big.t.id, reportsForDashboard);
    console.log(`reportsForDashboard items read (second call): 5 orgs → ${s.items}, 50 orgs → ${b.items}`);
    expect(b.items).toBe(s.items);
    expect(s.items).toBeLessThanOrEqual(7);
    expect(s.result.reports).toEqual({ weekStart: DUE, deadline: '2026-07-07T10:00:00.000Z', onTime: 2, late: 1, missing: 2 });
    expect(b.result.reports).toMatchObject({ onTime: 32, late: 16, missing: 2 });
    expect(b.result.reportsThisWeek).toEqual({ weekStart: '2026-07-06', deadline: '2026-07-14T10:00:00.000Z', submitted: 0, expected: 50 });
    const kinds = (r: typeof s.result) => r.flags.map((f) => f.kind).sort();
    // the last two never reported since 05-04: nine weeks in a row, so missing and blocked
    expect(kinds(s.result)).toEqual(['report_late', 'report_missing', 'report_missing', 'reporting_blocked', 'reporting_blocked']);
    const blocked = s.result.flags.filter((f) => f.kind === 'reporting_blocked');
    expect(blocked.map((f) => f.organizationId).sort()).toEqual(small.orgs.slice(3).sort());
    expect(blocked.find((f) => f.organizationId === small.orgs[4])).toMatchObject({ organizationName: '组织4', weekStart: DUE, missedStreak: 4 });
  });

  it('visits: the second call reads the same items with 5 or 50 pairings and their activities', async () => {
    await measured(small.t.id, visitsForDashboard);
    await measured(big.t.id, visitsForDashboard);
    const s = await measured(small.t.id, visitsForDashboard);
    const b = await measured(big.t.id, visitsForDashboard);
    console.log(`visitsForDashboard items read (second call): 5 pairings → ${s.items}, 50 pairings → ${b.items}`);
    expect(b.items).toBe(s.items);
    expect(s.items).toBeLessThanOrEqual(3);
    expect(s.result.visits).toEqual({ quarter: '2026-Q2', flagged: 2 });
    expect(b.result.visits).toEqual({ quarter: '2026-Q2', flagged: 20 });
    expect(s.result.flags.map((f) => f.pairingId).sort()).toEqual(small.pairings.slice(3).sort());
    expect(s.result.flags[0]).toMatchObject({
      kind: 'no_visit',
      quarter: '2026-Q2',
      villageId: expect.any(String),
      villageName: expect.any(String),
      organizationName: expect.any(String),
    });
  });
});

describe('the week snapshots equal a full recount', () => {
  it('after a randomized workload of reports (on time, late, drafts, none) and pairings ended part-way', async () => {
    const rnd = seeded(20260708);
    const weeks = ['2026-06-08', '2026-06-15', '2026-06-22'];
    const { t, orgs, pairings } = big;
    for (const w of weeks) {
      for (const org of orgs) {
        const r = rnd();
        if (r < 0.45) await fileAt(t, new Date(deadlineOf(w).getTime() - 3_600_000), org, w);
        else if (r < 0.65) await fileAt(t, new Date(deadlineOf(w).getTime() + 3_600_000), org, w);
        else if (r < 0.75) await fileAt(t, new Date(deadlineOf(w).getTime() - 3_600_000), org, w, 'draft');
      }
    }
    for (const p of pairings) if (rnd() < 0.2) await h.endPairing(t, p, rnd() < 0.5 ? '2026-06-12' : '2026-06-24');
    // a few new ones, approved today, some dated back (expected only in weeks whose deadline is ahead)
    for (let i = 0; i < 3; i++) await h.activePairing(t, { orgId: await h.organizationId(t), startDate: ['2026-06-16', '2026-07-07', '2026-06-01'][i] });
    const ctx = ctxOf(t.id);
    for (const w of [...weeks, DUE, '2026-07-06']) {
      const snap = await readWeek(ctx.store, w, { timeZone: 'Asia/Shanghai', deadline: { weekday: 2, time: '18:00' }, today: '2026-07-08' });
      const recount = await recountReports(ctx, w);
      const reported = new Set([...snap.onTime, ...snap.late]);
      expect({ w, expected: [...new Set([...snap.expected, ...reported])].sort() }).toEqual({ w, expected: recount.expected });
      expect({ w, onTime: [...snap.onTime].sort(), late: [...snap.late].sort() }).toEqual({ w, onTime: recount.onTime, late: recount.late });
      const compliance = await h.get(t.bureau, `/api/reports/compliance?weekStart=${w}`);
      expect({
        w,
        missing: compliance.items
          .filter((i: any) => i.status === 'missing' || i.status === 'pending')
          .map((i: any) => i.organizationId)
          .sort(),
      }).toEqual({ w, missing: recount.missing });
    }
  }, 300_000);
});
