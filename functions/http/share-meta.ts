/**
 * Share metadata ("Sharing"): a listing's, a village's, a story's, a campaign's and the transparency
 * page's `<title>`, description and Open Graph tags (WeChat and other apps read og:*), written into the
 * single-page app's index.html by the server, so a link pasted into a chat shows the page's own
 * title, text and picture. Locally web-static.ts injects them; on AWS CloudFront sends these paths
 * to the api function (infra/constructs/web.ts), whose `shareRoutes` read index.html from the web
 * bucket. Values are the tenant's public data only (as the public API shows it: no personal data),
 * HTML-escaped; an unknown tenant, listing, village, story or campaign (or one of another tenant), a
 * draft listing and a draft story get the plain index.html, and the single-page app shows its own
 * not-found: what the public API would answer 404 to has no tags either.
 */
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import type { AppDeps } from './context.js';
import { tenantIdOfSlugUnscoped } from './public.js';
import { TenantStore } from '../store/tenant-store.js';
import { getTenant } from '../modules/tenant/store.js';
import { getProduceRecord, type ProduceRecord } from '../modules/produce/store.js';
import { photoUrl } from '../modules/produce/views.js';
import { getVillageItem, allVillageItems } from '../modules/villages/store.js';
import { allVillageFunds, villageFunds } from '../modules/donations/store.js';
import { publishedStory, storyPhotoUrl } from '../modules/stories/service.js';
import type { StoryRecord } from '../modules/stories/store.js';
import { statusOn } from '../modules/campaigns/service.js';
import { campaignCounters, getCampaignRecord, progressOf, type CampaignRecord } from '../modules/campaigns/store.js';
import { settingsOf } from '../modules/tenant/settings.js';
import { AppError } from '../errors.js';
import { dateInZone } from '../../shared/dates.js';

/** The pages that carry their own share metadata. */
const SHARE_PATH = /^\/shop\/([a-z][a-z0-9-]{1,39})\/(?:(produce|villages|stories|campaigns)\/([A-Za-z0-9_-]{1,64})|(transparency))\/?$/;

export type SharePage = { title: string; description: string; image: string; url: string; siteName: string };

/** The share image when a page has no photo of its own (web/public/share.png). */
export const DEFAULT_SHARE_IMAGE = '/share.png';

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page's share metadata, or undefined when the path is not a share page or names nothing public. */
export async function sharePageUnscoped(deps: Pick<AppDeps, 'doc' | 'tableName' | 'clock'>, origin: string, urlPath: string): Promise<SharePage | undefined> {
  const m = SHARE_PATH.exec(urlPath);
  if (!m) return undefined;
  const [, slug, kind, id] = m;
  const tenantId = await tenantIdOfSlugUnscoped(deps, slug!);
  if (!tenantId) return undefined;
  const store = new TenantStore(deps.doc, deps.tableName, tenantId);
  const url = `${origin}${urlPath.replace(/\/$/, '')}`;
  const image = `${origin}${DEFAULT_SHARE_IMAGE}`;
  if (kind === 'produce') {
    const [tenant, r] = await Promise.all([getTenant(store), getProduceRecord(store, id!)]);
    if (!tenant || !r || r.status !== 'published') return undefined;
    return { ...listingPage(r, slug!, tenant.name, origin), url, siteName: tenant.name };
  }
  if (kind === 'stories') {
    // the public API's own test (a draft, a missing id and another tenant's are one 404): a draft's
    // title never reaches a page
    const [tenant, s] = await Promise.all([getTenant(store), publishedStory(store, id!).catch(nullIfNotFound)]);
    if (!tenant || !s) return undefined;
    return { ...storyPage(s, slug!, tenant.name, origin), url, siteName: tenant.name };
  }
  if (kind === 'campaigns') {
    // every campaign of the tenant has its public page (GET /api/public/:slug/campaigns/:id): figures only
    const [tenant, c, counters] = await Promise.all([getTenant(store), getCampaignRecord(store, id!), campaignCounters(store, [id!])]);
    if (!tenant || !c) return undefined;
    const today = dateInZone(deps.clock(), settingsOf(tenant).timeZone);
    return { ...campaignPage(c, progressOf(counters.get(c.id)).raisedFen, statusOn(c, today), tenant.name), image, url, siteName: tenant.name };
  }
  if (kind === 'villages') {
    const [tenant, v, funds] = await Promise.all([getTenant(store), getVillageItem(store, id!), villageFunds(store, id!)]);
    if (!tenant || !v) return undefined;
    const pairs = v.activePairings > 0 ? `，${v.activePairings} 家单位结对帮扶` : '';
    return {
      title: `${v.name}（${v.county}${v.township}）帮扶公示 · ${tenant.name}`,
      description: `${v.name}收到捐款 ${yuan(funds.cashReceivedFen)}，已使用 ${yuan(funds.cashUsedFen)}，结余 ${yuan(funds.balanceFen)}${pairs}。每一笔捐款和支出的去向都公开可查，可在此为本村捐款。`,
      image,
      url,
      siteName: tenant.name,
    };
  }
  const [tenant, villages, funds] = await Promise.all([getTenant(store), allVillageItems(store), allVillageFunds(store)]);
  if (!tenant) return undefined;
  let received = 0;
  let used = 0;
  let sales = 0;
  for (const f of funds.values()) {
    received += f.cashReceivedFen;
    used += f.cashUsedFen;
    sales += f.salesFen;
  }
  return {
    title: `帮扶公示 · ${tenant.name}`,
    description: `${tenant.region} ${villages.length} 个帮扶村：累计收到捐款 ${yuan(received)}，已使用 ${yuan(used)}，消费帮扶销售 ${yuan(sales)}。每一笔订单和捐款的去向都公开可查。`,
    image,
    url,
    siteName: tenant.name,
  };
}

