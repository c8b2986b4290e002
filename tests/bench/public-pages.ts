/**
 * Issue 16, figure 9 (tests/bench/run.ts, BENCH_ONLY=9): the public pages as a first-time visitor on
 * a phone sees them. The real server (tests/bench/server.ts: `npm start`'s entry, demo data, the
 * built web/dist) and Debian's Chromium (tests/e2e/support/browser.ts, never a downloaded browser).
 *
 * Each page is opened cold — a fresh browser context, so an empty cache — at 390×844 with an Android
 * phone's user agent, zh-CN. Per page, from the Chrome DevTools Protocol's Network events:
 *  - requests started before the page's main content is visible (its `ready` selector below), and
 *    the bytes transferred by then;
 *  - after network idle: requests in all, bytes transferred (`Network.loadingFinished`
 *    encodedDataLength: headers + body as sent on the wire), the JS + CSS share of them, and whether
 *    the responses came compressed (Content-Encoding);
 *  - cumulative layout shift: a PerformanceObserver for 'layout-shift' (buffered) installed before
 *    the page's first script, summing entries without recent input, read after idle + 1 s;
 *  - document.scrollWidth against the 390 px viewport (sideways scroll).
 *
 * Targets (issue 16): shop home ≤ 150 KB of compressed JS + CSS and ≤ 20 requests before the
 * listings show; every other page ≤ 170 KB of JS + CSS; CLS ≤ 0.05 everywhere; no sideways scroll.
 * KB here is 1,024 bytes. Before the measured visits, one unmeasured visit of each page warms the
 * server (its first answers read, compress and cache the assets); the browser side stays cold. The JS + CSS figure counts the whole cold visit (after idle), not only what
 * came before the content showed.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/bundling.js';
import { launchChromium, PHONE } from '../e2e/support/browser.js';
import { benchDataDir, startServer } from './server.js';

const SLUG = 'qingshui';
const UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const KB = 1024;
export const TARGETS = { shopJsCssKB: 150, shopRequestsBeforeShown: 20, otherJsCssKB: 170, cls: 0.05, width: PHONE.width };

type Req = {
  url: string;
  type?: string;
  mime?: string;
  status?: number;
  encoding?: string;
  bytes?: number;
  decoded?: number;
  failed?: string;
  fromCache?: boolean;
};

export type PageResult = {
  page: string;
  path: string;
  ready: string;
  shownMs: number;
  requestsBeforeShown: number;
  bytesBeforeShown: number;
  jsCssBytesBeforeShown: number;
  requests: number;
  bytes: number;
  /** the bodies' size once decoded (CDP dataReceived dataLength): about what an uncompressed server sends */
  decodedBytes: number;
  jsCssBytes: number;
  jsCssDecodedBytes: number;
  jsCssRequests: number;
  byType: Record<string, { requests: number; bytes: number }>;
  /** the text-like responses (document, script, stylesheet, xhr/fetch, svg) whose body is over 1 KB decoded: how many came compressed, and with what */
  compressed: { compressible: number; compressed: number; encodings: string[]; uncompressed: string[] };
  /** the ten largest responses as transferred */
  largest: { url: string; type?: string; bytes: number; encoding?: string }[];
  failed: number;
  cls: number;
  layoutShifts: number;
  /** each layout shift: its value, when, and the elements that moved */
  shiftSources: string[];
  scrollWidth: number;
  idleReached: boolean;
  error?: string;
};

