import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildApp } from '../../functions/app-full.js';
import { localDeps } from '../../functions/entries/runtime.js';
import type { AppDeps, RateLimits } from '../../functions/http/context.js';
import { ensurePlatformAdmin, PLATFORM_ADMIN_EMAIL } from '../../functions/demo/load.js';
import { DEMO_PASSWORD } from '../../functions/demo/data.js';
import { withCheckChar } from '../../shared/credit-code.js';
import { readTally } from '../../functions/store/tenant-store.js';
import { listMail, startMailSink, type MailSink, type SinkMail } from '../../functions/adapters/mail-sink.js';
import { SmtpMailer } from '../../functions/adapters/mail-smtp.js';
import { signInEnrolling } from './mfa.js';
import { deliverEverywhereUnscoped, type DeliveryDeps, type DeliveryResult } from '../../functions/modules/notifications/worker.js';

export type Harness = Awaited<ReturnType<typeof makeHarness>>;
type Json = Record<string, unknown> | unknown[] | undefined;
export type Res<T = any> = { status: number; body: T; headers: Headers };

let tableCounter = 0;

/** The harness signs everyone in (and races checkouts and donations) from one client address, so
 * its per-client login, checkout and donate limits are high unless a test (of that very limit) sets them. */
const HARNESS_RATE_LIMITS: Partial<RateLimits> = {
  loginAttemptsPerClient: 100_000,
  checkoutsPerClientPerMinute: 100_000,
  donationsPerClientPerMinute: 100_000,
};

/**
 * A fresh table in the run's DynamoDB Local and the real Hono app over it, with helpers that speak
 * HTTP the way a client does. `clock` lets a test set "now"; `dataDir` holds the local signing key;
 * `identity` replaces the local directory and verifier (as on AWS, where Cognito is both).
 */
