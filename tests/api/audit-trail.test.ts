import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { dynamoClient } from '../../functions/adapters/dynamo-local.js';
import type { LocalPayments } from '../../functions/adapters/payments/local.js';
import { ensureTable, INDEXES } from '../../functions/store/table.js';
import { TenantStore, type TxItem } from '../../functions/store/tenant-store.js';
import { creditCode, makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 15, hole 9: writes made without an account (a public checkout, a filed concern, an
// application) and by the payment provider's signed webhook (a paid, expired or cancelled order, a
// confirmed online donation) are audited — actor `public` or `payment-provider` (with Stripe's
// event id) — in the same transaction as the change; and the bureau reads its tenant's whole log
// with GET /api/audit (no entity): newest first, by actor, entity and time, a page at a time.

let h: Harness;
let t: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  [t, other] = [await h.tenant(), await h.tenant()];
});
afterAll(() => h.stopMail());

type Event = {
  id: string;
  entity: string;
  entityId: string;
  action: string;
  actor: { id: string; email: string; role: string; eventId?: string };
  at: string;
  before: any;
  after: any;
};

const payments = () => h.deps.payments as LocalPayments;
const sessionIdOf = (url: string) => url.split('/').at(-1)!;
let evt = 0;
/** The event Stripe would send about a local checkout session, signed with the real SDK. */
async function signed(checkoutUrl: string, type: 'checkout.session.completed' | 'checkout.session.expired') {
  const s = (await payments().getSessionUnscoped(sessionIdOf(checkoutUrl)))!;
  const id = `evt_audit_${evt++}`;
  const { payload } = payments().signedEvent(s, type, id, `pi_audit_${evt}`);
  return { id, payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret: payments().webhookSecret }) };
}
const deliver = (e: { payload: string; header: string }) =>
  h.call('POST', '/api/webhooks/stripe', { body: e.payload, headers: { 'stripe-signature': e.header } });

const PUBLIC = { id: 'public', role: 'public', email: '' };
const provider = (eventId: string) => ({ id: 'payment-provider', role: 'payment_provider', email: '', eventId });
const CLIENT_IP = '203.0.113.77';