/** A cold page with the CDP Network domain recording every request. */
async function coldPage(browser: Browser, init?: { localStorage?: Record<string, string> }) {
  const context: BrowserContext = await browser.newContext({
    viewport: PHONE,
    userAgent: UA,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 3,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: { value: number; entries: number; sources: string[]; observing: boolean } };
    w.__cls = { value: 0, entries: 0, sources: [], observing: false };
    // no named functions in here: tsx (esbuild keepNames) would wrap them in a __name() the page lacks
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node: Node | null }[] })[]) {
          if (e.hadRecentInput) continue;
          w.__cls.value += e.value;
          w.__cls.entries += 1;
          w.__cls.sources.push(
            `${e.value.toFixed(3)} @${Math.round(e.startTime)}ms: ${(e.sources ?? [])
              .map((x) => {
                const el = x.node as Element | null;
                if (!el || !el.tagName) return '?';
                const id = el.getAttribute('data-testid');
                return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''}`;
              })
              .join(', ')}`,
          );
        }
      }).observe({ type: 'layout-shift', buffered: true });
      w.__cls.observing = true;
    } catch {
      /* no layout-shift entries in this browser */
    }
  });
  if (init?.localStorage)
    await page.addInitScript((items: Record<string, string>) => {
      for (const [k, v] of Object.entries(items)) if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
    }, init.localStorage);
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const reqs = new Map<string, Req>();
  cdp.on('Network.requestWillBeSent', (e: any) => {
    if (e.request.url.startsWith('data:')) return;
    const prev = reqs.get(e.requestId);
    // a redirect reuses the id: count the hop as its own request
    if (prev && e.redirectResponse) reqs.set(`${e.requestId}#${reqs.size}`, { ...prev, status: e.redirectResponse.status });
    reqs.set(e.requestId, { url: e.request.url, type: e.type });
  });
  cdp.on('Network.responseReceived', (e: any) => {
    const r = reqs.get(e.requestId);
    if (!r) return;
    const h: Record<string, string> = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    Object.assign(r, {
      type: e.type ?? r.type,
      mime: e.response.mimeType,
      status: e.response.status,
      encoding: h['content-encoding'],
      fromCache: !!e.response.fromDiskCache,
    });
  });
  cdp.on('Network.dataReceived', (e: any) => {
    const r = reqs.get(e.requestId);
    if (r) r.decoded = (r.decoded ?? 0) + e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e: any) => {
    const r = reqs.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e: any) => {
    const r = reqs.get(e.requestId);
    if (r) r.failed = e.errorText;
  });
  return { context, page, reqs };
}

const isJsCss = (r: Req) => r.type === 'Script' || r.type === 'Stylesheet';
const sum = (rs: Req[], f: (r: Req) => boolean = () => true, k: 'bytes' | 'decoded' = 'bytes') => rs.filter(f).reduce((a, r) => a + (r[k] ?? 0), 0);
const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/#.*/, '');

