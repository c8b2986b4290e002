/**
 * Local mode's web app: the files of web/dist, compressed and cacheable as CloudFront
 * serves them on AWS (infra/constructs/web.ts).
 * - text files (js, css, html, svg, json, txt, map) above 1 KB: brotli when the browser accepts it,
 *   else gzip, else as they are; `Vary: Accept-Encoding` on every file that has variants. Every file is read and
 *   compressed at start (brotli quality 5 and gzip: a fraction of a second for all of web/dist) and kept in
 *   memory until it changes on disk; with a cacheDir, brotli's best quality (11: ~16 s of one core for
 *   all of web/dist, ~8% smaller) replaces it in the background, once per build (kept in cacheDir).
 *   (The API's JSON is not compressed: CloudFront's uncached /api/* behaviour does not compress either.)
 * - /assets/* (vite's content-hashed names): cached a year, immutable; index.html and the single-page
 *   app's fallback: `no-cache` (always revalidated, by ETag); other files (favicon, robots.txt): an hour.
 * - every other GET outside /api/ gets index.html (client-side routes); a missing /assets/ file is a 404,
 *   never index.html under a script's name.
 * - with `sharePage`, a listing's, a village's, a story's, a campaign's and the transparency page's index.html carries that
 *   page's title, description and Open Graph tags (share-meta.ts); its ETag is of the injected bytes
 *   and its br/gzip are made per page and kept briefly (SHARE_CACHE_MS), as CloudFront revalidates
 *   those pages against the api function on AWS.
 */
import { Hono } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { etagOf, injectShareMeta, type SharePage } from './share-meta.js';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';
export const SHORT_CACHE = 'public, max-age=3600';
/** below this, compression saves less than a packet */
export const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/;

/** brotli's quality at first (fast: ~0.3 s for all of web/dist) and at its best (~50× slower) */
const BR_FAST = 5;
const BR_BEST = 11;

type Entry = {
  file: string;
  mtimeMs: number;
  size: number;
  body: Buffer;
  type: string;
  /** of the file's own bytes; weak, as each encoding is a representation of it */
  etag: string;
  hash: string;
  br?: Promise<Buffer>;
  gzip?: Promise<Buffer>;
};

export type WebStaticOptions = {
  /**
   * where best-quality brotli files are kept across restarts (by content hash); with it, each
   * file is served at a fast quality until its best-quality version is ready (made in the
   * background, one file at a time); without it, the fast quality only
   */
  cacheDir?: string;
  /** a page's share metadata (share-meta.ts sharePageUnscoped), written into its index.html */
  sharePage?: (urlPath: string, origin: string) => Promise<SharePage | undefined>;
  /** the web app's public address for og:url and og:image (PUBLIC_URL; default the request's origin) */
  publicUrl?: string;
};

/** how long a share page's compressed bytes are kept (a page's figures change; it is cheap to redo) */
export const SHARE_CACHE_MS = 60_000;
const SHARE_CACHE_MAX = 200;

/** the encoding to send: br, else gzip, else none (a coding with q=0 is refused) */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return undefined;
}

function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return IMMUTABLE_CACHE;
  if (urlPath === '/index.html') return NO_CACHE;
  return SHORT_CACHE;
}

const brotliAt = (body: Buffer, quality: number) =>
  brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });

