/**
 * sharp for the photos function: its JavaScript and its linux-arm64 native packages
 * (@img/sharp-linux-arm64, @img/sharp-libvips-linux-arm64), at the versions package-lock.json pins,
 * installed into a Lambda layer's `nodejs/node_modules` by npm told to fetch for Linux on arm64 and
 * glibc — whatever machine synthesizes. The install runs when the layer's asset is bundled (deploy),
 * once per version: the result is kept in node_modules/.cache/bangfu-sharp-layer/ and copied from
 * there afterwards. Plain data and node: only (no aws-cdk-lib), so tests can check the plan.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundling.js';

type Lock = { packages: Record<string, { version: string; os?: string[]; cpu?: string[]; libc?: string[] }> };

/** The three packages and their locked versions: sharp and its linux-arm64 (glibc) binaries. */
export function sharpLayerPackages(): { name: string; version: string }[] {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lock;
  return ['sharp', '@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64'].map((name) => {
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry) throw new Error(`package-lock.json has no ${name}: install sharp first`);
    return { name, version: entry.version };
  });
}

/** npm's arguments for the layer's contents under `<dir>/nodejs` (a layer's node path). */
export function sharpInstallArgs(dir: string): string[] {
  return [
    'install',
    '--no-save',
    '--no-package-lock',
    '--omit=dev',
    '--no-audit',
    '--no-fund',
    '--os=linux',
    '--cpu=arm64',
    '--libc=glibc',
    '--prefix',
    path.join(dir, 'nodejs'),
    ...sharpLayerPackages().map((p) => `${p.name}@${p.version}`),
  ];
}

/** Where an install is kept between synths (git-ignored with node_modules). */
export function sharpLayerCacheDir(): string {
  const sharp = sharpLayerPackages()[0];
  return path.join(REPO_ROOT, 'node_modules', '.cache', 'bangfu-sharp-layer', `sharp-${sharp.version}-linux-arm64`);
}

/**
 * Under the tests (vitest sets VITEST) with no cached install: the packages' manifests only, as npm
 * would write them, marked `bangfuStub` — synth in a test needs neither the network nor Docker, and
 * the template still shows the layer, its architecture and what it holds. Never used by `cdk synth`.
 */
function writeStub(outDir: string): void {
  for (const p of sharpLayerPackages()) {
    const dir = path.join(outDir, 'nodejs', 'node_modules', ...p.name.split('/'));
    mkdirSync(dir, { recursive: true });
    const platform = p.name === 'sharp' ? {} : { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: p.name, version: p.version, ...platform, bangfuStub: true }, null, 2));
  }
}

/** Fills `outDir` with the layer: from the cache, else npm (kept in the cache), else — in tests only — the stub. */
export function bundleSharpLayer(
  outDir: string,
  run: (args: string[]) => void = (args) => execFileSync('npm', args, { stdio: 'inherit' }),
  cache = sharpLayerCacheDir(),
): 'cache' | 'npm' | 'stub' {
  const ready = path.join(cache, 'nodejs', 'node_modules', '@img', 'sharp-linux-arm64', 'package.json');
  if (existsSync(ready)) {
    cpSync(cache, outDir, { recursive: true });
    return 'cache';
  }
  if (process.env.VITEST) {
    writeStub(outDir);
    return 'stub';
  }
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  run(sharpInstallArgs(cache));
  cpSync(cache, outDir, { recursive: true });
  return 'npm';
}
