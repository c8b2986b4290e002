import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installedDiffers, lowestVersions, satisfies } from '../../scripts/bootstrap-checks.mjs';

// The set-up `npm start` / `npm test` run first (scripts/bootstrap.mjs): the Node version it
// accepts is the one every locked package accepts, and a newcomer's own `npm ci` is trusted
// rather than run again (5–9 minutes on a slow machine).

const root = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
const temp = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(d);
  return d;
};

describe('satisfies (engines ranges, without the semver package)', () => {
  it.each([
    ['20.19.0', '>=20.19', true],
    ['20.18.9', '>=20.19', false],
    ['v20.20.2', '>=20.19', true],
    ['21.0.0', '^20.19.0 || ^22.13.0 || >=24', false],
    ['22.12.0', '^20.19.0 || ^22.13.0 || >=24', false],
    ['22.13.0', '^20.19.0 || ^22.13.0 || >=24', true],
    ['24.0.0', '^20.19.0 || ^22.13.0 || >=24', true],
    ['20.0.0', '18 || 20 || >=22', true],
    ['21.9.0', '18 || 20 || >=22', false],
    ['20.19.0', '^20.12||^22||>=24', true],
    ['23.1.0', '^20.12||^22||>=24', false],
    ['12.0.0', '>= 10.16.0', true],
    ['9.0.0', '6.* || 8.* || >= 10.*', false],
    ['0.2.5', '^0.2.3', true],
    ['0.3.0', '^0.2.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['4.5.0', '1.2.3 - 4', true],
    ['5.0.0', '1.2.3 - 4', false],
    ['5.0.0', '1.2.3 - 4.9.9', false],
    ['3.0.0', '*', true],
    ['20.19.0', '<20.19', false],
  ])('%s in %s: %s', (v, range, want) => {
    expect(satisfies(v, range)).toBe(want);
  });

  it('lowestVersions: each branch’s first version', () => {
    expect(lowestVersions('>=20.19')).toEqual(['20.19.0']);
    expect(lowestVersions('^20.19.0 || ^22.13.0 || >=24')).toEqual(['20.19.0', '22.13.0', '24.0.0']);
  });
});

describe('package.json engines.node', () => {
  const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node as string;
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages as Record<
    string,
    { version: string; engines?: { node?: string } | string[]; os?: string[]; cpu?: string[] }
  >;
  // the packages npm installs here: another platform's optional binaries never are
  const forHere = (p: { os?: string[]; cpu?: string[] }) => {
    const ok = (list: string[] | undefined, v: string) =>
      !list || list.some((x) => x === v) || (list.every((x) => x.startsWith('!')) && !list.includes(`!${v}`));
    return ok(p.os, process.platform) && ok(p.cpu, process.arch);
  };
  const ranges = Object.entries(lock)
    .filter(([k, p]) => k && forHere(p) && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .map(([k, p]) => ({ name: `${k.replace(/^.*node_modules\//, '')}@${p.version}`, range: (p.engines as { node: string }).node }));

  it('admits the Node running this test', () => {
    expect(satisfies(process.version, engines)).toBe(true);
  });

  it('admits only versions every locked package accepts (each major’s first release, each package’s own lower bounds)', () => {
    const probes = new Set<string>();
    for (let major = 16; major <= 30; major++) probes.add(`${major}.0.0`);
    for (const r of ranges) for (const v of lowestVersions(r.range)) probes.add(v);
    for (const v of lowestVersions(engines)) probes.add(v);
    const refused: string[] = [];
    for (const v of [...probes].filter((p) => satisfies(p, engines))) {
      for (const r of ranges) if (!satisfies(v, r.range)) refused.push(`${v}: ${r.name} wants ${r.range}`);
    }
    expect(refused, `engines.node "${engines}" admits versions some locked packages refuse`).toEqual([]);
  });
});

describe('node_modules against package-lock.json', () => {
  const lockOf = (packages: Record<string, unknown>) => JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x' }, ...packages } });
  const a = { version: '1.0.0', integrity: 'sha512-a' };
  const b = { version: '2.0.0', integrity: 'sha512-b' };
  const win = { version: '3.0.0', integrity: 'sha512-w', optional: true, os: ['win32'] };

  function project(locked: Record<string, unknown>, installed?: Record<string, unknown>) {
    const dir = temp('bangfu-boot-');
    writeFileSync(path.join(dir, 'package-lock.json'), lockOf(locked));
    if (installed) {
      mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
      writeFileSync(path.join(dir, 'node_modules', '.package-lock.json'), lockOf(installed));
      for (const k of Object.keys(installed)) {
        mkdirSync(path.join(dir, k), { recursive: true });
        writeFileSync(path.join(dir, k, 'package.json'), '{}');
      }
    }
    return dir;
  }

  it('match: what npm ci installed, another platform’s optional package skipped', () => {
    expect(
      installedDiffers(project({ 'node_modules/a': a, 'node_modules/b': b, 'node_modules/w': win }, { 'node_modules/a': a, 'node_modules/b': b })),
    ).toBeNull();
  });

  it('differ: no node_modules, a package at another version, one missing, one removed by hand, one no longer locked', () => {
    expect(installedDiffers(project({ 'node_modules/a': a }))).toMatch(/node_modules is missing/);
    expect(installedDiffers(project({ 'node_modules/a': a }, { 'node_modules/a': { ...a, version: '0.9.0', integrity: 'sha512-old' } }))).toMatch(
      /node_modules\/a is 0.9.0, the lock says 1.0.0/,
    );
    expect(installedDiffers(project({ 'node_modules/a': a, 'node_modules/b': b }, { 'node_modules/a': a }))).toMatch(/node_modules\/b is not installed/);
    const removed = project({ 'node_modules/a': a }, { 'node_modules/a': a });
    rmSync(path.join(removed, 'node_modules/a'), { recursive: true });
    expect(installedDiffers(removed)).toMatch(/node_modules\/a was removed/);
    expect(installedDiffers(project({ 'node_modules/a': a }, { 'node_modules/a': a, 'node_modules/b': b }))).toMatch(
      /node_modules\/b is installed but no longer locked/,
    );
  });

  it('this checkout’s node_modules matches its lock', () => {
    expect(installedDiffers(root)).toBeNull();
  });
});

describe('scripts/bootstrap.mjs', () => {
  /** A copy of the bootstrap in a project of its own, with an `npm` on the PATH that only records its calls. */
  function run(o: { engines: string; locked: Record<string, unknown>; installed?: Record<string, unknown> }) {
    const dir = temp('bangfu-bootrun-');
    mkdirSync(path.join(dir, 'scripts'));
    for (const f of ['bootstrap.mjs', 'bootstrap-checks.mjs']) copyFileSync(path.join(root, 'scripts', f), path.join(dir, 'scripts', f));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', engines: { node: o.engines } }));
    const lock = (p: Record<string, unknown>) => JSON.stringify({ name: 'x', lockfileVersion: 3, packages: { '': { name: 'x' }, ...p } });
    writeFileSync(path.join(dir, 'package-lock.json'), lock(o.locked));
    if (o.installed) {
      mkdirSync(path.join(dir, 'node_modules'));
      writeFileSync(path.join(dir, 'node_modules', '.package-lock.json'), lock(o.installed));
      for (const k of Object.keys(o.installed)) {
        mkdirSync(path.join(dir, k), { recursive: true });
        writeFileSync(path.join(dir, k, 'package.json'), '{}');
      }
    }
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\necho "npm $*" >> "${path.join(dir, 'npm-calls')}"\n`);
    chmodSync(path.join(bin, 'npm'), 0o755);
    // bench: no web build and no chromium to look for; Java is on this machine (DynamoDB Local needs it)
    const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'bootstrap.mjs'), 'bench'], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    let calls = '';
    try {
      calls = readFileSync(path.join(dir, 'npm-calls'), 'utf8');
    } catch {
      /* none */
    }
    return { status: r.status, out: r.stdout + r.stderr, calls };
  }
  const pkg = { version: '1.0.0', integrity: 'sha512-a' };

  it('after a newcomer’s own npm ci (no stamp of its own), does not run npm ci again', () => {
    const r = run({ engines: '>=20.19', locked: { 'node_modules/a': pkg }, installed: { 'node_modules/a': pkg } });
    expect(r.out).toMatch(/node_modules matches package-lock.json/);
    expect(r.calls).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs npm ci when node_modules is missing or stale, and says why', () => {
    const missing = run({ engines: '>=20.19', locked: { 'node_modules/a': pkg } });
    expect(missing.calls).toMatch(/^npm ci/);
    expect(missing.out).toMatch(/npm ci: node_modules is missing/);
    const stale = run({
      engines: '>=20.19',
      locked: { 'node_modules/a': { ...pkg, version: '1.1.0', integrity: 'sha512-new' } },
      installed: { 'node_modules/a': pkg },
    });
    expect(stale.calls).toMatch(/^npm ci/);
    expect(stale.out).toMatch(/node_modules\/a is 1.0.0, the lock says 1.1.0/);
  });

  it('refuses a Node outside engines.node, plainly, before installing anything', () => {
    const r = run({ engines: '>=99', locked: { 'node_modules/a': pkg } });
    expect(r.status).toBe(1);
    expect(r.out).toContain(`Node ${process.version} is not supported: package.json's engines.node is ">=99"`);
    expect(r.calls).toBe('');
  });
});
