import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// An org_member sees and edits only its own organization and its pairings; another
// organization's record is "not found", as if it did not exist.

let h: Harness;
let t: TestTenant;
let mine: { id: string; member: string };
let theirs: { id: string; member: string };
let myPairing: { id: string; villageId: string };
let theirPairing: { id: string; villageId: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  mine = await h.organization(t, { name: '本组织' });
  theirs = await h.organization(t, { name: '别的组织' });
  myPairing = await h.activePairing(t, { orgId: mine.id, startDate: '2026-01-01' });
  theirPairing = await h.activePairing(t, { orgId: theirs.id, startDate: '2026-01-01' });
  const act = await h.call('POST', `/api/pairings/${theirPairing.id}/activities`, {
    token: theirs.member,
    body: { date: '2026-05-01', type: 'visit', peopleReached: 5, description: '走访' },
  });
  expect(act.status).toBe(201);
});

describe('organizations', () => {
  it('an org member lists only its own organization', async () => {
    expect(await h.ids(mine.member, '/api/organizations')).toEqual([mine.id]);
    expect((await h.ids(t.bureau, '/api/organizations')).sort()).toEqual([mine.id, theirs.id].sort());
  });

  it("another organization's id is not found", async () => {
    const res = await h.call('GET', `/api/organizations/${theirs.id}`, { token: mine.member });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('an org member cannot edit another organization, and it stays as it was', async () => {
    const before = await h.get(t.bureau, `/api/organizations/${theirs.id}`);
    const res = await h.call('PATCH', `/api/organizations/${theirs.id}`, { token: mine.member, body: { name: '被改名' } });
    expect(res.status).toBe(404);
    expect(await h.get(t.bureau, `/api/organizations/${theirs.id}`)).toEqual(before);
  });

  it('an org member edits its own organization', async () => {
    const res = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { contactName: '王老师' } });
    expect(res.status).toBe(200);
    expect((await h.get(mine.member, `/api/organizations/${mine.id}`)).contactName).toBe('王老师');
  });
});

describe('pairings and activities', () => {
  it("an org member lists only its own organization's pairings, even when it asks for another's", async () => {
    expect(await h.ids(mine.member, '/api/pairings')).toEqual([myPairing.id]);
    expect(await h.ids(mine.member, `/api/pairings?organizationId=${theirs.id}`)).toEqual([]);
    expect(await h.ids(mine.member, `/api/pairings?villageId=${theirPairing.villageId}`)).toEqual([]);
  });

  it("another organization's pairing is not found, nor are its activities", async () => {
    expect((await h.call('GET', `/api/pairings/${theirPairing.id}`, { token: mine.member })).status).toBe(404);
    expect((await h.call('GET', `/api/pairings/${theirPairing.id}/activities`, { token: mine.member })).status).toBe(404);
    expect((await h.call('GET', `/api/pairings/${myPairing.id}`, { token: mine.member })).status).toBe(200);
  });

  it("an org member cannot log an activity on another organization's pairing", async () => {
    const res = await h.call('POST', `/api/pairings/${theirPairing.id}/activities`, {
      token: mine.member,
      body: { date: '2026-06-01', type: 'visit', peopleReached: 1, description: '冒名走访' },
    });
    expect(res.status).toBe(404);
    expect(await h.get(t.bureau, `/api/pairings/${theirPairing.id}`)).toMatchObject({ activityCount: 1, lastActivityOn: '2026-05-01' });
  });

  it('an org member cannot claim for another organization', async () => {
    const villageId = await h.village(t);
    const res = await h.call('POST', '/api/pairings', { token: mine.member, body: { villageId, organizationId: theirs.id } });
    expect(res.status).toBe(403);
    expect(await h.ids(t.bureau, `/api/pairings?villageId=${villageId}`)).toEqual([]);
  });
});
