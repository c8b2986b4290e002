import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANHUA, QINGSHUI } from '../../functions/demo/data.js';
import { loadDemoData } from '../../functions/demo/load.js';
import { makeHarness, type Harness } from '../support/harness.js';

// Issue 16: the demo shop shows photos made for the project (functions/demo/photos/), loaded
// through the same path as an upload, so its cards carry the WebP sizes.

const DIR = path.resolve(import.meta.dirname, '../../functions/demo/photos');
let h: Harness;

beforeAll(async () => {
  h = await makeHarness();
  await loadDemoData(h.deps.doc, h.deps.tableName, h.deps.files);
}, 240_000);

describe('the demo’s photos', () => {
  it('are small web-quality JPEGs in the repository, one for every listing', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.jpg'));
    const named = [...QINGSHUI.produce, ...ANHUA.produce].flatMap((p) => p.photos ?? []);
    expect(new Set(named)).toEqual(new Set(files));
    expect([...QINGSHUI.produce, ...ANHUA.produce].every((p) => (p.photos ?? []).length > 0)).toBe(true);
    for (const f of files) {
      expect(statSync(path.join(DIR, f)).size, f).toBeLessThanOrEqual(42_000);
      const m = await sharp(path.join(DIR, f)).metadata();
      expect([m.format, m.width, m.height], f).toEqual(['jpeg', 900, 900]);
    }
  });

  it('show in the Qingshui shop with their sizes: every card has a srcset whose sizes are served as WebP', async () => {
    const list = await h.call('GET', '/api/public/qingshui/produce?limit=50');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(QINGSHUI.produce.length);
    for (const p of list.body.items) {
      expect(p.photoUrls, p.name).toHaveLength(1);
      expect(p.photoSrcSets[0]).toBe(`${p.photoUrls[0]}/w320 320w, ${p.photoUrls[0]}/w800 800w`);
      const thumb = await h.app.request(`${p.photoUrls[0]}/w320`);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      const bytes = new Uint8Array(await thumb.arrayBuffer());
      expect((await sharp(bytes).metadata()).width).toBe(320);
      expect(bytes.length).toBeLessThan(30_000);
    }
  });
});
