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
import { BUNDLING, ENTRIES, REPO_ROOT } from '../../../infra/bundling.js';

export type EntryName = keyof typeof ENTRIES;
export type Bundle = { name: EntryName; file: string; bytes: number; gzipBytes: number; sourceMapBytes: number };

export async function buildBundles(): Promise<{ dir: string; bundles: Record<EntryName, Bundle>; remove: () => void }> {
  const dir = path.join(REPO_ROOT, '.test-data', `bundles-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const bundles = {} as Record<EntryName, Bundle>;
  await Promise.all(
    (Object.keys(ENTRIES) as EntryName[]).map(async (name) => {
      const file = path.join(dir, name, 'index.mjs');
      await build({
        entryPoints: [ENTRIES[name]],
        outfile: file,
        bundle: true,
        platform: 'node',
        target: BUNDLING.target,
        format: BUNDLING.format,
        minify: BUNDLING.minify,
        sourcemap: BUNDLING.sourceMap,
        external: [...BUNDLING.external],
        mainFields: [...BUNDLING.mainFields],
        banner: { js: BUNDLING.banner },
        logLevel: 'silent',
      });
      bundles[name] = {
        name,
        file,
        bytes: statSync(file).size,
        gzipBytes: gzipSync(readFileSync(file)).length,
        sourceMapBytes: statSync(`${file}.map`).size,
      };
    }),
  );
  return { dir, bundles, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The bundle's module, loaded from its file (its handler is what Lambda calls). */
export const importBundle = (b: Bundle): Promise<Record<string, unknown>> => import(/* @vite-ignore */ pathToFileURL(b.file).href);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
export function describeSizes(bundles: Record<EntryName, Bundle>): string {
  return Object.values(bundles)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((b) => `  ${b.name.padEnd(9)} ${String(b.bytes).padStart(9)} B (${kb(b.bytes)}) minified, ${kb(b.gzipBytes)} gzipped, source map ${kb(b.sourceMapBytes)}`)
    .join('\n');
}