async function measure(
  browser: Browser,
  base: string,
  name: string,
  path: string,
  ready: string,
  init?: { localStorage?: Record<string, string> },
): Promise<PageResult> {
  const { context, page, reqs } = await coldPage(browser, init);
  try {
    const t0 = Date.now();
    await page.goto(`${base}${path}`, { waitUntil: 'commit' });
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    const shownMs = Date.now() - t0;
    const before = [...reqs.values()];
    const beforeBytes = before.map((r) => ({ ...r })); // bytes of those finished by now
    let idleReached = true;
    await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => (idleReached = false));
    await page.waitForTimeout(1000);
    const m = await (page as Page).evaluate(() => ({
      cls: (window as unknown as { __cls?: { value: number; entries: number; sources: string[]; observing: boolean } }).__cls,
      scrollWidth: Math.max(document.documentElement.scrollWidth, document.body?.scrollWidth ?? 0),
    }));
    if (!m.cls?.observing) throw new Error('the layout-shift observer did not start in the page (its init script failed)');
    const all = [...reqs.values()];
    const byType: PageResult['byType'] = {};
    for (const r of all) {
      const k = r.type ?? 'Other';
      byType[k] ??= { requests: 0, bytes: 0 };
      byType[k].requests++;
      byType[k].bytes += r.bytes ?? 0;
    }
    const compressible = all.filter(
      (r) =>
        (r.decoded ?? 0) > KB &&
        (['Document', 'Script', 'Stylesheet', 'XHR', 'Fetch'].includes(r.type ?? '') || /svg|json|javascript|css|html/.test(r.mime ?? '')),
    );
    const compressed = compressible.filter((r) => r.encoding && r.encoding !== 'identity');
    return {
      page: name,
      path: path.replace(/#token=.*/, '#token=…'),
      ready,
      shownMs,
      requestsBeforeShown: before.length,
      bytesBeforeShown: sum(beforeBytes),
      jsCssBytesBeforeShown: sum(beforeBytes, isJsCss),
      requests: all.length,
      bytes: sum(all),
      decodedBytes: sum(all, () => true, 'decoded'),
      jsCssBytes: sum(all, isJsCss),
      jsCssDecodedBytes: sum(all, isJsCss, 'decoded'),
      jsCssRequests: all.filter(isJsCss).length,
      byType,
      compressed: {
        compressible: compressible.length,
        compressed: compressed.length,
        encodings: [...new Set(compressed.map((r) => r.encoding!))],
        uncompressed: compressible.filter((r) => !compressed.includes(r)).map((r) => `${short(r.url)} ${r.bytes} B`),
      },
      largest: [...all]
        .sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))
        .slice(0, 10)
        .map((r) => ({ url: short(r.url), type: r.type, bytes: r.bytes ?? 0, encoding: r.encoding })),
      failed: all.filter((r) => r.failed).length,
      cls: Math.round(m.cls.value * 1000) / 1000,
      layoutShifts: m.cls.entries,
      shiftSources: m.cls.sources.slice(0, 10),
      scrollWidth: m.scrollWidth,
      idleReached,
    };
  } finally {
    await context.close();
  }
}

async function json<T = any>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * The web build the server will serve: `npm run bench` does not build it (scripts/bootstrap.mjs
 * builds web/dist for `npm start` and `npm test` only), so say when it was built and whether it
 * matches the sources (the same hash bootstrap writes to web/dist/.build-hash).
 */
function webDist() {
  const dist = path.join(REPO_ROOT, 'web', 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('web/dist is not built: run `npm run build:web` first');
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== 'node_modules' && name !== 'dist' && !name.startsWith('.')) walk(path.join(p, name));
    } else {
      h.update(path.relative(REPO_ROOT, p));
      h.update(readFileSync(p));
    }
  };
  for (const p of ['web', 'shared', 'package-lock.json']) walk(path.join(REPO_ROOT, p));
  const stamp = path.join(dist, '.build-hash');
  const upToDate = existsSync(stamp) ? readFileSync(stamp, 'utf8') === h.digest('hex') : null;
  return { builtAt: statSync(path.join(dist, 'index.html')).mtime.toISOString(), upToDate };
}

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

export function summarize(pages: PageResult[]) {
  const checks: { target: string; page: string; value: string; met: boolean }[] = [];
  for (const p of pages) {
    if (p.error) {
      checks.push({ target: 'measured', page: p.page, value: p.error.split('\n')[0], met: false });
      continue;
    }
    const budget = p.page === 'shop' ? TARGETS.shopJsCssKB : TARGETS.otherJsCssKB;
    checks.push({ target: `JS+CSS ≤ ${budget} KB`, page: p.page, value: kb(p.jsCssBytes), met: p.jsCssBytes <= budget * KB });
    if (p.page === 'shop')
      checks.push({
        target: `requests before shown ≤ ${TARGETS.shopRequestsBeforeShown}`,
        page: p.page,
        value: String(p.requestsBeforeShown),
        met: p.requestsBeforeShown <= TARGETS.shopRequestsBeforeShown,
      });
    checks.push({ target: `CLS ≤ ${TARGETS.cls}`, page: p.page, value: String(p.cls), met: p.cls <= TARGETS.cls });
    checks.push({ target: `scrollWidth ≤ ${TARGETS.width}`, page: p.page, value: String(p.scrollWidth), met: p.scrollWidth <= TARGETS.width });
  }
  return { met: checks.filter((c) => c.met).length, of: checks.length, allMet: checks.every((c) => c.met), missed: checks.filter((c) => !c.met) };
}

