/**
 * Figure 10 (issue 18): what an assessment (GET /api/assessments?period=YYYY) reads as the county
 * grows — the same scheme over 20 and then 200 approved organizations, each with a pairing, a visit
 * and a gift. The computed criteria read counter items (week snapshots, quarter visit items,
 * ORG_FUNDS, commitments, the over-limit map), never the records: the items grow with the number of
 * organizations (one ORG, ORG_FUNDS and commitment item each), not with their reports, visits or gifts.
 */
import { withCheckChar } from '../../shared/credit-code.js';
import { observed, type World } from './figures.js';

const SCHEME = {
  name: '年终考核（千分制）',
  totalPoints: 1000,
  criteria: [
    { id: 'reports', name: '周报按时率', points: 200, source: 'reports_on_time' },
    { id: 'visits', name: '季度走访', points: 200, source: 'visits' },
    { id: 'money', name: '资金物资', points: 200, source: 'donations', targetFen: 10_000_000 },
    { id: 'buy', name: '消费帮扶', points: 150, source: 'consumption' },
    { id: 'quality', name: '数据质量', points: 100, source: 'data_quality' },
    { id: 'needs', name: '需求对接', points: 50, source: 'needs_met' },
    { id: 'effect', name: '评审', points: 100, source: 'manual' },
  ],
  vetoes: [{ id: 'fraud', name: '弄虚作假' }],
};

let seq = 0;
const code = () => withCheckChar(`91620521${String(Date.now() % 1e5).padStart(5, '0')}${String(seq++ % 10_000).padStart(4, '0')}`);

export async function measureAssessment(w: World, sizes = [20, 200]) {
  const t = await w.tenant('assess');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const year = today.slice(0, 4);
  const village = (
    await w.http(
      'POST',
      '/api/villages',
      {
        name: '考核村',
        township: '压测镇',
        county: '压测县',
        households: 100,
        population: 400,
        poorHouseholds: 20,
        status: 'unlifted',
        supervised: true,
        registeredOn: `${year}-01-01`,
      },
      t.token,
    )
  ).body.id as string;
  expectOk(await w.http('POST', '/api/assessments/schemes', SCHEME, t.token), 'scheme');
  let made = 0;
  const out: Record<string, unknown>[] = [];
  const seedStarted = performance.now();
  for (const size of sizes) {
    for (; made < size; made++) {
      const org = await w.http(
        'POST',
        '/api/organizations',
        { name: `考核组织${made + 1}`, kind: 'enterprise', creditCode: code(), contactName: '联系人', contactPhone: '13800000000' },
        t.token,
      );
      expectOk(org, 'organization');
      const id = org.body.id as string;
      expectOk(await w.http('POST', `/api/organizations/${id}/approve`, {}, t.token), 'approve');
      const claim = await w.http('POST', '/api/pairings', { villageId: village, organizationId: id, commitment: { note: '考核' } }, t.token);
      expectOk(claim, 'claim');
      expectOk(await w.http('POST', `/api/pairings/${claim.body.id}/approve`, { startDate: `${year}-01-05` }, t.token), 'approve pairing');
      expectOk(
        await w.http(
          'POST',
          `/api/pairings/${claim.body.id}/activities`,
          { date: today, type: 'visit', peopleReached: 5, description: '走访', participants: { headcount: 2 } },
          t.token,
        ),
        'visit',
      );
      expectOk(
        await w.http(
          'POST',
          '/api/donations',
          {
            villageId: village,
            kind: 'cash',
            amountFen: 100_000 * (1 + (made % 7)),
            donorName: '单位',
            donorType: 'organization',
            organizationId: id,
            date: today,
          },
          t.token,
        ),
        'donation',
      );
      // a need it pledged, met for every other organization (the needs criterion's NEEDS_ORG column)
      const need = await w.http('POST', '/api/needs', { villageId: village, category: 'education', title: `需求${made + 1}` }, t.token);
      expectOk(need, 'need');
      expectOk(await w.http('POST', `/api/needs/${need.body.id}/pledge`, { organizationId: id, note: '认领' }, t.token), 'pledge');
      if (made % 2 === 0) expectOk(await w.http('POST', `/api/needs/${need.body.id}/fulfil`, { note: '已完成' }, t.token), 'fulfil');
    }
    const runs = [];
    for (let k = 0; k < 3; k++) {
      const s = await observed(w.server, () => w.http('GET', `/api/assessments?period=${year}`, undefined, t.token));
      expectOk(s.value, 'assessment');
      runs.push({ organizations: s.value.body.items.length, ms: Math.round(s.ms), itemsRead: s.meter.items, calls: s.meter.calls, rru: s.meter.rru });
    }
    out.push(runs.sort((a, b) => a.ms - b.ms)[1]);
  }
  return { period: year, runs: out, seedSeconds: Math.round((performance.now() - seedStarted) / 1000) };
}

function expectOk(r: { status: number; body: unknown }, what: string) {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}
