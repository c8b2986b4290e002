/**
 * The four Lambda bundles built the way infra bundles them (infra/bundling.ts BUNDLING: the same
 * options NodejsFunction passes esbuild), written under the repository (.test-data/, git-ignored)
 * so the AWS SDK they leave out resolves from node_modules as the Lambda runtime provides it.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ENTRIES, esbuildOptions, REPO_ROOT } from '../../../infra/bundling.js';

export type EntryName = keyof typeof ENTRIES;
export type Bundle = {
  name: EntryName;
  file: string;
  bytes: number;
  gzipBytes: number;
  sourceMapBytes: number;
  /** how long esbuild took for this bundle (built in parallel with the others) */
  ms: number;
  /** the bundle's inputs (paths relative to the repository), from esbuild's metafile */
  inputs: string[];
  /** bytes in the output per package (node_modules/<pkg>) or top-level source folder, largest first */
  byOrigin: Record<string, number>;
};

function origin(input: string): string {
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) return parts[nm + 1].startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1];
  return parts.slice(0, 2).join('/');
}

export async function buildBundles(
  only: EntryName[] = Object.keys(ENTRIES) as EntryName[],
): Promise<{ dir: string; bundles: Record<EntryName, Bundle>; remove: () => void }> {
  const dir = path.join(REPO_ROOT, '.test-data', `bundles-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`);
  mkdirSync(dir, { recursive: true });
  const bundles = {} as Record<EntryName, Bundle>;
  await Promise.all(
    only.map(async (name) => {
      const file = path.join(dir, name, 'index.mjs');
      const started = performance.now();
      const result = await build({
        entryPoints: [ENTRIES[name]],
        outfile: file,
        ...esbuildOptions(),
        metafile: true,
        logLevel: 'silent',
      });
      const ms = Math.round(performance.now() - started);
      const output = Object.entries(result.metafile.outputs).find(([f]) => f.endsWith('.mjs'))![1];
      const byOrigin: Record<string, number> = {};
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) byOrigin[origin(input)] = (byOrigin[origin(input)] ?? 0) + bytesInOutput;
      bundles[name] = {
        name,
        file,
        bytes: statSync(file).size,
        gzipBytes: gzipSync(readFileSync(file)).length,
        sourceMapBytes: statSync(`${file}.map`).size,
        ms,
        inputs: Object.keys(output.inputs),
        byOrigin: Object.fromEntries(Object.entries(byOrigin).sort((a, b) => b[1] - a[1])),
      };
    }),
  );
  return { dir, bundles, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The bundle's module, loaded from its file (its handler is what Lambda calls). */
export const importBundle = (b: Bundle): Promise<Record<string, unknown>> => import(/* @vite-ignore */ pathToFileURL(b.file).href);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
export function describeSizes(bundles: Partial<Record<EntryName, Bundle>>): string {
  return Object.values(bundles)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (b) => `  ${b.name.padEnd(9)} ${String(b.bytes).padStart(9)} B (${kb(b.bytes)}) minified, ${kb(b.gzipBytes)} gzipped, source map ${kb(b.sourceMapBytes)}`,
    )
    .join('\n');
}
