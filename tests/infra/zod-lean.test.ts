import * as real from 'zod';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript for the bundler only (no types; tsc does not read it)
import * as lean from '../../infra/zod-lean.mjs';
import { BUNDLING, esbuildOptions, cdkEsbuildArgs } from '../../infra/bundling.js';

/**
 * infra/zod-lean.mjs is what `zod` means in the Lambda bundles: zod's own entry less the locales.
 * It must stay zod, export for export, when zod is upgraded, or a bundle would lose a name that
 * type-checked fine against the real package.
 */
const names = (o: object) => Object.keys(o).sort();

describe('zod as the bundles see it (infra/zod-lean.mjs)', () => {
  it('exports everything zod exports but `locales`, at the top and as `z`, and the same objects', () => {
    const zodNames = names(real.z).filter((n) => n !== 'locales');
    expect(names(lean)).toEqual([...zodNames, 'default', 'z'].sort());
    expect(names(lean.z)).toEqual([...zodNames, 'default', 'z'].sort());
    expect(lean.default).toBe(lean.z);
    for (const n of zodNames) if (!['core'].includes(n)) expect(lean[n], n).toBe((real.z as Record<string, unknown>)[n]);
  });

  it('has zod’s core less `locales`, the same objects', () => {
    expect(names(lean.core)).toEqual(names(real.core).filter((n) => n !== 'locales'));
    for (const n of names(lean.core)) expect(lean.core[n], n).toBe((real.core as Record<string, unknown>)[n]);
  });

  it('still speaks English, the default locale', () => {
    const r = lean.z.object({ a: lean.z.string() }).safeParse({ a: 1 });
    expect(r.success).toBe(false);
    expect(r.error.issues[0].message).toBe('Invalid input: expected string, received number');
  });

  it('is what both the CDK bundling and the tests’ esbuild are told to use for `zod`', () => {
    expect(BUNDLING.alias.zod).toMatch(/\/infra\/zod-lean\.mjs$/);
    expect(esbuildOptions().alias).toEqual({ zod: BUNDLING.alias.zod });
    expect(cdkEsbuildArgs()).toEqual({ '--alias': [`zod=${BUNDLING.alias.zod}`] });
  });
});