/** Every event of the tenant's log under `query`, following the cursor. */
async function log(tt: TestTenant, query = '', limit = 100): Promise<Event[]> {
  const all: Event[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Event[]; nextCursor: string | null } = await h.get(tt.bureau, `/api/audit?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe('public and webhook writes are audited', () => {
  it('a public checkout (actor public), then its paid webhook (actor payment provider, naming the Stripe event)', async () => {
    const listing = await h.listing(t, { stock: 5 });
    const order = await h.call('POST', `/api/public/${t.slug}/checkout`, {
      body: { items: [{ produceId: listing.id, quantity: 2 }], buyer: { name: '王小明', phone: '13812345678', address: '清水县幸福路 1 号' } },
      headers: { 'x-forwarded-for': CLIENT_IP },
    });
    expect(order.status).toBe(201);
    const paid = await signed(order.body.checkoutUrl, 'checkout.session.completed');
    expect((await deliver(paid)).body.outcome).toBe('paid');

    const trail: Event[] = await h.audit(t, 'order', order.body.orderId);
    expect(trail).toMatchObject([
      { action: 'create', actor: PUBLIC, before: null, after: { status: 'pending_payment', totalFen: listing.body.priceFen * 2 } },
      {
        action: 'pay',
        actor: provider(paid.id),
        before: { status: 'pending_payment' },
        after: { status: 'paid', paymentRef: expect.stringMatching(/^pi_audit_/) },
      },
    ]);
    // nothing of the client or the order's secret: no address, no token (hash), no full phone or name
    const text = JSON.stringify(trail);
    for (const secret of [CLIENT_IP, order.body.orderToken, 'tokenHash', '13812345678', '王小明']) expect(text).not.toContain(secret);
    // a replay of the same event writes no second event
    expect((await deliver(paid)).body.outcome).toBe('replay');
    expect(await h.audit(t, 'order', order.body.orderId)).toHaveLength(2);
  });

  it('an expired checkout, and one the buyer cancelled, are audited as the payment provider’s', async () => {
    const listing = await h.listing(t, { stock: 5 });
    const expired = (await h.checkout(t, [{ produceId: listing.id, quantity: 1 }])).body;
    const e = await signed(expired.checkoutUrl, 'checkout.session.expired');
    expect((await deliver(e)).body.outcome).toBe('expired');
    expect((await h.audit(t, 'order', expired.orderId)).at(-1)).toMatchObject({
      action: 'expire',
      actor: provider(e.id),
      before: { status: 'pending_payment' },
      after: { status: 'expired' },
    });

    const cancelled = (await h.checkout(t, [{ produceId: listing.id, quantity: 1 }])).body;
    expect((await h.press(cancelled.checkoutUrl, 'cancel')).status).toBeLessThan(400);
    expect((await h.audit(t, 'order', cancelled.orderId)).at(-1)).toMatchObject({
      action: 'cancel',
      actor: { id: 'payment-provider', eventId: expect.any(String) },
      after: { status: 'cancelled' },
    });
  });

  it('a confirmed online donation is audited as the payment provider’s, in the webhook’s transaction', async () => {
    const villageId = await h.village(t);
    const d = await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen: 8_800, donorName: '李四' } });
    expect(d.status).toBe(201);
    const e = await signed(d.body.checkoutUrl, 'checkout.session.completed');
    expect((await deliver(e)).body.outcome).toBe('confirmed');
    expect(await h.audit(t, 'donation', d.body.donationId)).toEqual([
      expect.objectContaining({
        action: 'confirm',
        actor: provider(e.id),
        before: { status: 'pending_payment' },
        after: expect.objectContaining({ status: 'confirmed', amountFen: 8_800, serialNo: expect.stringMatching(/^JZ-2026-/) }),
      }),
    ]);
  });

  it('a filed concern is audited as the public’s, without the reporter’s contact', async () => {
    const villageId = await h.village(t);
    const res = await h.call('POST', `/api/public/${t.slug}/concerns`, {
      body: { subject: { kind: 'village', id: villageId }, text: '公示的数字与实际不符', contact: '微信 wx-secret-contact' },
      headers: { 'x-forwarded-for': CLIENT_IP },
    });
    expect(res.status).toBe(201);
    const trail: Event[] = await h.audit(t, 'concern', res.body.concernId);
    expect(trail).toMatchObject([
      { action: 'create', actor: PUBLIC, before: null, after: { status: 'open', text: '公示的数字与实际不符', villageId, hasContact: true } },
    ]);
    expect(JSON.stringify(trail)).not.toMatch(/wx-secret-contact|203\.0\.113\.77/);
  });

  it('an application to join is audited as the public’s, without its contact’s details', async () => {
    const form = new FormData();
    const fields: Record<string, string> = {
      name: '审计申请公司',
      kind: 'enterprise',
      creditCode: creditCode(),
      contactName: '赵经理',
      contactPhone: '13912340000',
      email: 'apply-audit@example.com',
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('documents', new File([Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')], '执照.pdf', { type: 'application/pdf' }));
    const res = await h.app.request(`/api/public/${t.slug}/applications`, { method: 'POST', body: form, headers: { 'x-forwarded-for': CLIENT_IP } });
    expect(res.status).toBe(201);
    const { applicationId } = await res.json();
    const trail: Event[] = await h.audit(t, 'application', applicationId);
    expect(trail).toMatchObject([{ action: 'submit', actor: PUBLIC, before: null, after: { name: '审计申请公司', status: 'pending', documents: 1 } }]);
    expect(JSON.stringify(trail)).not.toMatch(/13912340000|apply-audit@example\.com|statusToken/);
  });

  it('the largest cart (20 listings of 20 sellers in 20 villages) still checks out and pays in one transaction each, audited', async () => {
    const sellers = [];
    const listings = [];
    for (let i = 0; i < 20; i++) {
      const s = await h.organization(t);
      const { villageId } = await h.activePairing(t, { orgId: s.id }); // a member lists for its own paired village
      sellers.push(s);
      listings.push(await h.listing(t, { villageId, stock: 3 }, s.member));
    }
    const sizes: number[] = [];
    const transact = TenantStore.prototype.transact;
    const spy = vi.spyOn(TenantStore.prototype, 'transact').mockImplementation(function (this: TenantStore, items: TxItem[], opts?: { attempts?: number }) {
      sizes.push(items.length);
      return transact.call(this, items, opts);
    });
    try {
      const buyer = sellers[0].member; // a member's purchase also counts toward its organization (one more item)
      const order = await h.checkout(
        t,
        listings.map((l) => ({ produceId: l.id, quantity: 1 })),
        { token: buyer },
      );
      expect(order.status).toBe(201);
      const e = await signed(order.body.checkoutUrl, 'checkout.session.completed');
      expect((await deliver(e)).body.outcome).toBe('paid');
      expect((await h.audit(t, 'order', order.body.orderId)).map((x: Event) => x.action)).toEqual(['create', 'pay']);
    } finally {
      spy.mockRestore();
    }
    // the payment's transaction: every line, village and seller (90 actions with its audit event; 100 is DynamoDB's limit)
    expect(Math.max(...sizes)).toBeGreaterThan(80);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
  }, 120_000);
});

describe('the tenant’s audit log (GET /api/audit without entity)', () => {
  let a: TestTenant;
  let bureauId: string;
  let concernAt1700Z: string;
  let villageId: string;

  beforeAll(async () => {
    const at = (iso: string) => (h.clock.now = new Date(iso));
    try {
      at('2026-05-30T00:00:00Z');
      a = await h.tenant();
      at('2026-05-31T16:30:00Z'); // 1 June, 00:30 in Shanghai (still 31 May in UTC): the bureau's village
      villageId = await h.village(a);
      at('2026-06-01T09:00:00Z'); // 1 June: a listing
      const listing = await h.listing(a, { villageId, stock: 9 });
      at('2026-06-01T17:00:00Z'); // 2 June, 01:00 in Shanghai: a concern from the public
      concernAt1700Z = (
        await h.call('POST', `/api/public/${a.slug}/concerns`, { body: { subject: { kind: 'village', id: villageId }, text: '夜里提交的举报' } })
      ).body.concernId;
      at('2026-06-03T02:00:00Z'); // 3 June, 10:00 in Shanghai: a checkout, paid five minutes later
      const order = (await h.checkout(a, [{ produceId: listing.id, quantity: 1 }])).body;
      at('2026-06-03T02:05:00Z');
      await deliver(await signed(order.checkoutUrl, 'checkout.session.completed'));
      at('2026-06-04T02:00:00Z'); // 4 June: the bureau edits the village
      await h.call('PATCH', `/api/villages/${villageId}`, { token: a.bureau, body: { name: '改名村' } });
      // another tenant, the same days: none of it may show in a's log
      at('2026-06-02T03:00:00Z');
      const otherVillage = await h.village(other);
      await h.call('POST', `/api/public/${other.slug}/concerns`, { body: { subject: { kind: 'village', id: otherVillage }, text: '别的县的举报' } });
    } finally {
      at('2026-06-15T04:00:00Z');
    }
    bureauId = (await h.audit(a, 'village', villageId))[0].actor.id;
  });

  it('lists every event of the tenant, newest first', async () => {
    const all = await log(a);
    expect(all.map((e) => `${e.entity}:${e.action}`)).toEqual([
      'village:update',
      'order:pay',
      'order:create',
      'concern:create',
      'produce:create',
      'village:create',
      'user:create', // the bureau admin, made by the platform admin
      'tenant:create',
    ]);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    expect(JSON.stringify(all)).not.toMatch(/"(pk|sk|auditLogPk|auditLogSk|villagePk|orgPk)"/);
  });

  it('filters by actor: a user, the public, the payment provider', async () => {
    expect((await log(a, '&actor=public')).map((e) => `${e.entity}:${e.action}`)).toEqual(['order:create', 'concern:create']);
    expect((await log(a, '&actor=payment-provider')).map((e) => `${e.entity}:${e.action}`)).toEqual(['order:pay']);
    expect((await log(a, `&actor=${bureauId}`)).map((e) => `${e.entity}:${e.action}`)).toEqual(['village:update', 'produce:create', 'village:create']);
    expect(await log(a, '&actor=nobody')).toEqual([]);
  });

  it('filters by entity, and by entity and actor together', async () => {
    expect((await log(a, '&entity=village')).map((e) => e.action)).toEqual(['update', 'create']);
    expect((await log(a, '&entity=order&actor=public')).map((e) => e.action)).toEqual(['create']);
  });

  it('a date is the whole day in the tenant’s time zone; an instant is itself; both ends included', async () => {
    // 01:00 on 2 June in Shanghai is 17:00 on 1 June in UTC: the concern is 2 June's
    expect((await log(a, '&from=2026-06-02&to=2026-06-02')).map((e) => e.entityId)).toEqual([concernAt1700Z]);
    expect((await log(a, '&from=2026-06-01&to=2026-06-01')).map((e) => `${e.entity}:${e.action}`)).toEqual(['produce:create', 'village:create']);
    expect((await log(a, '&from=2026-06-03')).map((e) => `${e.entity}:${e.action}`)).toEqual(['village:update', 'order:pay', 'order:create']);
    // 10:00 in Shanghai is the checkout's very instant: it is in; the payment five minutes later is not
    const range = `&from=${encodeURIComponent('2026-06-01T17:00:00Z')}&to=${encodeURIComponent('2026-06-03T10:00:00+08:00')}`;
    expect((await log(a, range)).map((e) => `${e.entity}:${e.action}`)).toEqual(['order:create', 'concern:create']);
    expect((await log(a, '&to=2026-05-31')).map((e) => `${e.entity}:${e.action}`)).toEqual(['user:create', 'tenant:create']);
  });

  it('pages with limit and cursor, each event once, in the same order', async () => {
    const all = await log(a);
    const first = await h.get(a.bureau, '/api/audit?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const paged = await log(a, '', 2);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    const filtered = await log(a, '&actor=public', 1);
    expect(filtered.map((e) => e.entity)).toEqual(['order', 'concern']);
  });

  it('never shows another tenant’s events, nor takes its cursor', async () => {
    const mine = await log(a);
    const theirs = await log(other);
    expect(theirs.length).toBeGreaterThan(0);
    const theirIds = new Set(theirs.map((e) => e.id));
    expect(mine.filter((e) => theirIds.has(e.id))).toEqual([]);
    expect(theirs.some((e) => e.after?.text === '别的县的举报')).toBe(true);
    expect(mine.some((e) => e.after?.text === '别的县的举报')).toBe(false);
    const cursor = (await h.get(other.bureau, '/api/audit?limit=1')).nextCursor;
    const res = await h.call('GET', `/api/audit?limit=1&cursor=${cursor}`, { token: a.bureau });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
  });

  it('is the bureau’s: an organization member gets 403', async () => {
    const org = await h.organization(a);
    for (const q of ['', '?actor=public', '?entity=village']) {
      expect((await h.call('GET', `/api/audit${q}`, { token: a.bureau })).status).toBe(200);
      expect((await h.call('GET', `/api/audit${q}`, { token: org.member })).status).toBe(403);
    }
    expect((await h.call('GET', '/api/audit')).status).toBe(401);
  });

  it('refuses a bad range or filter with the field and a Chinese message', async () => {
    const bad = async (q: string, path: string) => {
      const res = await h.call('GET', `/api/audit?${q}`, { token: a.bureau });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining(path), message: expect.stringMatching(/[\u4e00-\u9fa5]/) })]),
      );
    };
    await bad('from=2026-02-30', 'from');
    await bad('to=yesterday', 'to');
    await bad('from=2026-06-05&to=2026-06-01', 'to');
    await bad('entity=spaceship', 'entity');
    await bad('id=vil_1', 'entity');
  });

  it('keeps one record’s trail (entity and id) oldest first', async () => {
    expect((await h.audit(a, 'village', villageId)).map((e: Event) => e.action)).toEqual(['create', 'update']);
  });
});

describe('a table made before the audit log', () => {
  it('gets the auditLog index when the app starts on it (a local DATA_DIR from an earlier version)', async () => {
    const client = dynamoClient(inject('dynamoEndpoint'));
    const TableName = `old_${process.pid}_${Date.now().toString(36)}`;
    const old = Object.entries(INDEXES).filter(([name]) => name !== 'auditLog');
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', ...old.flatMap(([, k]) => [k.pk, k.sk])].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: old.map(([IndexName, k]) => ({
          IndexName,
          KeySchema: [
            { AttributeName: k.pk, KeyType: 'HASH' },
            { AttributeName: k.sk, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    expect(await ensureTable(client, TableName)).toBe('exists');
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.IndexStatus]).sort()).toEqual(
      Object.keys(INDEXES)
        .map((n) => [n, 'ACTIVE'])
        .sort(),
    );
  });
});