export function webStaticRoutes(distDir: string, options: WebStaticOptions = {}): Hono {
  const root = path.resolve(distDir);
  const cache = new Map<string, Entry>();
  const { cacheDir } = options;
  /** the background upgrades to best-quality brotli, one after another (one core at most) */
  let upgrades: Promise<unknown> = Promise.resolve();

  function compress(entry: Entry) {
    const best = cacheDir && path.join(cacheDir, `${entry.hash}.br`);
    entry.gzip = gz(entry.body, { level: 9 });
    entry.br = (best ? readFile(best) : Promise.reject(new Error('no cache'))).catch(() => {
      const fast = brotliAt(entry.body, BR_FAST);
      if (best) {
        upgrades = upgrades
          .then(async () => {
            if (cache.get(entry.file) !== entry) return; // changed on disk meanwhile
            // another server on this machine may have made it meanwhile
            const made = await readFile(best).catch(() => undefined);
            if (made) {
              entry.br = Promise.resolve(made);
              return;
            }
            const better = await brotliAt(entry.body, BR_BEST);
            entry.br = Promise.resolve(better);
            await mkdir(cacheDir, { recursive: true });
            const tmp = `${best}.${process.pid}.tmp`;
            await writeFile(tmp, better);
            await rename(tmp, best);
          })
          .catch(() => undefined);
      }
      return fast;
    });
    // a failed compression falls back to the plain bytes; never an unhandled rejection
    entry.br.catch(() => undefined);
    entry.gzip.catch(() => undefined);
  }

  /** the file's entry, read again when it changed on disk; undefined when there is no such file */
  async function load(file: string): Promise<Entry | undefined> {
    const st = await stat(file).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const known = cache.get(file);
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known;
    const body = await readFile(file);
    const type = getMimeType(file) ?? 'application/octet-stream';
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 32);
    const entry: Entry = { file, mtimeMs: st.mtimeMs, size: st.size, body, type, hash, etag: `W/"${hash.slice(0, 20)}"` };
    cache.set(file, entry);
    if (body.length >= COMPRESS_MIN_BYTES && COMPRESSIBLE.test(type)) compress(entry);
    return entry;
  }

  /** the URL path as a file under dist, or undefined when it would leave dist */
  function fileOf(urlPath: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = path.join(root, decoded);
    return file.startsWith(root + path.sep) ? file : undefined;
  }

  async function send(headers: Headers, entry: Entry, cacheControl: string): Promise<Response> {
    const out = new Headers({ 'Content-Type': entry.type, 'Cache-Control': cacheControl, ETag: entry.etag });
    let body: Buffer = entry.body;
    if (entry.br && entry.gzip) {
      out.set('Vary', 'Accept-Encoding');
      const encoding = pickEncoding(headers.get('accept-encoding') ?? undefined);
      const compressed = encoding && (await (encoding === 'br' ? entry.br : entry.gzip).catch(() => undefined));
      if (encoding && compressed) {
        body = compressed;
        out.set('Content-Encoding', encoding);
      }
    }
    const inm = headers.get('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === entry.etag.slice(2))) {
      return new Response(null, { status: 304, headers: out });
    }
    out.set('Content-Length', String(body.length));
    return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), { status: 200, headers: out });
  }

  // compress every file once in the background at start, so the first visitor does not wait for it
  // (index.html and the files it names first: their best quality is the first made)
  void (async () => {
    const index = await load(path.join(root, 'index.html'));
    const named = [...(index?.body.toString('utf8') ?? '').matchAll(/(?:src|href)="\/([^"?#]+)"/g)].map((m) => m[1]!);
    for (const n of named) await load(path.join(root, n));
    const all = await readdir(root, { recursive: true });
    await Promise.all(all.map((n) => load(path.join(root, n))));
  })().catch(() => undefined);

  /** share pages' injected entries by content (so ETag and compression follow the bytes), briefly */
  const shared = new Map<string, { entry: Entry; at: number }>();
  function sharedEntry(index: Entry, html: string): Entry {
    const etag = etagOf(html);
    const known = shared.get(etag);
    if (known && Date.now() - known.at < SHARE_CACHE_MS) return known.entry;
    if (shared.size >= SHARE_CACHE_MAX) {
      for (const [k, v] of shared) if (Date.now() - v.at >= SHARE_CACHE_MS) shared.delete(k);
      if (shared.size >= SHARE_CACHE_MAX) shared.clear();
    }
    const body = Buffer.from(html);
    const entry: Entry = { ...index, body, size: body.length, etag, hash: etag.slice(3, -1), br: undefined, gzip: undefined };
    if (body.length >= COMPRESS_MIN_BYTES) {
      entry.br = brotliAt(body, BR_FAST);
      entry.gzip = gz(body, { level: 9 });
      entry.br.catch(() => undefined);
      entry.gzip.catch(() => undefined);
    }
    shared.set(etag, { entry, at: Date.now() });
    return entry;
  }

  const app = new Hono();
  app.get('*', async (c, next) => {
    const urlPath = c.req.path;
    if (urlPath.startsWith('/api/')) return next();
    const file = urlPath.endsWith('/') ? undefined : fileOf(urlPath);
    const entry = file ? await load(file) : undefined;
    if (entry) return send(c.req.raw.headers, entry, cacheControlFor(urlPath));
    // a hashed file that is not there (an old index.html's chunk): 404, not the app under its name
    if (urlPath.startsWith('/assets/')) return c.notFound();
    const index = await load(path.join(root, 'index.html'));
    if (!index) return next();
    if (options.sharePage) {
      const origin = (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
      // a page that cannot be looked up (an unknown id, the database away) is the plain index.html
      const page = await options.sharePage(urlPath, origin).catch(() => undefined);
      if (page) return send(c.req.raw.headers, sharedEntry(index, injectShareMeta(index.body.toString('utf8'), page)), NO_CACHE);
    }
    return send(c.req.raw.headers, index, NO_CACHE);
  });
  return app;
}