export function printPages(pages: PageResult[], log: (s: string) => void = (s) => console.log(s)) {
  const pad = (s: unknown, n: number) => String(s).padEnd(n);
  log(
    `9. Public pages, cold, ${PHONE.width}×${PHONE.height} phone (Chromium; bytes as transferred; JS+CSS target shop ≤ ${TARGETS.shopJsCssKB} KB, others ≤ ${TARGETS.otherJsCssKB} KB; CLS ≤ ${TARGETS.cls})`,
  );
  log(
    `   ${pad('page', 13)}${pad('shown', 8)}${pad('req@shown', 10)}${pad('KB@shown', 9)}${pad('req', 5)}${pad('total', 10)}${pad('JS+CSS', 14)}${pad('decoded JS+CSS', 15)}${pad('compressed', 20)}${pad('CLS', 7)}${pad('width', 6)}`,
  );
  for (const p of pages) {
    if (p.error) {
      log(`   ${pad(p.page, 13)}FAILED — ${p.error.split('\n')[0]}`);
      continue;
    }
    log(
      `   ${pad(p.page, 13)}${pad(`${p.shownMs}ms`, 8)}${pad(p.requestsBeforeShown, 10)}${pad((p.bytesBeforeShown / KB).toFixed(0), 9)}${pad(p.requests, 5)}${pad(kb(p.bytes), 10)}` +
        `${pad(`${kb(p.jsCssBytes)} (${p.jsCssRequests})`, 14)}${pad(kb(p.jsCssDecodedBytes), 15)}${pad(`${p.compressed.compressed}/${p.compressed.compressible}${p.compressed.encodings.length ? ' ' + p.compressed.encodings.join(',') : ''}`, 20)}${pad(p.cls, 7)}${pad(p.scrollWidth, 6)}${p.idleReached ? '' : ' (no network idle in 30 s)'}${p.failed ? ` ${p.failed} failed` : ''}`,
    );
  }
  const s = summarize(pages);
  log(`   targets: ${s.met}/${s.of} met${s.allMet ? '' : ` — missed: ${s.missed.map((c) => `${c.page} ${c.target} (${c.value})`).join('; ')}`}`);
}

