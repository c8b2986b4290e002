import type { Page } from 'playwright-core';

/**
 * What a page did, for a failing browser test to say: every /api/ request with its status and
 * time (or that it never finished), console errors and page errors. A timeout that only says
 * "waiting for getByText(…)" then also says which request was slow, refused or still in flight.
 */
export function tracePage(page: Page) {
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const lines: string[] = [];
  const started = new Map<object, { at: number; what: string }>();
  page.on('request', (r) => {
    if (!r.url().includes('/api/')) return;
    started.set(r, { at: Date.now(), what: `${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}` });
  });
  page.on('response', (res) => {
    const s = started.get(res.request());
    if (!s) return;
    started.delete(res.request());
    lines.push(`${since()} ${res.status()} ${s.what} (${Date.now() - s.at} ms)`);
  });
  page.on('requestfailed', (r) => {
    const s = started.get(r);
    if (!s) return;
    started.delete(r);
    lines.push(`${since()} FAILED ${s.what} (${Date.now() - s.at} ms): ${r.failure()?.errorText}`);
  });
  page.on('console', (m) => m.type() === 'error' && lines.push(`${since()} console.error ${m.text().slice(0, 300)}`));
  page.on('pageerror', (e) => lines.push(`${since()} pageerror ${String(e).slice(0, 300)}`));
  return {
    /** the last requests and errors, and the requests still in flight */
    report(): string {
      const pending = [...started.values()].map((s) => `IN FLIGHT ${s.what} for ${Date.now() - s.at} ms`);
      return [...lines.slice(-40), ...pending].join('\n');
    },
  };
}

/** Runs a browser step; on failure the error also carries the page's trace. */
export async function traced<T>(trace: ReturnType<typeof tracePage>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    const err = e as Error;
    err.message = `${err.message}\n--- the page's requests and errors (most recent last) ---\n${trace.report()}`;
    throw err;
  }
}
