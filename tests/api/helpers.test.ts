import { beforeAll, describe, expect, it } from 'vitest';
import { publicHelper } from '../../functions/modules/helpers/service.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// An organization's helpers (帮扶责任人 / 帮扶队员) and a pairing's team (帮扶工作组): the bureau
// manages any organization's helpers in its tenant, a member its own organization's only (another's
// is 404); a helper's phone is a mainland mobile number; a team holds active helpers of the
// pairing's own organization only.

let h: Harness;
let t: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  [t, other] = [await h.tenant(), await h.tenant()];
});

const helper = (overrides: Record<string, unknown> = {}) => ({ name: '王建国', role: '帮扶责任人', phone: '13800001234', ...overrides });
const add = (token: string, orgId: string, body: Record<string, unknown>) => h.call('POST', `/api/organizations/${orgId}/helpers`, { token, body });
const listOf = async (token: string, orgId: string) => (await h.get(token, `/api/organizations/${orgId}/helpers`)).items;

describe('helpers of an organization', () => {
  it('the bureau adds, lists, edits and deactivates; the phone in full to it and the organization’s members', async () => {
    const org = await h.organization(t);
    const res = await add(t.bureau, org.id, helper());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ organizationId: org.id, name: '王建国', role: '帮扶责任人', phone: '13800001234', active: true });
    expect(await listOf(org.member, org.id)).toMatchObject([{ id: res.body.id, phone: '13800001234' }]);
    const edited = await h.call('PATCH', `/api/helpers/${res.body.id}`, { token: org.member, body: { role: '帮扶队员', phone: null } });
    expect(edited.status).toBe(200);
    expect(edited.body.phone).toBeUndefined();
    const off = await h.call('PATCH', `/api/helpers/${res.body.id}`, { token: t.bureau, body: { active: false } });
    expect(off.body).toMatchObject({ active: false, role: '帮扶队员' });
    expect((await h.audit(t, 'helper', res.body.id)).map((e) => e.action)).toEqual(['create', 'update', 'deactivate']);
  });

  it('a member manages its own organization’s helpers only: another organization’s, or another tenant’s, is 404', async () => {
    const mine = await h.organization(t);
    const theirs = await h.organizationId(t);
    const theirHelper = (await add(t.bureau, theirs, helper())).body.id;
    expect((await add(mine.member, mine.id, helper({ name: '李四' }))).status).toBe(201);
    expect((await add(mine.member, theirs, helper())).status).toBe(404);
    expect((await h.call('GET', `/api/organizations/${theirs}/helpers`, { token: mine.member })).status).toBe(404);
    expect((await h.call('PATCH', `/api/helpers/${theirHelper}`, { token: mine.member, body: { active: false } })).status).toBe(404);
    expect((await h.call('PATCH', `/api/helpers/${theirHelper}`, { token: other.bureau, body: { active: false } })).status).toBe(404);
    expect((await h.call('GET', `/api/organizations/${theirs}/helpers`, { token: other.bureau })).status).toBe(404);
    expect(await listOf(t.bureau, theirs)).toMatchObject([{ id: theirHelper, active: true }]);
  });

  it.each(['12345678901', '1380000123', '0938-1234567', '+8613800001234'])(
    'a phone that is not a mainland mobile (%s) is a 400 at `phone`, nothing written',
    async (phone) => {
      const orgId = await h.organizationId(t);
      const res = await add(t.bureau, orgId, helper({ phone }));
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'phone', message: '请填写 11 位中国大陆手机号' })]);
      expect(await listOf(t.bureau, orgId)).toEqual([]);
      const ok = (await add(t.bureau, orgId, helper())).body;
      expect((await h.call('PATCH', `/api/helpers/${ok.id}`, { token: t.bureau, body: { phone } })).status).toBe(400);
      expect(await listOf(t.bureau, orgId)).toMatchObject([{ phone: '13800001234' }]);
    },
  );

  it('on any surface but the console of the bureau and the organization, the phone is masked (138****1234)', async () => {
    const orgId = await h.organizationId(t);
    const added = (await add(t.bureau, orgId, helper())).body;
    expect(publicHelper(added)).toEqual({ ...added, phone: '138****1234' });
    expect(JSON.stringify(publicHelper(added))).not.toContain('13800001234');
  });

  it('name and role are at most 50 characters', async () => {
    const orgId = await h.organizationId(t);
    const res = await add(t.bureau, orgId, helper({ name: '名'.repeat(51), role: '' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'role']);
  });
});

describe('a pairing’s team', () => {
  it('active helpers of the pairing’s organization; the pairing’s view carries the team, without phones', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const a = (await add(org.member, org.id, helper())).body;
    const b = (await add(org.member, org.id, helper({ name: '赵六', role: '帮扶队员' }))).body;
    const res = await h.call('PUT', `/api/pairings/${p.id}/team`, { token: org.member, body: { helperIds: [b.id, a.id] } });
    expect(res.status).toBe(200);
    const team = [
      { id: b.id, name: '赵六', role: '帮扶队员' },
      { id: a.id, name: '王建国', role: '帮扶责任人' },
    ];
    expect(res.body.team).toEqual(team);
    expect((await h.get(t.bureau, `/api/pairings/${p.id}`)).team).toEqual(team);
    expect(await h.audit(t, 'pairing', p.id)).toContainEqual(expect.objectContaining({ action: 'team' }));
  });

  it('a helper of another organization, or a deactivated one, is a 400 at `helperIds.N`, the team unchanged', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const own = (await add(t.bureau, org.id, helper())).body;
    const foreignOrg = await h.organizationId(t);
    const foreign = (await add(t.bureau, foreignOrg, helper({ name: '外人' }))).body;
    await h.call('PUT', `/api/pairings/${p.id}/team`, { token: t.bureau, body: { helperIds: [own.id] } });
    const res = await h.call('PUT', `/api/pairings/${p.id}/team`, { token: t.bureau, body: { helperIds: [own.id, foreign.id] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'helperIds.1' })]);
    const off = (await add(t.bureau, org.id, helper({ name: '已离岗' }))).body;
    await h.call('PATCH', `/api/helpers/${off.id}`, { token: t.bureau, body: { active: false } });
    const res2 = await h.call('PUT', `/api/pairings/${p.id}/team`, { token: t.bureau, body: { helperIds: [off.id] } });
    expect(res2.status).toBe(400);
    expect(res2.body.error.details).toEqual([expect.objectContaining({ path: 'helperIds.0' })]);
    expect((await h.get(t.bureau, `/api/pairings/${p.id}`)).team).toEqual([{ id: own.id, name: '王建国', role: '帮扶责任人' }]);
  });

  it('a member sets its own pairings’ teams only (another organization’s pairing is 404)', async () => {
    const mine = await h.organization(t);
    const p = await h.activePairing(t, { startDate: '2026-01-01' });
    expect((await h.call('PUT', `/api/pairings/${p.id}/team`, { token: mine.member, body: { helperIds: [] } })).status).toBe(404);
  });
});
