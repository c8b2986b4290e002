import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, makeOrganization, makeVillage, type Harness, type TestTenant } from '../support/harness.js';

// Every write leaves an append-only audit event: who (actor), what (entity, id, action), when,
// and the record before and after. The bureau reads them with GET /api/audit.

let h: Harness;
let t: TestTenant;
let bureauEmail: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  bureauEmail = `admin@${t.slug}.test`;
});

type Event = { entity: string; entityId: string; action: string; actor: { id: string; email: string; role: string }; at: string; before: any; after: any };
const last = async (entity: string, id: string): Promise<Event> => (await h.audit(t, entity, id)).at(-1);
const bureau = () => ({ email: bureauEmail, role: 'bureau_admin', id: expect.any(String) });

describe('every write is audited', () => {
  it('registering and editing a village', async () => {
    const created = await h.call('POST', '/api/villages', { token: t.bureau, body: makeVillage({ name: '审计村' }) });
    const id = created.body.id;
    expect(await last('village', id)).toMatchObject({
      action: 'create',
      entityId: id,
      actor: bureau(),
      before: null,
      after: { name: '审计村' },
      at: '2026-06-15T04:00:00.000Z',
    });
    await h.call('PATCH', `/api/villages/${id}`, { token: t.bureau, body: { name: '审计新村' } });
    expect(await last('village', id)).toMatchObject({ action: 'update', before: { name: '审计村' }, after: { name: '审计新村' } });
    expect(await h.audit(t, 'village', id)).toHaveLength(2);
  });

  it('registering, editing and reviewing an organization', async () => {
    const id = (await h.call('POST', '/api/organizations', { token: t.bureau, body: makeOrganization({ name: '审计学校' }) })).body.id;
    expect(await last('organization', id)).toMatchObject({ action: 'create', actor: bureau(), before: null, after: { name: '审计学校', status: 'pending' } });
    for (const [action, from, to] of [
      ['approve', 'pending', 'approved'],
      ['suspend', 'approved', 'suspended'],
      ['approve', 'suspended', 'approved'],
    ]) {
      await h.call('POST', `/api/organizations/${id}/${action}`, { token: t.bureau });
      expect(await last('organization', id)).toMatchObject({ action, before: { status: from }, after: { status: to } });
    }
    const member = await h.member(t, id);
    await h.call('PATCH', `/api/organizations/${id}`, { token: member, body: { contactName: '赵老师' } });
    expect(await last('organization', id)).toMatchObject({
      action: 'update',
      actor: { role: 'org_member', email: expect.stringContaining('@org.test') },
      before: { contactName: '张老师' },
      after: { contactName: '赵老师' },
    });
    const rejected = (await h.call('POST', '/api/organizations', { token: t.bureau, body: makeOrganization() })).body.id;
    await h.call('POST', `/api/organizations/${rejected}/reject`, { token: t.bureau, body: { reason: '资质不符' } });
    expect(await last('organization', rejected)).toMatchObject({
      action: 'reject',
      before: { status: 'pending' },
      after: { status: 'rejected', statusReason: '资质不符' },
    });
  });

  it('claiming, approving, rejecting and ending pairings', async () => {
    const org = await h.organization(t);
    const villageId = await h.village(t);
    const id = (await h.call('POST', '/api/pairings', { token: org.member, body: { villageId } })).body.id;
    expect(await last('pairing', id)).toMatchObject({ action: 'claim', actor: { role: 'org_member' }, before: null, after: { status: 'pending' } });
    await h.call('POST', `/api/pairings/${id}/approve`, { token: t.bureau, body: { startDate: '2026-02-01' } });
    expect(await last('pairing', id)).toMatchObject({
      action: 'approve',
      actor: bureau(),
      before: { status: 'pending', startDate: null },
      after: { status: 'active', startDate: '2026-02-01' },
    });
    await h.endPairing(t, id, '2026-06-01');
    expect(await last('pairing', id)).toMatchObject({
      action: 'end',
      before: { status: 'active', endDate: null },
      after: { status: 'ended', endDate: '2026-06-01' },
    });
    const p = await h.pendingPairing(t);
    await h.call('POST', `/api/pairings/${p.id}/reject`, { token: t.bureau, body: { reason: '重复' } });
    expect(await last('pairing', p.id)).toMatchObject({ action: 'reject', before: { status: 'pending' }, after: { status: 'rejected', reason: '重复' } });
  });

  it('logging an activity', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const act = await h.call('POST', `/api/pairings/${p.id}/activities`, {
      token: org.member,
      body: { date: '2026-06-02', type: 'sales', peopleReached: 40, amountFen: 880_000, description: '消费帮扶对接会' },
    });
    expect(await last('activity', act.body.id)).toMatchObject({
      action: 'create',
      actor: { role: 'org_member' },
      before: null,
      after: { amountFen: 880_000, pairingId: p.id },
    });
  });

  it('creating a user, without its password hash', async () => {
    const org = { id: await h.organizationId(t) };
    const user = await h.call('POST', '/api/users', {
      token: t.bureau,
      body: { email: 'audited@org.test', password: 'secret-pass-1', role: 'org_member', organizationId: org.id },
    });
    const e = await last('user', user.body.id);
    expect(e).toMatchObject({ action: 'create', actor: bureau(), before: null, after: { email: 'audited@org.test', role: 'org_member' } });
    expect(JSON.stringify(e)).not.toMatch(/passwordHash|scrypt|secret-pass-1/);
  });

  it('creating the tenant (by the platform admin) and changing its settings', async () => {
    expect(await h.audit(t, 'tenant', t.id)).toEqual([
      expect.objectContaining({
        action: 'create',
        actor: expect.objectContaining({ role: 'platform_admin', email: h.platformEmail }),
        before: null,
        after: expect.objectContaining({ slug: t.slug }),
      }),
    ]);
    await h.call('PATCH', '/api/settings', { token: t.bureau, body: { maxActivePairingsPerOrg: 5 } });
    expect(await last('tenant', t.id)).toMatchObject({
      action: 'update_settings',
      actor: bureau(),
      before: { maxActivePairingsPerOrg: 3 },
      after: { maxActivePairingsPerOrg: 5 },
    });
  });
});

describe('the trail', () => {
  it('lists a record’s events oldest first and keeps no internal keys', async () => {
    const p = await h.activePairing(t, { startDate: '2026-01-01' });
    await h.endPairing(t, p.id, '2026-06-01');
    const trail = await h.audit(t, 'pairing', p.id);
    expect(trail.map((e: Event) => e.action)).toEqual(['claim', 'approve', 'end']);
    expect(JSON.stringify(trail)).not.toMatch(/"(pk|sk|villagePk|orgPk)"/);
  });

  it('a refused write leaves no event', async () => {
    const id = await h.village(t);
    const res = await h.call('PATCH', `/api/villages/${id}`, { token: t.bureau, body: { households: 1, poorHouseholds: 2 } });
    expect(res.status).toBe(400);
    expect(await h.audit(t, 'village', id)).toHaveLength(1);
  });
});
