import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode, makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 15, hole 3: a member renamed its approved organization to another registered organization's
// name (or changed its credit code or kind) and stayed approved, and the public pages showed the
// copied name. Now such a change is a request the bureau approves or rejects; the bureau's own
// edits apply at once; no rename may take another organization's name; all of it is audited.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});
afterAll(() => h.stopMail());

/** An approved organization with a member and an active pairing (so the public page names it). */
async function pairedOrg(name: string) {
  const org = await h.organization(t, { name });
  const villageId = await h.village(t);
  await h.activePairing(t, { orgId: org.id, villageId, startDate: '2026-01-01' });
  return { ...org, villageId };
}

async function publicNames(villageId: string): Promise<string[]> {
  const res = await h.call('GET', `/api/public/${t.slug}/villages/${villageId}/transparency`);
  expect(res.status).toBe(200);
  const orgs = (res.body.organizations ?? res.body.village?.organizations) as { name: string }[];
  return orgs.map((o) => o.name);
}

const pendingOf = async (orgId: string) => (await h.get(t.bureau, `/api/organization-changes?status=pending&organizationId=${orgId}`)).items;

describe("a member's change of its approved organization's identity", () => {
  it('renaming to another registered organization’s name is refused (409) and changes nothing', async () => {
    await h.organizationId(t, { name: '阳光培训学校' });
    const mine = await pairedOrg('山里红合作社');
    const res = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '阳光 培训学校' } });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'name', code: 'duplicate' })]);
    expect((await h.get(mine.member, `/api/organizations/${mine.id}`)).name).toBe('山里红合作社');
    expect(await publicNames(mine.villageId)).toEqual(['山里红合作社']);
    expect(await pendingOf(mine.id)).toEqual([]);
  });

  it('a new name, kind or credit code becomes a pending request: 202, the organization and the public page unchanged, contact fields applied', async () => {
    const mine = await pairedOrg('青山茶叶公司');
    const code = creditCode();
    const res = await h.call('PATCH', `/api/organizations/${mine.id}`, {
      token: mine.member,
      body: { name: '青山茶业集团', kind: 'enterprise', creditCode: code, contactName: '周经理' },
    });
    expect(res.status).toBe(202);
    expect(res.body.change).toMatchObject({
      organizationId: mine.id,
      status: 'pending',
      before: { name: '青山茶叶公司', kind: 'social_org' },
      after: { name: '青山茶业集团', kind: 'enterprise', creditCode: code },
    });
    const org = await h.get(mine.member, `/api/organizations/${mine.id}`);
    expect(org).toMatchObject({ name: '青山茶叶公司', kind: 'social_org', status: 'approved', contactName: '周经理' });
    expect(org.creditCode).not.toBe(code);
    expect(res.body.organization).toEqual(org);
    expect(await publicNames(mine.villageId)).toEqual(['青山茶叶公司']);
    expect((await pendingOf(mine.id)).map((c: { id: string }) => c.id)).toEqual([res.body.change.id]);
    // the member sees its own request; the request and the contact change are both in the trail
    expect((await h.get(mine.member, '/api/organization-changes?status=pending')).items.map((c: { id: string }) => c.id)).toEqual([res.body.change.id]);
    const trail = await h.audit(t, 'organization', mine.id);
    expect(trail.map((e) => e.action)).toEqual(['create', 'approve', 'update', 'change_request']);
    expect(trail.at(-1)).toMatchObject({ before: { name: '青山茶叶公司' }, after: { name: '青山茶业集团', creditCode: code }, actor: { role: 'org_member' } });
  });

  it('the same request again is answered with the open one; a different one supersedes it (one open per organization)', async () => {
    const mine = await h.organization(t, { name: '绿水养殖场' });
    const first = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '绿水生态养殖场' } });
    const again = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '绿水生态养殖场' } });
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body.change.id).toBe(first.body.change.id);
    expect((await h.audit(t, 'organization', mine.id)).filter((e) => e.action === 'change_request')).toHaveLength(1);
    const other = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '绿水农业' } });
    expect(other.status).toBe(202);
    expect(other.body.change.id).not.toBe(first.body.change.id);
    const all = (await h.get(t.bureau, `/api/organization-changes?organizationId=${mine.id}`)).items;
    expect(all.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [other.body.change.id, 'pending'],
      [first.body.change.id, 'superseded'],
    ]);
    // the superseded one can no longer be approved
    expect((await h.call('POST', `/api/organization-changes/${first.body.change.id}/approve`, { token: t.bureau })).status).toBe(409);
  });

  it('the bureau approves: the change applies, is audited and told to the organization; the public page shows the new name', async () => {
    const mine = await pairedOrg('白云手工坊');
    const code = creditCode();
    const asked = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '白云非遗工坊', creditCode: code } });
    const ok = await h.call('POST', `/api/organization-changes/${asked.body.change.id}/approve`, { token: t.bureau });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', decidedBy: { email: expect.stringContaining('admin@') } });
    expect(await h.get(mine.member, `/api/organizations/${mine.id}`)).toMatchObject({ name: '白云非遗工坊', creditCode: code, status: 'approved' });
    expect(await publicNames(mine.villageId)).toEqual(['白云非遗工坊']);
    expect(await pendingOf(mine.id)).toEqual([]);
    const last = (await h.audit(t, 'organization', mine.id)).at(-1);
    expect(last).toMatchObject({
      action: 'change_approve',
      before: { name: '白云手工坊' },
      after: { name: '白云非遗工坊', creditCode: code },
      actor: { role: 'bureau_admin' },
    });
    // the credit-code claim moved with it: another organization cannot register the new code, the old one is free
    const taken = await h.call('POST', '/api/organizations', {
      token: t.bureau,
      body: { name: '别家', kind: 'enterprise', creditCode: code, contactName: '甲', contactPhone: '13800000000' },
    });
    expect(taken.status).toBe(409);
    // approved twice: 409
    expect((await h.call('POST', `/api/organization-changes/${asked.body.change.id}/approve`, { token: t.bureau })).status).toBe(409);
    await h.deliver();
    const bell = (await h.get(mine.member, '/api/notifications')).items;
    expect(bell[0]).toMatchObject({ kind: 'organization_change_decided', title: expect.stringContaining('白云非遗工坊') });
  });

  it('approving a rename to a name taken meanwhile is refused (409) and leaves the request pending', async () => {
    const mine = await h.organization(t, { name: '金穗米业' });
    const asked = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '金穗粮油' } });
    expect(asked.status).toBe(202);
    await h.organizationId(t, { name: '金穗粮油' });
    const res = await h.call('POST', `/api/organization-changes/${asked.body.change.id}/approve`, { token: t.bureau });
    expect(res.status).toBe(409);
    expect((await h.get(t.bureau, `/api/organizations/${mine.id}`)).name).toBe('金穗米业');
    expect((await pendingOf(mine.id)).map((c: { id: string }) => c.id)).toEqual([asked.body.change.id]);
  });

  it('two approvals racing to one name: only one lands', async () => {
    const [x, y] = [await h.organization(t, { name: '东坡甲' }), await h.organization(t, { name: '东坡乙' })];
    const ax = await h.call('PATCH', `/api/organizations/${x.id}`, { token: x.member, body: { name: '东坡农庄' } });
    const ay = await h.call('PATCH', `/api/organizations/${y.id}`, { token: y.member, body: { name: '东坡农庄' } });
    const results = await Promise.all([ax, ay].map((a) => h.call('POST', `/api/organization-changes/${a.body.change.id}/approve`, { token: t.bureau })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const names = [(await h.get(t.bureau, `/api/organizations/${x.id}`)).name, (await h.get(t.bureau, `/api/organizations/${y.id}`)).name];
    expect(names.filter((n) => n === '东坡农庄')).toHaveLength(1);
  });

  it('the bureau rejects with a reason: nothing changes, the rejection is audited and told', async () => {
    const mine = await h.organization(t, { name: '红星幼儿园' });
    const asked = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { kind: 'enterprise' } });
    expect(asked.status).toBe(202);
    const noReason = await h.call('POST', `/api/organization-changes/${asked.body.change.id}/reject`, { token: t.bureau, body: { reason: ' ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toMatchObject({ path: 'reason', message: '请填写驳回原因' });
    const res = await h.call('POST', `/api/organization-changes/${asked.body.change.id}/reject`, {
      token: t.bureau,
      body: { reason: '登记证书显示为民办非企业单位' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', reason: '登记证书显示为民办非企业单位' });
    expect((await h.get(mine.member, `/api/organizations/${mine.id}`)).kind).toBe('social_org');
    expect(await pendingOf(mine.id)).toEqual([]);
    expect((await h.audit(t, 'organization', mine.id)).at(-1)).toMatchObject({
      action: 'change_reject',
      after: { status: 'rejected', reason: '登记证书显示为民办非企业单位' },
    });
    expect((await h.call('POST', `/api/organization-changes/${asked.body.change.id}/approve`, { token: t.bureau })).status).toBe(409);
  });

  it("the bureau's own edits apply at once (200), under the same name rule", async () => {
    const mine = await h.organization(t, { name: '众创协会' });
    const res = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: t.bureau, body: { name: '众创企业协会', kind: 'enterprise' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '众创企业协会', kind: 'enterprise' });
    expect(await pendingOf(mine.id)).toEqual([]);
    await h.organizationId(t, { name: '其他协会' });
    expect((await h.call('PATCH', `/api/organizations/${mine.id}`, { token: t.bureau, body: { name: '其他协会' } })).status).toBe(409);
  });

  it('contact changes alone still apply at once (200)', async () => {
    const mine = await h.organization(t, { name: '晨光书院' });
    const res = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '晨光书院', contactPhone: '13911112222' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '晨光书院', contactPhone: '13911112222' });
    expect(await pendingOf(mine.id)).toEqual([]);
  });
});

describe('who may see and decide change requests', () => {
  it("a member of another organization, and another tenant's bureau, get 404; members cannot decide", async () => {
    const mine = await h.organization(t, { name: '远山助学会' });
    const other = await h.organization(t, { name: '近水助老会' });
    const asked = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '远山助学基金会' } });
    const id = asked.body.change.id;
    expect((await h.call('PATCH', `/api/organizations/${mine.id}`, { token: other.member, body: { name: '抢名' } })).status).toBe(404);
    // another organization's member sees none of it, even asking for it by organization
    expect((await h.get(other.member, `/api/organization-changes?organizationId=${mine.id}`)).items).toEqual([]);
    expect((await h.call('POST', `/api/organization-changes/${id}/approve`, { token: mine.member })).status).toBe(403);
    const b = await h.tenant();
    expect((await h.call('POST', `/api/organization-changes/${id}/approve`, { token: b.bureau })).status).toBe(404);
    expect((await h.call('POST', `/api/organization-changes/${id}/reject`, { token: b.bureau, body: { reason: '越权' } })).status).toBe(404);
    expect((await h.get(b.bureau, '/api/organization-changes')).items).toEqual([]);
    expect((await pendingOf(mine.id)).map((c: { id: string }) => c.id)).toEqual([id]);
  });
});

describe('before the first approval', () => {
  it("a pending organization's member may still correct its identity at once (the approval reviews it)", async () => {
    const mine = await h.organization(t, { name: '待审合作社' }, false);
    const res = await h.call('PATCH', `/api/organizations/${mine.id}`, { token: mine.member, body: { name: '待审农民合作社' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '待审农民合作社', status: 'pending' });
  });
});
