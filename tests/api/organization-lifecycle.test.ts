import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, makeOrganization, type Harness, type TestTenant } from '../support/harness.js';

// Organizations: pending → approved | rejected; approved → suspended; suspended → approved.
// Every other review is a 409 that changes nothing.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

type Status = 'pending' | 'approved' | 'rejected' | 'suspended';
type Review = 'approve' | 'reject' | 'suspend';

const review = (id: string, action: Review, body?: Record<string, unknown>) => h.call('POST', `/api/organizations/${id}/${action}`, { token: t.bureau, body });

/** A new organization brought to `status` through the API. */
async function orgIn(status: Status): Promise<string> {
  const res = await h.call('POST', '/api/organizations', { token: t.bureau, body: makeOrganization() });
  expect(res.status).toBe(201);
  const path: Record<Status, Review[]> = { pending: [], approved: ['approve'], rejected: ['reject'], suspended: ['approve', 'suspend'] };
  for (const step of path[status]) expect((await review(res.body.id, step)).status).toBe(200);
  return res.body.id;
}

describe('allowed reviews', () => {
  it('a new organization starts pending, whatever status the body claims', async () => {
    const res = await h.call('POST', '/api/organizations', { token: t.bureau, body: makeOrganization({ status: 'approved' }) });
    expect(res.status).toBe(201);
    expect((await h.get(t.bureau, `/api/organizations/${res.body.id}`)).status).toBe('pending');
  });

  it.each([
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['approved', 'suspend', 'suspended'],
    ['suspended', 'approve', 'approved'],
  ] as [Status, Review, Status][])('a %s organization may be told to %s and becomes %s', async (from, action, to) => {
    const id = await orgIn(from);
    const res = await review(id, action, { reason: '审核意见' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(to);
    expect(await h.get(t.bureau, `/api/organizations/${id}`)).toMatchObject({ status: to, statusReason: '审核意见' });
  });
});

describe('refused reviews', () => {
  it.each([
    ['pending', 'suspend'],
    ['approved', 'approve'],
    ['approved', 'reject'],
    ['rejected', 'approve'],
    ['rejected', 'reject'],
    ['rejected', 'suspend'],
    ['suspended', 'reject'],
    ['suspended', 'suspend'],
  ] as [Status, Review][])('a %s organization cannot be told to %s: 409 and nothing changes', async (from, action) => {
    const id = await orgIn(from);
    const before = await h.get(t.bureau, `/api/organizations/${id}`);
    const trail = await h.audit(t, 'organization', id);
    const res = await review(id, action);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(await h.get(t.bureau, `/api/organizations/${id}`)).toEqual(before);
    expect(await h.audit(t, 'organization', id)).toHaveLength(trail.length);
  });
});

describe('status moves only by review', () => {
  it("an organization's member cannot approve it by editing its status", async () => {
    const id = await orgIn('pending');
    const member = await h.member(t, id);
    const res = await h.call('PATCH', `/api/organizations/${id}`, { token: member, body: { status: 'approved', contactName: '李主任' } });
    expect(res.status).toBe(200);
    expect(await h.get(t.bureau, `/api/organizations/${id}`)).toMatchObject({ status: 'pending', contactName: '李主任' });
  });

  it('the bureau cannot un-suspend by editing the status either', async () => {
    const id = await orgIn('suspended');
    await h.call('PATCH', `/api/organizations/${id}`, { token: t.bureau, body: { status: 'approved' } });
    expect((await h.get(t.bureau, `/api/organizations/${id}`)).status).toBe('suspended');
  });
});
