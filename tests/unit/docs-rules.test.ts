import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/RULES.md answers "where is rule N enforced and tested" in one hop; this keeps every answer true:
// every numbered rule of docs/DOMAIN.md has a row, every named function is declared in the named file,
// and every named test file holds the named test. Plain file reads: no app, no database.

const ROOT = path.resolve(__dirname, '../..');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

/** The numbers of "## Rules the bureau relies on" in docs/DOMAIN.md (`1. **No village left out** …`). */
export function domainRuleNumbers(domain: string): number[] {
  const section = domain.split(/^## /m).find((s) => s.startsWith('Rules the bureau relies on'));
  if (!section) return [];
  return [...section.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
}

export type RuleRow = {
  id: string;
  line: number;
  /** `path#name` (a function, const, class, method …) or `path` alone (a file that is the rule, e.g. a config) */
  enforcedBy: { file: string; name?: string }[];
  /** `tests/…` › "a unique part of the test's title" */
  provenBy: { file: string; title: string }[];
};

const cells = (line: string) =>
  line
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/** The rows of the table(s) in docs/RULES.md whose header starts `| rule |`. */
export function parseRules(md: string): RuleRow[] {
  const rows: RuleRow[] = [];
  let header: string[] | undefined;
  md.split('\n').forEach((line, i) => {
    if (!line.trim().startsWith('|')) {
      header = undefined;
      return;
    }
    const c = cells(line);
    if (!header) {
      header = c.map((h) => h.toLowerCase());
      return;
    }
    if (c.every((x) => /^:?-+:?$/.test(x))) return;
    if (header[0] !== 'rule') return;
    const col = (name: string) => c[header!.indexOf(name)] ?? '';
    const enforcedBy = [...col('enforced by').matchAll(/`([\w./{},-]+?)(?:#([\w$.]+))?`/g)]
      .filter((m) => m[1]!.includes('/'))
      .map((m) => ({ file: m[1]!, name: m[2] }));
    const provenBy = [...col('proven by').matchAll(/`(tests\/[\w./-]+)`(?:\s*›\s*"([^"]+)")?/g)].map((m) => ({ file: m[1]!, title: m[2] ?? '' }));
    rows.push({ id: c[0]!.replace(/\*/g, ''), line: i + 1, enforcedBy, provenBy });
  });
  return rows;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `name` is declared in `src`: a function, const, class, type, a method (its parameters then
 * `{` on the line, or parameters running on to the next lines), a member holding a function, or an
 * export list. A call or a plain property of that name does not count.
 */
export function declares(src: string, name: string): boolean {
  const n = esc(name);
  const modifiers = '(?:(?:public|private|protected|static|async|readonly|override|get|set)\\s+)*';
  return [
    new RegExp(`\\bfunction\\*?\\s+${n}\\b`),
    new RegExp(`\\b(?:const|let|var|class|type|interface|enum)\\s+${n}\\b`),
    // a method: `  async name(a: A): R {`, `  name<T>(`⏎ (parameters on the next lines)
    new RegExp(`^\\s*${modifiers}${n}\\s*(?:<[^>\\n]*>)?\\s*\\([^\\n]*\\)\\s*(?::[^\\n]*)?\\{\\s*$`, 'm'),
    new RegExp(`^\\s*${modifiers}${n}\\s*(?:<[^>\\n]*>)?\\s*\\(\\s*$`, 'm'),
    // a member holding a function: `  name: async (…) =>`, `  name = (…) =>`, `  name: function`
    new RegExp(`^\\s*${modifiers}${n}\\s*[:=]\\s*(?:async\\b\\s*)?(?:\\(|function\\b|<|[\\w$]+\\s*=>)`, 'm'),
    new RegExp(`\\bexport\\s*\\{[^}]*\\b${n}\\b[^}]*\\}`),
  ].some((re) => re.test(src));
}

/**
 * The titles of a test file: the first argument of each it/test/describe call (`it.each([…])('title')`
 * too), as written in the source, template literals included.
 */
export function testTitles(src: string): string[] {
  const call = /(?:\b(?:it|test|describe)(?:\.\w+)*|\))\s*\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g;
  return [...src.matchAll(call)].map((m) => m[2]!);
}

/** Whether a test of `src` has a title holding `title` (at least 6 characters, so it names one test). */
export function holdsTest(src: string, title: string): boolean {
  const t = title.trim();
  return t.length >= 6 && testTitles(src).some((x) => x.includes(t));
}

const domain = read('docs/DOMAIN.md');
const rules = parseRules(read('docs/RULES.md'));

describe('docs/RULES.md', () => {
  it('has a row for every numbered rule of docs/DOMAIN.md (D<n>)', () => {
    const numbers = domainRuleNumbers(domain);
    expect(numbers.length).toBeGreaterThanOrEqual(10);
    const ids = new Set(rules.map((r) => r.id));
    expect(numbers.map((n) => `D${n}`).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('names each rule once', () => {
    const seen = new Map<string, number>();
    const twice = rules.filter((r) => seen.has(r.id) || !seen.set(r.id, r.line)).map((r) => `${r.id} (line ${r.line})`);
    expect(twice).toEqual([]);
  });

  it('names at least one declared function and one test on every row', () => {
    const bare = rules.filter((r) => !r.enforcedBy.some((e) => e.name) || r.provenBy.length === 0).map((r) => `${r.id} (line ${r.line})`);
    expect(bare).toEqual([]);
  });

  it('every named file exists and declares the named function, const, class or method', () => {
    const problems: string[] = [];
    for (const r of rules)
      for (const e of r.enforcedBy) {
        if (!existsSync(path.join(ROOT, e.file))) problems.push(`${r.id}: no file ${e.file}`);
        else if (e.name) {
          const src = read(e.file);
          for (const part of e.name.split('.')) if (!declares(src, part)) problems.push(`${r.id}: ${e.file} declares no ${part}`);
        }
      }
    expect(problems).toEqual([]);
  });

  it('every named test file exists and holds the named test', () => {
    const problems: string[] = [];
    for (const r of rules)
      for (const t of r.provenBy) {
        if (!existsSync(path.join(ROOT, t.file))) problems.push(`${r.id}: no file ${t.file}`);
        else if (!t.title) problems.push(`${r.id}: ${t.file} without a test title`);
        else if (!holdsTest(read(t.file), t.title)) problems.push(`${r.id}: ${t.file} has no test titled "…${t.title}…"`);
      }
    expect(problems).toEqual([]);
  });
});

/** The project's own source files (what cites the documents). */
const sources = () =>
  ['functions', 'shared', 'web/src', 'tests', 'infra', 'scripts'].flatMap((dir) =>
    (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
      .filter((f) => /\.(ts|tsx|mjs|cjs)$/.test(f) && !f.includes('node_modules'))
      .map((f) => path.join(dir, f)),
  );

/** `rule 2`, `Rule 10`, `rules 3, 4 and 10`, `rules 3 and 10` → their numbers. */
export function citedRuleNumbers(src: string): number[] {
  return [...src.matchAll(/\brules? (\d+(?:(?:, | and | or )\d+)*)\b/gi)].flatMap((m) => m[1]!.split(/, | and | or /).map(Number));
}

describe('what the code cites', () => {
  const files = sources();

  it('every "rule N" the code cites is a numbered rule of docs/DOMAIN.md', () => {
    const known = new Set(domainRuleNumbers(domain));
    const unknown = files.flatMap((f) =>
      citedRuleNumbers(read(f))
        .filter((n) => !known.has(n))
        .map((n) => `${f}: rule ${n}`),
    );
    expect(unknown).toEqual([]);
  });

  it('every docs/… page the code cites exists', () => {
    const missing = files.flatMap((f) =>
      [...read(f).matchAll(/\bdocs\/([\w-]+\.md)\b/g)].filter((m) => !existsSync(path.join(ROOT, 'docs', m[1]!))).map((m) => `${f}: docs/${m[1]}`),
    );
    expect(missing).toEqual([]);
  });

  it('every docs/RULES.md row the code cites exists', () => {
    const ids = new Set(rules.map((r) => r.id));
    const missing = files.flatMap((f) => [...read(f).matchAll(/RULES\.md,? ([A-Z]+[\w-]*\d)\b/g)].filter((m) => !ids.has(m[1]!)).map((m) => `${f}: ${m[1]}`));
    expect(missing).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('read cited rule numbers', () => {
    expect(citedRuleNumbers('// rule 2: no gap; Rules 3, 4 and 10 here; rules 3 and 10; the ruler 7')).toEqual([2, 3, 4, 10, 3, 10]);
  });

  it('find declarations and miss what is not declared', () => {
    const src =
      'export async function claimPairing(a) {}\nconst LIMIT = 3;\nclass A {\n  async signIn(x: X): Promise<void> {\n  }\n  private verify(\n    token: string,\n  ) {}\n  other = (x) => x;\n  plain = 1;\n}\nconst o = {\n  deliver: async () => 1,\n  status: 2,\n};\nexport { x as y, helper };\n  notifyTx(ctx, 1),\n';
    for (const n of ['claimPairing', 'LIMIT', 'A', 'signIn', 'verify', 'other', 'deliver', 'helper']) expect(declares(src, n), n).toBe(true);
    for (const n of ['claim', 'limit', 'signOut', 'x2', 'plain', 'status', 'notifyTx']) expect(declares(src, n), n).toBe(false);
  });

  it('find test titles only in it/test/describe calls', () => {
    const src =
      "describe('pairings', () => {\n  it('a pairing cannot end before it starts', async () => {\n    const note = 'a pairing cannot end';\n  });\n  it(\n    'a long title broken by the formatter',\n    () => {},\n  );\n});\n";
    expect(holdsTest(src, 'cannot end before it starts')).toBe(true);
    expect(holdsTest(src, 'broken by the formatter')).toBe(true);
    expect(holdsTest(src, 'const note')).toBe(false);
    expect(holdsTest(src, 'nowhere in the file')).toBe(false);
  });

  it('parse a rules row with several functions and tests', () => {
    const md =
      '| rule | says | enforced by | proven by |\n| --- | --- | --- | --- |\n| D2 | no gap | `functions/a.ts#f`, `functions/b.ts#C.m` | `tests/api/x.test.ts` › "one title"<br>`tests/api/y.test.ts` › "other" |\n';
    expect(parseRules(md)).toEqual([
      {
        id: 'D2',
        line: 3,
        enforcedBy: [
          { file: 'functions/a.ts', name: 'f' },
          { file: 'functions/b.ts', name: 'C.m' },
        ],
        provenBy: [
          { file: 'tests/api/x.test.ts', title: 'one title' },
          { file: 'tests/api/y.test.ts', title: 'other' },
        ],
      },
    ]);
  });
});
