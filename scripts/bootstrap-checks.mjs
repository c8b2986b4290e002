// The bootstrap's decisions as plain functions (scripts/bootstrap.mjs runs them; tests/unit/bootstrap.test.ts
// checks them). No dependencies: this runs before `npm ci` has installed anything, so the version
// ranges are read here rather than with the semver package.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** "20.19.2" or "v20.19.2" → [20, 19, 2]; a prerelease tag is ignored. */
function parseVersion(v) {
  const m = String(v)
    .trim()
    .replace(/^v/, '')
    .match(/^(\d+)\.(\d+)\.(\d+)/);
  if (!m) throw new Error(`not a version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function cmp(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** "20", "20.x", "20.19", "20.19.0", "*" → the parts given (a wildcard ends them). */
function partial(s) {
  const parts = s.replace(/^[=v]+/, '').split('.');
  const out = [];
  for (const p of parts) {
    if (p === '' || p === 'x' || p === 'X' || p === '*') break;
    if (!/^\d+$/.test(p)) throw new Error(`not a version range part: ${s}`);
    out.push(Number(p));
    if (out.length === 3) break;
  }
  return out;
}

const low = (p) => [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
/** the first version above everything `p` names: 20 → 21.0.0, 20.19 → 20.20.0, 20.19.1 → 20.19.2 */
function above(p) {
  if (p.length === 0) return null;
  const v = low(p);
  v[p.length - 1] += 1;
  return v;
}

/** One comparator set (space-separated, all must hold) → a list of [op, version] tests. */
function comparators(set) {
  const out = [];
  const hyphen = set.match(/^\s*(\S+)\s+-\s+(\S+)\s*$/);
  if (hyphen) {
    const [a, b] = [partial(hyphen[1]), partial(hyphen[2])];
    out.push(['>=', low(a)]);
    if (b.length === 3) out.push(['<=', b]);
    else if (b.length) out.push(['<', above(b)]);
    return out;
  }
  // ">= 18" is one comparator: join an operator to the version after it
  const tokens = set
    .trim()
    .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
    .split(/\s+/)
    .filter(Boolean);
  for (const t of tokens) {
    const m = t.match(/^(>=|<=|>|<|=|\^|~)?(.*)$/);
    const op = m[1] ?? '';
    const p = partial(m[2]);
    if (p.length === 0) {
      if (op === '<' || op === '>') out.push(['never', null]);
      continue; // *, x, >=*: anything
    }
    if (op === '^') {
      out.push(['>=', low(p)]);
      const v = low(p);
      // the first non-zero part given is the one that may not change
      const i = v[0] !== 0 || p.length === 1 ? 0 : v[1] !== 0 || p.length === 2 ? 1 : 2;
      out.push(['<', i === 0 ? [v[0] + 1, 0, 0] : i === 1 ? [0, v[1] + 1, 0] : [0, 0, v[2] + 1]]);
    } else if (op === '~') {
      out.push(['>=', low(p)]);
      out.push(['<', p.length === 1 ? [p[0] + 1, 0, 0] : [p[0], p[1] + 1, 0]]);
    } else if (op === '>=') out.push(['>=', low(p)]);
    else if (op === '>') out.push(p.length === 3 ? ['>', p] : ['>=', above(p)]);
    else if (op === '<') out.push(['<', low(p)]);
    else if (op === '<=') out.push(p.length === 3 ? ['<=', p] : ['<', above(p)]);
    else if (p.length === 3) out.push(['=', p]);
    else out.push(['>=', low(p)], ['<', above(p)]);
  }
  return out;
}

/** Whether a Node version satisfies an npm `engines` range (||, ^, ~, x-ranges, comparators, hyphens). */
export function satisfies(version, range) {
  const v = parseVersion(version);
  return String(range)
    .split('||')
    .some((set) =>
      comparators(set).every(([op, w]) => {
        if (op === 'never') return false;
        const c = cmp(v, w);
        return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : c === 0;
      }),
    );
}

/** The lowest version each `||` branch of a range admits: ">=20.19" → ["20.19.0"]. */
export function lowestVersions(range) {
  return String(range)
    .split('||')
    .map((set) => {
      const lows = comparators(set)
        .filter(([op]) => op === '>=' || op === '=')
        .map(([, w]) => w);
      const v = lows.sort(cmp).at(-1) ?? [0, 0, 0];
      return v.join('.');
    });
}

/**
 * Whether node_modules holds what package-lock.json locks, by npm's own record of what it installed
 * (node_modules/.package-lock.json, written by every npm ci / npm install): each locked package is
 * installed at its locked version and integrity, or is an optional one npm skipped (another
 * platform's binary). Returns null when it does, else why not, in a few words.
 */
export function installedDiffers(root) {
  const lockPath = path.join(root, 'package-lock.json');
  const hiddenPath = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  if (!existsSync(hiddenPath)) return 'node_modules has no .package-lock.json (not installed by npm ci)';
  let lock, hidden;
  try {
    lock = JSON.parse(readFileSync(lockPath, 'utf8')).packages ?? {};
    hidden = JSON.parse(readFileSync(hiddenPath, 'utf8')).packages ?? {};
  } catch (e) {
    return `a lockfile does not parse (${e.message})`;
  }
  for (const [key, want] of Object.entries(lock)) {
    if (key === '' || !key.includes('node_modules/')) continue; // the project itself, workspaces
    const got = hidden[key];
    if (!got) {
      if (want.optional) continue;
      return `${key} is not installed`;
    }
    if (got.version !== want.version || (want.integrity && got.integrity !== want.integrity))
      return `${key} is ${got.version ?? '?'}, the lock says ${want.version}`;
    if (!got.link && !existsSync(path.join(root, key, 'package.json'))) return `${key} was removed from node_modules`;
  }
  for (const key of Object.keys(hidden)) if (!(key in lock)) return `${key} is installed but no longer locked`;
  return null;
}
