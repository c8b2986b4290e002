import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The code's layers (docs/ARCHITECTURE.md, "Layers"), checked on every run: dependency-cruiser
 * applies .dependency-cruiser.cjs (routes call services, services know no HTTP or AWS SDK, shared/
 * and the web app stand apart, no file-level cycle), and this file adds one check it cannot
 * express: no cycle between modules (functions/modules/<m>, functions/http, functions/store …),
 * counting runtime imports only (a type-only import is erased at build time). Route files sit on
 * top (they may import any module's service) and are left out of the module graph.
 */
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;
let result: ICruiseResult;

beforeAll(async () => {
  const out = await cruise(
    ['functions', 'shared', 'web/src', 'infra'],
    { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } } as never,
    undefined,
    undefined,
  );
  result = out.output as ICruiseResult;
}, 60_000);

/** The module a file belongs to, or null for route files and entry points (the top layer). */
export function moduleOf(path: string): string | null {
  if (/^functions\/modules\/[^/]+\/[a-z-]*routes\.ts$/.test(path) || /^functions\/(app|app-full)\.ts$/.test(path)) return null;
  let m = path.match(/^functions\/modules\/([^/]+)\//);
  if (m) return `modules/${m[1]}`;
  m = path.match(/^functions\/([^/]+)\//);
  if (m) return `functions/${m[1]}`;
  if (path === 'functions/errors.ts') return 'functions/errors';
  return null;
}

/** Cycles (strongly connected components of more than one module) in a module graph. */
export function moduleCycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the layers', () => {
  it('break no rule of .dependency-cruiser.cjs', () => {
    const violations = (result.summary.violations ?? []).map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
    );
    expect(violations).toEqual([]);
  });

  it('have no cycle between modules', () => {
    const edges = new Map<string, Set<string>>();
    const why = new Map<string, string>();
    for (const m of result.modules) {
      const a = moduleOf(m.source);
      if (!a) continue;
      for (const d of m.dependencies) {
        if (d.dependencyTypes.includes('type-only')) continue;
        const b = moduleOf(d.resolved);
        if (!b || b === a) continue;
        if (!edges.has(a)) edges.set(a, new Set());
        edges.get(a)!.add(b);
        why.set(`${a}>${b}`, `${m.source} → ${d.resolved}`);
      }
    }
    const cycles = moduleCycles(edges).map(
      (c) => `${c.join(' ⇄ ')}: ${c.flatMap((a) => c.filter((b) => why.has(`${a}>${b}`)).map((b) => why.get(`${a}>${b}`))).join('; ')}`,
    );
    expect(cycles).toEqual([]);
  });

  it('the cycle check finds a cycle when there is one', () => {
    const edges = new Map([
      ['modules/pairings', new Set(['modules/villages'])],
      ['modules/villages', new Set(['modules/pairings', 'functions/store'])],
      ['functions/store', new Set<string>()],
    ]);
    expect(moduleCycles(edges)).toEqual([['modules/pairings', 'modules/villages']]);
    expect(moduleOf('functions/modules/pairings/routes.ts')).toBeNull();
    expect(moduleOf('functions/modules/pairings/limit.ts')).toBe('modules/pairings');
  });
});
