import { beforeAll, describe, expect, it } from 'vitest';
import { backfillActivityPointers } from '../../functions/modules/activities/backfill.js';
import { ACTIVITY_POINTERS_BACKFILLED, counterKey } from '../../functions/modules/counters/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Evidence of the help: who took part in an activity (a headcount and named helpers of the
// pairing's organization), in person or remote, and up to 9 photos; rule 4 counts a quarter's visit
// only when its team reaches the tenant's minimum size (default 2). "Today" is 2026-06-15 in Shanghai.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const visit = (overrides: Record<string, unknown> = {}) => ({ date: '2026-06-01', type: 'visit', peopleReached: 10, description: '入户走访', ...overrides });
const log = (token: string, pairingId: string, body: Record<string, unknown>) => h.call('POST', `/api/pairings/${pairingId}/activities`, { token, body });
const addHelper = async (orgId: string, name: string) =>
  (await h.call('POST', `/api/organizations/${orgId}/helpers`, { token: t.bureau, body: { name, role: '帮扶队员' } })).body.id as string;
const activitiesOf = async (pairingId: string) => (await h.get(t.bureau, `/api/pairings/${pairingId}/activities`)).items;
const upload = async (token: string, activityId: string) => {
  const form = new FormData();
  form.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'p.png', { type: 'image/png' }));
  const res = await h.app.request(`/api/activities/${activityId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json() };
};

describe('who took part', () => {
  it('a headcount and named helpers, remote or in person (the default); an activity without them still reads', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const [a, b] = [await addHelper(org.id, '张三'), await addHelper(org.id, '李四')];
    const res = await log(org.member, p.id, visit({ participants: { headcount: 3, helperIds: [a, b] }, mode: 'remote' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ participants: { headcount: 3, helperIds: [a, b] }, mode: 'remote', photos: [] });
    const plain = await log(org.member, p.id, visit({ type: 'training', date: '2026-06-02' }));
    expect(plain.body).toMatchObject({ mode: 'in_person' });
    expect(plain.body.participants).toBeUndefined();
    expect((await activitiesOf(p.id)).map((x: { id: string }) => x.id)).toEqual([plain.body.id, res.body.id]);
  });

  it('fewer people than named helpers is a 400 at participants.headcount, nothing written', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const [a, b] = [await addHelper(org.id, '张三'), await addHelper(org.id, '李四')];
    const res = await log(t.bureau, p.id, visit({ participants: { headcount: 1, helperIds: [a, b] } }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'participants.headcount', message: '参与人数不能少于所列参与队员人数' })]);
    expect(await activitiesOf(p.id)).toEqual([]);
  });

  it('a helper of another organization is a 400 at participants.helperIds.N, nothing written', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const own = await addHelper(org.id, '张三');
    const foreign = await addHelper(await h.organizationId(t), '外人');
    const res = await log(t.bureau, p.id, visit({ participants: { headcount: 2, helperIds: [own, foreign] } }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'participants.helperIds.1' })]);
    expect(await activitiesOf(p.id)).toEqual([]);
    expect((await h.get(t.bureau, `/api/pairings/${p.id}`)).activityCount).toBe(0);
  });
});

describe('rule 4: a visit by too small a team', () => {
  it('a visit below the tenant’s minimum team size does not count: flagged `small_team`; the setting is honoured', async () => {
    const tt = await h.tenant();
    const [alone, pair, unsized] = [
      await h.activePairing(tt, { startDate: '2026-01-01' }),
      await h.activePairing(tt, { startDate: '2026-01-01' }),
      await h.activePairing(tt, { startDate: '2026-01-01' }),
    ];
    const none = await h.activePairing(tt, { startDate: '2026-01-01' });
    expect((await log(tt.bureau, alone.id, visit({ participants: { headcount: 1 } }))).status).toBe(201);
    expect((await log(tt.bureau, pair.id, visit({ participants: { headcount: 2 } }))).status).toBe(201);
    expect((await log(tt.bureau, pair.id, visit({ date: '2026-06-03', participants: { headcount: 1 } }))).status).toBe(201);
    expect((await log(tt.bureau, unsized.id, visit())).status).toBe(201);
    const read = async () => {
      const q = await h.get(tt.bureau, '/api/visits?quarter=2026-Q2');
      return { flagged: q.flagged, by: Object.fromEntries(q.items.map((i: { pairingId: string }) => [i.pairingId, i])) };
    };
    let q = await read();
    expect(q.by[alone.id]).toMatchObject({ visits: 1, largestTeam: 1, flagged: true, reason: 'small_team' });
    expect(q.by[pair.id]).toMatchObject({ visits: 2, largestTeam: 2, flagged: false, reason: null });
    expect(q.by[unsized.id]).toMatchObject({ visits: 1, largestTeam: null, flagged: false, reason: null });
    expect(q.by[none.id]).toMatchObject({ visits: 0, flagged: true, reason: 'no_visit' });
    expect(q.flagged).toBe(2);
    // the bureau raises the minimum to 3: the pair's visits no longer count either
    const set = await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { minVisitTeamSize: 3 } });
    expect(set.status).toBe(200);
    expect(set.body.minVisitTeamSize).toBe(3);
    q = await read();
    expect(q.by[pair.id]).toMatchObject({ flagged: true, reason: 'small_team' });
    expect(q.flagged).toBe(3);
    // and to 1: any visit counts
    await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { minVisitTeamSize: 1 } });
    q = await read();
    expect(q.flagged).toBe(1);
  });

  it('the minimum team size is 1–10, and reads 2 when never set', async () => {
    const tt = await h.tenant();
    expect((await h.get(tt.bureau, '/api/settings')).minVisitTeamSize).toBe(2);
    for (const bad of [0, 11, 2.5]) {
      const res = await h.call('PATCH', '/api/settings', { token: tt.bureau, body: { minVisitTeamSize: bad } });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('minVisitTeamSize');
    }
  });
});

describe('photos of an activity', () => {
  it('up to 9 photos, listed on the activity, served to the bureau and the organization only; a 10th is a 409', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const act = (await log(org.member, p.id, visit())).body;
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await upload(org.member, act.id);
      expect(res.status).toBe(201);
      ids.push(res.body.photoId);
    }
    const tenth = await upload(t.bureau, act.id);
    expect(tenth.status).toBe(409);
    expect(tenth.body.error.message).toBe('每条帮扶活动最多 9 张照片');
    const [listed] = await activitiesOf(p.id);
    expect(listed.photos.map((x: { id: string }) => x.id)).toEqual(ids);
    const img = await h.app.request(listed.photos[0].url, { headers: { authorization: `Bearer ${org.member}` } });
    expect(img.status).toBe(200);
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(PNG_1x1);
    const outsider = await h.organization(t);
    expect((await h.app.request(listed.photos[0].url, { headers: { authorization: `Bearer ${outsider.member}` } })).status).toBe(404);
    expect((await upload(outsider.member, act.id)).status).toBe(404);
    // not on the public photo route
    expect((await h.call('GET', `/api/public/${t.slug}/photos/${ids[0]}`)).status).toBe(404);
    // one taken off makes room for another
    expect((await h.call('DELETE', `/api/activities/${act.id}/photos/${ids[0]}`, { token: org.member })).status).toBe(204);
    expect((await upload(t.bureau, act.id)).status).toBe(201);
    expect((await activitiesOf(p.id))[0].photos).toHaveLength(9);
  });

  it('an activity logged before activities had a pointer gets one from the migration, and then takes photos; a rerun changes nothing', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-05' });
    const act = (await log(org.member, p.id, visit({ participants: { headcount: 2 } }))).body;
    // as such an activity is stored: no pointer, and a tenant from before the migration (no marker)
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    const marker = counterKey(store, ACTIVITY_POINTERS_BACKFILLED);
    await store.transact([{ Delete: { Key: { pk: store.pk('ACTIVITY'), sk: act.id } } }, { Delete: { Key: marker } }]);
    expect((await upload(org.member, act.id)).status).toBe(404);
    expect(await backfillActivityPointers(store, h.clock.now)).toBe(true);
    expect((await upload(org.member, act.id)).status).toBe(201);
    expect(await backfillActivityPointers(store, h.clock.now)).toBe(false);
    // the pointer keeps the tenant wall: another tenant's member still gets a 404
    const u = await h.tenant();
    const outsider = await h.organization(u);
    expect((await upload(outsider.member, act.id)).status).toBe(404);
  });

  it('not an image is a 400 at `file`, nothing recorded', async () => {
    const p = await h.activePairing(t, { startDate: '2026-01-01' });
    const act = (await log(t.bureau, p.id, visit())).body;
    const form = new FormData();
    form.append('file', new File([new TextEncoder().encode('not a photo')], 'x.png', { type: 'image/png' }));
    const res = await h.app.request(`/api/activities/${act.id}/photos`, { method: 'POST', headers: { authorization: `Bearer ${t.bureau}` }, body: form });
    expect(res.status).toBe(400);
    expect((await activitiesOf(p.id))[0].photos).toEqual([]);
  });
});
