#!/usr/bin/env node
// Set-up that `npm start`, `npm test` and `npm run bench` run first (prestart / pretest / prebench):
// `node scripts/bootstrap.mjs start|test|bench`. No dependencies: only Node's own modules, because
// it runs before `npm ci` has installed anything.
//   - the Node version against package.json's engines (every locked package accepts that range)
//   - npm ci when node_modules is missing or does not hold what package-lock.json locks (npm's own
//     record, node_modules/.package-lock.json, so a newcomer's own `npm ci` is trusted, not redone)
//   - everywhere, Java 17 (DynamoDB Local)
//   - the web build when web/ or shared/ changed since the last build (not for bench: it measures the API)
//   - for tests: Debian's chromium (browser tests)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedDiffers, satisfies } from './bootstrap-checks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'start';
if (!['start', 'test', 'bench'].includes(mode)) {
  console.error(`[bootstrap] unknown mode ${mode} (start, test or bench)`);
  process.exit(2);
}
const log = (msg) => console.log(`[bootstrap] ${msg}`);

function run(cmd, args, opts = {}) {
  log(`${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`[bootstrap] failed: ${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

function hashFiles(paths) {
  const h = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
        walk(path.join(p, name));
      }
    } else {
      h.update(path.relative(root, p));
      h.update(readFileSync(p));
    }
  };
  for (const p of paths) walk(path.join(root, p));
  return h.digest('hex');
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function aptInstall(packages) {
  const asRoot = !process.getuid || process.getuid() === 0;
  const cmd = asRoot ? 'apt-get' : 'sudo';
  const pre = asRoot ? [] : ['apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(cmd, [...pre, 'update', '-qq'], { env });
  run(cmd, [...pre, 'install', '-y', '-qq', ...packages], { env });
}

// 1. Node: the range package.json names is the one every locked package accepts
const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node;
if (engines && !satisfies(process.version, engines)) {
  console.error(
    `[bootstrap] Node ${process.version} is not supported: package.json's engines.node is "${engines}" (the range every locked package accepts).\n` +
      `[bootstrap] Install a Node in that range (e.g. \`nvm install 20\`, or Debian/NodeSource's nodejs 20) and run this again.`,
  );
  process.exit(1);
}
log(`Node ${process.version} (engines.node ${engines ?? 'unset'})`);

// 2. dependencies
const differs = installedDiffers(root);
if (differs) {
  log(`npm ci: ${differs}`);
  run('npm', ['ci', '--no-audit', '--no-fund']);
} else {
  log('node_modules matches package-lock.json');
}

// 3. Java 17 for DynamoDB Local
if (!has('java')) {
  log('Java is missing: installing openjdk-17-jre-headless');
  aptInstall(['openjdk-17-jre-headless']);
}

// 4. the web build (the bench measures the API alone)
if (mode !== 'bench' && existsSync(path.join(root, 'web', 'index.html'))) {
  const webHash = hashFiles(['web', 'shared', 'package-lock.json']);
  const webStamp = path.join(root, 'web', 'dist', '.build-hash');
  if (!existsSync(webStamp) || readFileSync(webStamp, 'utf8') !== webHash) {
    run('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
    writeFileSync(webStamp, webHash);
  } else {
    log('web/dist is up to date');
  }
}

// 5. Chromium for the browser tests (Debian's package, never a downloaded browser)
if (mode === 'test' && !existsSync('/usr/bin/chromium')) {
  log('Chromium is missing: installing Debian chromium');
  aptInstall(['chromium', 'fonts-noto-cjk']);
}
