/**
 * The API Lambda's bundle, built with the deployed options (infra/bundling.ts): its size, what it
 * is made of, and whether anything local-only slipped in. `tsx tests/bench/bundle-size.ts` prints
 * it; tests/infra/lambda-entry.test.ts holds it under the 1 MB aim.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUNDLING, ENTRIES } from '../../infra/bundling.js';

export type BundleFigures = {
  entry: string;
  bytes: number;
  gzipBytes: number;
  sourceMapBytes: number;
  ms: number;
  /** bytes in the output per package (node_modules/<pkg>) or top-level source folder */
  byOrigin: Record<string, number>;
  inputs: string[];
};

function origin(input: string): string {
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) return parts[nm + 1].startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1];
  return parts.slice(0, 2).join('/');
}

export async function measureApiBundle(): Promise<BundleFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bangfu-bundle-'));
  const outfile = path.join(dir, 'index.mjs');
  try {
    const started = performance.now();
    const result = await build({
      entryPoints: [ENTRIES.api],
      outfile,
      bundle: true,
      platform: 'node',
      target: BUNDLING.target,
      format: BUNDLING.format,
      minify: BUNDLING.minify,
      sourcemap: BUNDLING.sourceMap,
      external: [...BUNDLING.external],
      mainFields: [...BUNDLING.mainFields],
      banner: { js: BUNDLING.banner },
      metafile: true,
      logLevel: 'silent',
    });
    const ms = performance.now() - started;
    const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.mjs'))![1];
    const byOrigin: Record<string, number> = {};
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      byOrigin[origin(input)] = (byOrigin[origin(input)] ?? 0) + bytesInOutput;
    }
    return {
      entry: path.relative(process.cwd(), ENTRIES.api),
      bytes: statSync(outfile).size,
      gzipBytes: gzipSync(readFileSync(outfile)).length,
      sourceMapBytes: statSync(`${outfile}.map`).size,
      ms: Math.round(ms),
      byOrigin: Object.fromEntries(Object.entries(byOrigin).sort((a, b) => b[1] - a[1])),
      inputs: Object.keys(output.inputs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const f = await measureApiBundle();
  console.log(`API bundle (${f.entry}): ${kb(f.bytes)} minified, ${kb(f.gzipBytes)} gzipped, source map ${kb(f.sourceMapBytes)}; built in ${f.ms} ms`);
  console.log(`aim: under 1 MB — ${f.bytes < 1024 * 1024 ? 'met' : 'MISSED'}`);
  for (const [name, bytes] of Object.entries(f.byOrigin).slice(0, 8)) console.log(`  ${name.padEnd(36)} ${kb(bytes).padStart(10)}`);
  console.log(JSON.stringify({ bench: 'api-bundle-size', bytes: f.bytes, gzipBytes: f.gzipBytes, ms: f.ms }));
}