/** Figure 9 on its own server with the demo data. */
export async function publicPagesFigure() {
  const dist = webDist();
  if (dist.upToDate === false)
    console.error(`[bench] 9. web/dist (built ${dist.builtAt}) does not match web/ and shared/ now: \`npm run build:web\` to measure the current pages`);
  const dataDir = benchDataDir('public-pages');
  const server = await startServer({ DATA_DIR: dataDir });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const base = server.url;
    // what the pages need: a listing, a village, an order paid through the local checkout
    const produce = await json<{ items: any[] }>(base, 'GET', `/api/public/${SLUG}/produce`);
    const listing = produce.items.find((p) => (p.available ?? p.stock ?? 1) > 2) ?? produce.items[0];
    if (!listing) throw new Error(`no published listing in the demo shop ${SLUG}`);
    const tp = await json<{ villages: { villageId: string }[] }>(base, 'GET', `/api/public/${SLUG}/transparency`);
    const villageId = tp.villages?.[0]?.villageId;
    const campaigns = await json<{ items: { id: string; status: string }[] }>(base, 'GET', `/api/public/${SLUG}/campaigns`);
    const campaignId = campaigns.items?.find((c) => c.status === 'open')?.id;
    const order = await json<{ orderId: string; checkoutUrl: string; orderToken: string }>(base, 'POST', `/api/public/${SLUG}/checkout`, {
      items: [{ produceId: listing.id, quantity: 1 }],
      buyer: { name: '李明', phone: '13812345678', address: '甘肃省天水市秦州区民主西路 18 号' },
    });
    const checkout = new URL(order.checkoutUrl, base);
    await json(base, 'POST', `${checkout.pathname}/pay`);
    const cartLine = {
      produceId: listing.id,
      quantity: 1,
      name: listing.name,
      unit: listing.unit,
      priceFen: listing.priceFen,
      villageName: listing.villageName ?? '',
      township: listing.township ?? '',
      ...(listing.photos?.[0] ? { photo: typeof listing.photos[0] === 'string' ? listing.photos[0] : listing.photos[0].url } : {}),
    };

    const pages: [string, string, string, { localStorage?: Record<string, string> }?][] = [
      ['shop', `/shop/${SLUG}`, '[data-testid="produce-card"]'],
      ['listing', `/shop/${SLUG}/produce/${listing.id}`, '[data-testid="produce-name"]'],
      ['cart', `/shop/${SLUG}/cart`, '[data-testid="cart-line"]', { localStorage: { [`bangfu.cart.${SLUG}`]: JSON.stringify([cartLine]) } }],
      ['donate', `/shop/${SLUG}/donate`, '[data-testid="donate-villages"] .adm-selector'],
      ['transparency', `/shop/${SLUG}/transparency`, '[data-testid="tp-totals"]'],
      ...(villageId ? [['village', `/shop/${SLUG}/villages/${villageId}`, '[data-testid="tp-village-name"]'] as [string, string, string]] : []),
      ...(campaignId ? [['campaign', `/shop/${SLUG}/campaigns/${campaignId}`, '[data-testid="campaign-progress"]'] as [string, string, string]] : []),
      ['order', `/shop/${SLUG}/orders/${order.orderId}#token=${encodeURIComponent(order.orderToken)}`, '[data-testid="order-status"]'],
    ];
    // warm the server (its first answers compress, read and cache the assets) with one unmeasured
    // visit of each page; every measured visit below is still a cold browser
    for (const [, path, ready, init] of pages) {
      const { context, page } = await coldPage(browser, init);
      const shown = await page
        .goto(`${base}${path}`, { timeout: 20_000 })
        .then(() => page.locator(ready).first().waitFor({ state: 'visible', timeout: 20_000 }))
        .then(
          () => true,
          (e: Error) => (console.error(`[bench] 9. warm-up of ${path}: ${e.message.split('\n')[0]}`), false),
        );
      if (!shown) {
        await context.close();
        continue;
      }
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
      await context.close();
    }
    const results: PageResult[] = [];
    for (const [name, path, ready, init] of pages) {
      try {
        results.push(await measure(browser, base, name, path, ready, init));
      } catch (e) {
        results.push({ page: name, path, ready, error: String((e as Error).stack ?? e) } as PageResult);
      }
      const last = results[results.length - 1];
      printPages([last], (s) => s.startsWith('   ') && !s.startsWith('   page') && !s.startsWith('   targets') && console.error(`[bench] 9.${s.slice(2)}`));
    }
    printPages(results);
    return {
      server: 'functions/entries/local.ts (npm start) as a child, demo data, the built web/dist',
      webDist: dist,
      browser: `Debian chromium ${browser.version()} via playwright-core, a fresh context per page (cold cache), ${PHONE.width}×${PHONE.height}, isMobile, zh-CN, Android UA`,
      definitions: {
        requestsBeforeShown: 'CDP requests started before the page’s ready selector was visible',
        bytes: 'CDP Network.loadingFinished encodedDataLength (headers + body as transferred), summed after network idle',
        jsCss: 'resource types Script + Stylesheet',
        cls: 'sum of layout-shift entries without recent input, read after network idle + 1 s',
        kb: 1024,
      },
      targets: TARGETS,
      pages: results,
      summary: summarize(results),
    };
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