export async function makeHarness(
  opts: {
    now?: Date;
    rateLimits?: Partial<RateLimits>;
    identity?: Pick<AppDeps, 'directory' | 'verifier'>;
    /** deps to replace after the local wiring (PUBLIC_URL, a payments adapter, the checkout TTL …) */
    deps?: Partial<AppDeps>;
  } = {},
) {
  const clock = { now: opts.now ?? new Date() };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bangfu-test-'));
  const local: AppDeps = await localDeps({
    endpoint: inject('dynamoEndpoint'),
    dataDir,
    tableName: `t${process.pid}_${Date.now().toString(36)}_${tableCounter++}`,
    clock: () => clock.now,
    rateLimits: { ...HARNESS_RATE_LIMITS, ...opts.rateLimits },
  });
  const deps: AppDeps = { ...local, ...opts.identity, ...opts.deps };
  await ensurePlatformAdmin(deps.doc, deps.tableName, DEMO_PASSWORD, deps.directory);
  const app = buildApp(deps);

  async function call<T = any>(
    method: string,
    url: string,
    opts2: { token?: string; body?: Json | string; headers?: Record<string, string> } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...(opts2.headers ?? {}) };
    if (opts2.token) headers.authorization = `Bearer ${opts2.token}`;
    let body: string | undefined;
    if (opts2.body !== undefined) {
      body = typeof opts2.body === 'string' ? opts2.body : JSON.stringify(opts2.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(url, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async function login(email: string, password = DEMO_PASSWORD): Promise<string> {
    const res = await call('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  }

  let platformToken: string | undefined;
  /** The platform admin's token (signed in once per harness). */
  async function platformLogin(): Promise<string> {
    // the platform admin must use two-step verification (issue 15): its first sign-in enrols it
    platformToken ??= await signInEnrolling(
      (m, p, token, body) => call(m, p, { token: token || undefined, body: body as Json }),
      PLATFORM_ADMIN_EMAIL,
      DEMO_PASSWORD,
      clock.now,
    );
    return platformToken;
  }

  let seq = 0;
  /** A tenant with its bureau admin, signed in. */
  async function tenant(overrides: Record<string, unknown> = {}) {
    const platform = await platformLogin();
    const slug = `t${Date.now().toString(36)}${seq++}`;
    // the harness's bureau admins sign in with a password alone unless a test asks (issue 15: on by default)
    const t = await call('POST', '/api/admin/tenants', {
      token: platform,
      body: { slug, name: `${slug} 民政局`, region: '测试县', mfaRequiredForBureauAdmins: false, ...overrides },
    });
    if (t.status !== 201) throw new Error(`tenant: ${JSON.stringify(t.body)}`);
    const email = `admin@${slug}.test`;
    const u = await call('POST', '/api/users', { token: platform, body: { email, password: 'bureau-pass-1', role: 'bureau_admin', tenantId: t.body.id } });
    if (u.status !== 201) throw new Error(`user: ${JSON.stringify(u.body)}`);
    const bureau = await login(email, 'bureau-pass-1');
    return { id: t.body.id as string, slug, bureau, tenant: t.body };
  }

  type T = Awaited<ReturnType<typeof tenant>>;

  async function village(t: T, overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await call('POST', '/api/villages', { token: t.bureau, body: makeVillage(overrides) });
    if (res.status !== 201) throw new Error(`village: ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** A new signed-in member of an organization. */
  async function member(t: T, organizationId: string): Promise<string> {
    const email = `m${seq++}${Date.now().toString(36)}@org.test`;
    const u = await call('POST', '/api/users', { token: t.bureau, body: { email, password: 'member-pass-1', role: 'org_member', organizationId } });
    if (u.status !== 201) throw new Error(`member: ${JSON.stringify(u.body)}`);
    return login(email, 'member-pass-1');
  }

  /** An organization, approved unless asked otherwise, without members (cheap: no password hashing). */
  async function organizationId(t: T, overrides: Record<string, unknown> = {}, approve = true): Promise<string> {
    const res = await call('POST', '/api/organizations', { token: t.bureau, body: makeOrganization(overrides) });
    if (res.status !== 201) throw new Error(`org: ${JSON.stringify(res.body)}`);
    const id = res.body.id as string;
    if (approve) {
      const ok = await call('POST', `/api/organizations/${id}/approve`, { token: t.bureau });
      if (ok.status !== 200) throw new Error(`approve org: ${JSON.stringify(ok.body)}`);
    }
    return id;
  }

  /** An organization, approved unless asked otherwise, with one signed-in member. */
  async function organization(t: T, overrides: Record<string, unknown> = {}, approve = true) {
    const id = await organizationId(t, overrides, approve);
    return { id, member: await member(t, id) };
  }

  /** A pending claim of a new organization and village (or the given ones), made by the bureau. */
  async function pendingPairing(t: T, opts2: { villageId?: string; orgId?: string; startDate?: string } = {}) {
    const villageId = opts2.villageId ?? (await village(t));
    const orgId = opts2.orgId ?? (await organizationId(t));
    const body: Record<string, unknown> = { villageId, organizationId: orgId };
    if (opts2.startDate) body.startDate = opts2.startDate;
    const claim = await call('POST', '/api/pairings', { token: t.bureau, body });
    if (claim.status !== 201) throw new Error(`claim: ${JSON.stringify(claim.body)}`);
    return { id: claim.body.id as string, villageId, orgId };
  }

  /** An active pairing of a new organization and village (or the given ones). */
  async function activePairing(t: T, opts2: { villageId?: string; orgId?: string; startDate?: string } = {}) {
    const p = await pendingPairing(t, { villageId: opts2.villageId, orgId: opts2.orgId });
    const ok = await call('POST', `/api/pairings/${p.id}/approve`, { token: t.bureau, body: { startDate: opts2.startDate ?? '2024-01-01' } });
    if (ok.status !== 200) throw new Error(`approve: ${JSON.stringify(ok.body)}`);
    return p;
  }

  /** Ends an active pairing on a date. */
  async function endPairing(t: T, pairingId: string, endDate: string) {
    const res = await call('POST', `/api/pairings/${pairingId}/end`, { token: t.bureau, body: { endDate } });
    if (res.status !== 200) throw new Error(`end: ${JSON.stringify(res.body)}`);
  }

  /** GET that must answer 200; its body. */
  async function get<T = any>(token: string, url: string): Promise<T> {
    const res = await call<T>('GET', url, { token });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The ids of a list answer, in order. */
  async function ids(token: string, url: string): Promise<string[]> {
    return (await get<{ items: { id: string }[] }>(token, url)).items.map((i) => i.id);
  }

  /** A listing of the village (a new one unless given), made by the bureau or the given member; published unless asked otherwise. */
  async function listing(t: T, overrides: Record<string, unknown> = {}, token = t.bureau): Promise<{ id: string; villageId: string; body: any }> {
    const villageId = (overrides.villageId as string | undefined) ?? (await village(t));
    const res = await call('POST', '/api/produce', { token, body: makeProduce({ status: 'published', ...overrides, villageId }) });
    if (res.status !== 201) throw new Error(`listing: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, villageId, body: res.body };
  }

  /** POST a multipart photo upload (field `file`) to a listing. */
  async function uploadPhoto(token: string, produceId: string, bytes: Uint8Array, type = 'image/png', name = 'photo.png'): Promise<Res> {
    const form = new FormData();
    form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
    const res = await app.request(`/api/produce/${produceId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** A public checkout of the tenant's shop (optionally signed in, with an Idempotency-Key). */
  async function checkout(
    t: Pick<T, 'slug'>,
    items: { produceId: string; quantity: number }[],
    o: { buyer?: Record<string, unknown>; token?: string; key?: string } = {},
  ): Promise<Res> {
    return call('POST', `/api/public/${t.slug}/checkout`, {
      token: o.token,
      body: { items, buyer: o.buyer ?? makeBuyer() },
      headers: o.key ? { 'idempotency-key': o.key } : {},
    });
  }

  /** Presses Pay or Cancel on the local checkout page, as a script would: POST <checkoutUrl>/pay|cancel. */
  async function press(checkoutUrl: string, decision: 'pay' | 'cancel'): Promise<Res> {
    const res = await app.request(`${checkoutUrl}/${decision}`, { method: 'POST' });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /**
   * Items read in a tenant's namespace while `fn` runs (tenant-store.ts readTally: GetItem found = 1,
   * BatchGet = items returned, Query = items evaluated). Requests run one at a time in a test file.
   */
  async function itemsRead<R>(tenantId: string, fn: () => Promise<R>): Promise<{ items: number; result: R }> {
    readTally.enabled = true;
    const before = readTally.byTenant.get(tenantId) ?? 0;
    const result = await fn();
    return { items: (readTally.byTenant.get(tenantId) ?? 0) - before, result };
  }

  /** The audit trail of one record, as the tenant's bureau sees it. */
  async function audit(t: T, entity: string, id: string): Promise<any[]> {
    return (await get<{ items: any[] }>(t.bureau, `/api/audit?entity=${entity}&id=${id}`)).items;
  }

  let mailbox: Promise<{ sink: MailSink; dir: string; delivery: DeliveryDeps }> | undefined;
  /** The local mail sink (started on first use) and the outbox worker that sends to it. */
  function mailer() {
    mailbox ??= (async () => {
      const dir = path.join(dataDir, 'mail');
      const sink = await startMailSink({ dir });
      return {
        sink,
        dir,
        delivery: {
          doc: deps.doc,
          tableName: deps.tableName,
          mailer: new SmtpMailer({ port: sink.port }),
          publicUrl: 'http://bangfu.test',
          clock: () => clock.now,
        },
      };
    })();
    return mailbox;
  }
  /** Runs the outbox worker once over every tenant (what the local timer does every second). */
  async function deliver(): Promise<DeliveryResult> {
    return deliverEverywhereUnscoped((await mailer()).delivery);
  }
  /** What reached the sink, newest first; `to` filters by recipient. */
  async function mail(to?: string): Promise<SinkMail[]> {
    const all = await listMail((await mailer()).dir, { limit: 10_000 });
    return to ? all.filter((m) => m.to?.includes(to)) : all;
  }
  async function stopMail(): Promise<void> {
    if (mailbox) await (await mailbox).sink.stop();
    mailbox = undefined;
  }

  return {
    app,
    deps,
    deliver,
    mail,
    mailer,
    stopMail,
    clock,
    dataDir,
    call,
    login,
    platformLogin,
    tenant,
    village,
    member,
    organizationId,
    organization,
    pendingPairing,
    activePairing,
    endPairing,
    get,
    ids,
    audit,
    listing,
    uploadPhoto,
    checkout,
    press,
    itemsRead,
    platformEmail: PLATFORM_ADMIN_EMAIL,
  };
}

export type TestTenant = Awaited<ReturnType<Harness['tenant']>>;

let codeSeq = 1;
/** A valid, unique, plainly fictional credit code. */
export function creditCode(): string {
  return withCheckChar(`9162052100${String(Date.now() % 1e4).padStart(4, '0')}${String(codeSeq++ % 1000).padStart(3, '0')}`);
}

export function makeVillage(overrides: Record<string, unknown> = {}) {
  return {
    name: '测试村',
    township: '测试镇',
    county: '测试县',
    households: 200,
    population: 800,
    poorHouseholds: 40,
    status: 'unlifted',
    supervised: true,
    needs: ['industry'],
    registeredOn: '2020-01-01',
    ...overrides,
  };
}

export function makeOrganization(overrides: Record<string, unknown> = {}) {
  return {
    name: '测试培训学校',
    kind: 'social_org',
    creditCode: creditCode(),
    contactName: '张老师',
    contactPhone: '13800000000',
    ...overrides,
  };
}

export function makeProduce(overrides: Record<string, unknown> = {}) {
  return {
    name: '高山土豆',
    category: 'vegetable',
    unit: '5 公斤/箱',
    priceFen: 4500,
    stock: 100,
    kind: 'product',
    origin: { kind: 'cooperative', name: '测试村马铃薯专业合作社' },
    description: '海拔两千米的沙壤土种植',
    ...overrides,
  };
}

/** The smallest real images: a 1×1 PNG, and the first bytes of a JPEG and a WebP. */
export const PNG_1x1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);
export const JPEG_HEAD = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
export const WEBP_HEAD = Uint8Array.from([...Buffer.from('RIFF'), 0x24, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);

export function makeBuyer(overrides: Record<string, unknown> = {}) {
  return { name: '李爱心', phone: '13912345678', email: 'donor@example.cn', address: '甘肃省兰州市城关区幸福路 1 号', ...overrides };
}