function listingPage(r: ProduceRecord, slug: string, tenantName: string, origin: string): Pick<SharePage, 'title' | 'description' | 'image'> {
  const price = `${yuan(r.priceFen)}/${r.unit}`;
  const about = r.description ? clip(oneLine(r.description), 80).replace(/[^。！？!?.…]$/, (c) => `${c}。`) : '';
  const photo = r.photos[0];
  return {
    title: `${r.name} ${price} · ${r.villageName} · ${tenantName}`,
    description: `${r.township}${r.villageName}的${r.name}，${price}。${about}购买即帮扶，订单去向公开可查。`,
    image: `${origin}${photo ? photoUrl(slug, photo) : DEFAULT_SHARE_IMAGE}`,
  };
}

const nullIfNotFound = (e: unknown): null => {
  if (e instanceof AppError && e.status === 404) return null;
  throw e;
};

/** A story's title, a one-line clip of its summary (else its body), its first photo's 800-wide size (the original until made). */
function storyPage(s: StoryRecord, slug: string, tenantName: string, origin: string): Pick<SharePage, 'title' | 'description' | 'image'> {
  const photo = s.photoIds[0];
  return {
    title: `${s.title} · ${tenantName}`,
    description: clip(oneLine(s.summary || s.body), 100),
    image: `${origin}${photo ? `${storyPhotoUrl(slug, s.id, photo)}?size=w800` : DEFAULT_SHARE_IMAGE}`,
  };
}

/** A campaign's title, its target and the money raised so far (as its public page shows them), a clip of its text. */
function campaignPage(c: CampaignRecord, raisedFen: number, status: ReturnType<typeof statusOn>, tenantName: string): Pick<SharePage, 'title' | 'description'> {
  const when = status === 'upcoming' ? `${c.startDate} 开始，` : status === 'ended' ? '已结束，' : '';
  const about = c.description ? clip(oneLine(c.description), 80).replace(/[^。！？!?.…]$/, (ch) => `${ch}。`) : '';
  return {
    title: `${c.title} · ${tenantName}`,
    description: `${when}目标 ${yuan(c.targetFen)}，已筹集 ${yuan(raisedFen)}。${about}每一笔订单和捐款的去向都公开可查。`,
  };
}

/** index.html with the page's title, description and Open Graph tags (every value escaped). */
export function injectShareMeta(html: string, page: SharePage): string {
  const e = (s: string) => escapeHtml(clip(oneLine(s), 300));
  const og = [
    ['og:type', 'website'],
    ['og:site_name', page.siteName],
    ['og:locale', 'zh_CN'],
    ['og:title', page.title],
    ['og:description', page.description],
    ['og:url', page.url],
    ['og:image', page.image],
  ]
    .map(([p, v]) => `<meta property="${p}" content="${e(v!)}" />`)
    .join('\n    ');
  const description = `<meta name="description" content="${e(page.description)}" />`;
  let out = html.replace(/<title>[\s\S]*?<\/title>/, () => `<title>${e(page.title)}</title>`);
  out = /<meta name="description"[^>]*>/.test(out)
    ? out.replace(/<meta name="description"[^>]*>/, () => description)
    : out.replace('</head>', () => `${description}\n  </head>`);
  return out.replace('</head>', () => `  <link rel="canonical" href="${e(page.url)}" />\n    ${og}\n  </head>`);
}

/** A weak ETag of these bytes (each encoding is a representation of the same page). */
export const etagOf = (body: string | Uint8Array) => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 20)}"`;

export type IndexHtml = { html: string };

/**
 * The api function's share pages (AWS: CloudFront's behaviours for these paths point at the HTTP
 * API, whose /shop/{proxy+} route comes here): index.html from `index` with the page's tags,
 * `no-cache` with an ETag of the injected bytes (CloudFront revalidates each time, and compresses).
 */
export function shareRoutes(deps: Pick<AppDeps, 'doc' | 'tableName' | 'clock' | 'publicUrl'>, index: () => Promise<IndexHtml | undefined>): Hono {
  return new Hono().get('/shop/*', async (c) => {
    const base = await index();
    if (!base) return c.text('页面暂时无法打开，请稍后再试', 503, { 'cache-control': 'no-store' });
    const origin = (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
    const page = await sharePageUnscoped(deps, origin, c.req.path).catch(() => undefined);
    const html = page ? injectShareMeta(base.html, page) : base.html;
    const etag = etagOf(html);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', etag };
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.slice(2))) return c.body(null, 304, headers);
    return c.body(html, 200, headers);
  });
}

/** index.html read through `read` (the web bucket on AWS), kept `ttlMs` per container. */
export function cachedIndex(read: () => Promise<Uint8Array | null>, ttlMs = 60_000, now = () => Date.now()): () => Promise<IndexHtml | undefined> {
  let kept: { at: number; value: IndexHtml } | undefined;
  return async () => {
    if (kept && now() - kept.at < ttlMs) return kept.value;
    const bytes = await read().catch(() => null);
    if (!bytes) return kept?.value; // the last good copy, if any, rather than nothing
    kept = { at: now(), value: { html: Buffer.from(bytes).toString('utf8') } };
    return kept.value;
  };
}
