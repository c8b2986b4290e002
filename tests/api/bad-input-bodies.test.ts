import { beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET } from '../../shared/credit-code.js';
import { creditCode, makeHarness, makeOrganization, makeVillage, type Harness, type TestTenant } from '../support/harness.js';

// Bad request bodies get docs/API.md's 400 validation_failed (413 when too large), with the paths of
// the wrong fields in details, and write nothing.

let h: Harness;
let t: TestTenant;
let org: { id: string; member: string };
let pending: { id: string; villageId: string };
let active: { id: string; villageId: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  org = await h.organization(t);
  pending = await h.pendingPairing(t);
  active = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
});

const post = (url: string, body: unknown) => h.call('POST', url, { token: t.bureau, body: body as Record<string, unknown> | string });
const pathsOf = (res: { body: { error: { details: { path: string }[] } } }) => res.body.error.details.map((d) => d.path);

/** Everything a refused request might have written, as the bureau sees it. */
async function everything() {
  const urls = ['/api/villages?limit=100', '/api/organizations?limit=100', '/api/pairings?limit=100', `/api/pairings/${active.id}/activities`];
  return Promise.all(urls.map((u) => h.get(t.bureau, u)));
}

function expect400(res: { status: number; body: any }, paths: string[]) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(pathsOf(res)).toEqual(paths);
}

/** A valid credit code with its check character replaced by another character of the set. */
function wrongCheckChar(good = creditCode()): string {
  const other = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(good[17]) + 1) % CREDIT_CODE_CHARSET.length];
  return good.slice(0, 17) + other;
}

describe('bodies that are not JSON objects', () => {
  it('malformed JSON is a 400 validation_failed and writes nothing', async () => {
    const before = await everything();
    expect400(await post('/api/villages', '{"name": "测试村", '), ['(body)']);
    expect400(await post(`/api/pairings/${active.id}/activities`, '{date:'), ['(body)']);
    expect(await everything()).toEqual(before);
  });

  it('a body sent as text/plain is a 400, not a 500', async () => {
    const before = await everything();
    const res = await h.call('POST', '/api/villages', { token: t.bureau, body: JSON.stringify(makeVillage()), headers: { 'content-type': 'text/plain' } });
    expect400(res, ['(body)']);
    expect(await everything()).toEqual(before);
  });

  it('a body over 1 MB is a 413 payload_too_large and writes nothing', async () => {
    const before = await everything();
    const res = await post('/api/villages', makeVillage({ name: '村'.repeat(400_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await everything()).toEqual(before);
  });
});

describe('fields of the wrong type or value', () => {
  it.each([
    ['a number sent as a string', makeVillage({ households: '200' }), ['households']],
    ['a boolean sent as a string', makeVillage({ supervised: 'yes' }), ['supervised']],
    ['an unknown status', makeVillage({ status: 'poor' }), ['status']],
    ['an unknown need', makeVillage({ needs: ['industry', 'tourism'] }), ['needs.1']],
    ['a fractional household count', makeVillage({ households: 10.5 }), ['households']],
    ['more poor households than households', makeVillage({ households: 10, poorHouseholds: 11 }), ['poorHouseholds']],
    ['an impossible date', makeVillage({ registeredOn: '2026-02-30' }), ['registeredOn']],
    ['a date in another format', makeVillage({ registeredOn: '2026/01/01' }), ['registeredOn']],
    ['several wrong fields at once', makeVillage({ name: '', population: -1, status: 'x' }), ['name', 'population', 'status']],
  ])('a village with %s is refused with the field paths', async (_what, body, paths) => {
    const before = await everything();
    expect400(await post('/api/villages', body), paths);
    expect(await everything()).toEqual(before);
  });

  it.each([
    ['an unknown kind', makeOrganization({ kind: 'company' }), ['kind']],
    ['a credit code with a wrong check character', makeOrganization({ creditCode: wrongCheckChar() }), ['creditCode']],
    ['a credit code of 17 characters', makeOrganization({ creditCode: creditCode().slice(0, 17) }), ['creditCode']],
    ['a credit code with a letter outside the set (O)', makeOrganization({ creditCode: 'O' + creditCode().slice(1) }), ['creditCode']],
    ['a malformed phone number', makeOrganization({ contactPhone: '12345' }), ['contactPhone']],
  ])('an organization with %s is refused', async (_what, body, paths) => {
    const before = await everything();
    expect400(await post('/api/organizations', body), paths);
    expect(await everything()).toEqual(before);
  });

  it('a credit code is refused for its check character alone: the same 17 characters with the right one pass', async () => {
    const good = creditCode();
    expect400(await post('/api/organizations', makeOrganization({ creditCode: wrongCheckChar(good) })), ['creditCode']);
    expect((await post('/api/organizations', makeOrganization({ creditCode: good }))).status).toBe(201);
  });

  const visit = { date: '2026-06-01', type: 'visit', peopleReached: 3, description: '走访' };
  it.each([
    ['a negative amountFen', { ...visit, amountFen: -1 }, ['amountFen']],
    ['a fractional amountFen', { ...visit, amountFen: 1.5 }, ['amountFen']],
    ['an amountFen as a string', { ...visit, amountFen: '100' }, ['amountFen']],
    ['an unknown type', { ...visit, type: 'party' }, ['type']],
    ['an impossible date', { ...visit, date: '2026-02-30' }, ['date']],
    ['no description', { ...visit, description: '  ' }, ['description']],
  ])('an activity with %s is refused', async (_what, body, paths) => {
    const before = await everything();
    expect400(await post(`/api/pairings/${active.id}/activities`, body), paths);
    expect(await everything()).toEqual(before);
    expect((await h.get(t.bureau, `/api/pairings/${active.id}`)).activityCount).toBe(0);
  });

  it.each([
    ['a negative moneyFen', { moneyFen: -100 }, ['commitment.moneyFen']],
    ['a fractional moneyFen', { moneyFen: 0.5 }, ['commitment.moneyFen']],
    ['a negative goodsFen', { goodsFen: -1 }, ['commitment.goodsFen']],
    ['a fractional job count', { jobs: 2.5 }, ['commitment.jobs']],
  ])('a claim whose commitment has %s is refused', async (_what, commitment, paths) => {
    const villageId = await h.village(t);
    const before = await everything();
    expect400(await h.call('POST', '/api/pairings', { token: org.member, body: { villageId, commitment } }), paths);
    expect(await everything()).toEqual(before);
  });

  it('impossible dates are refused when approving, ending and claiming', async () => {
    const before = await everything();
    expect400(await post(`/api/pairings/${pending.id}/approve`, { startDate: '2026-02-30' }), ['startDate']);
    expect400(await post(`/api/pairings/${active.id}/end`, { endDate: '2025-13-01' }), ['endDate']);
    expect400(await post('/api/pairings', { villageId: pending.villageId, organizationId: org.id, startDate: '2026-04-31' }), ['startDate']);
    expect(await everything()).toEqual(before);
  });

  it('an edit with a wrong field leaves the record as it was', async () => {
    const before = await h.get(t.bureau, `/api/villages/${active.villageId}`);
    const res = await h.call('PATCH', `/api/villages/${active.villageId}`, { token: t.bureau, body: { name: '新名', households: -5 } });
    expect400(res, ['households']);
    expect(await h.get(t.bureau, `/api/villages/${active.villageId}`)).toEqual(before);
  });
});
