import type { z } from 'zod';
import type { ImportError, ImportKind, ImportResult } from '../../../shared/schemas/imports.js';
import { OrganizationInput } from '../../../shared/schemas/organizations.js';
import { VillageInput } from '../../../shared/schemas/villages.js';
import { AppError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { createOrganization, updateOrganization } from '../organizations/service.js';
import { registerVillage, updateVillage } from '../villages/service.js';
import { allVillageItems, earliestPairingStart } from '../villages/store.js';
import { COLUMNS, coerce, columnOf, type ColumnSpec } from './columns.js';
import { parseUpload } from './parse.js';
import { FileProblem, type Sheet } from './sheet.js';

/**
 * Imports of villages and organizations from .xlsx or .csv: every row is validated with the same
 * schemas as the API; any error and nothing is written. Then each row goes through the services
 * (create, or patch the record matched by village name + township, or by credit code), so their
 * rules, audit events and counters apply exactly as for a form.
 */
type Parsed<T> = { row: number; value: T };

/** What an update may change: the fields whose column the file has and whose cell is filled (needs: its column). */
function patchOf<T extends Record<string, unknown>>(value: T, present: Set<string>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => present.has(k) && v !== undefined)) as Partial<T>;
}

function headerColumns(kind: ImportKind, header: string[]): { columns: (ColumnSpec | null)[]; errors: ImportError[] } {
  const columns = header.map((h) => (h ? columnOf(kind, h) : null));
  const expected = COLUMNS[kind].map((c) => (c.required ? c.header : `${c.header}（选填）`)).join('、');
  const unknown = header.filter((h, i) => h && !columns[i]);
  const seen = new Set<string>();
  const repeated = columns.filter((c): c is ColumnSpec => !!c && (seen.has(c.key) || !seen.add(c.key)));
  const missing = COLUMNS[kind].filter((c) => c.required && !columns.some((x) => x?.key === c.key));
  const errors: ImportError[] = [];
  if (unknown.length)
    errors.push({
      row: 1,
      field: 'header',
      message: `无法识别的列：${unknown.map((u) => `「${u}」`).join('、')}（可能是编码不对或表头有误）。应有的列：${expected}`,
    });
  if (repeated.length) errors.push({ row: 1, field: 'header', message: `列重复：${repeated.map((c) => c.header).join('、')}` });
  if (missing.length) errors.push({ row: 1, field: 'header', message: `缺少必填列：${missing.map((c) => c.header).join('、')}。应有的列：${expected}` });
  return { columns, errors };
}

/** The longest cell text an error row repeats (the rest elided). */
export const SHOWN_VALUE_CHARS = 60;

/**
 * A cell as an error row shows it: its text, control characters written out (\n, \t, \u0000 …) so a
 * line break or a hidden character is seen, at most SHOWN_VALUE_CHARS characters; undefined when empty.
 */
export function shownValue(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const text = v instanceof Date ? (Number.isNaN(v.getTime()) ? String(v) : v.toISOString().slice(0, 10)) : String(v);
  if (text === '') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is shown escaped
  const escaped = text.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const chars = [...escaped];
  return chars.length > SHOWN_VALUE_CHARS ? `${chars.slice(0, SHOWN_VALUE_CHARS).join('')}…` : escaped;
}

const withValue = (e: ImportError, v: unknown): ImportError => {
  const value = shownValue(v);
  return value === undefined ? e : { ...e, value };
};

function validateRows<S extends z.ZodTypeAny>(
  kind: ImportKind,
  sheet: Sheet,
  schema: S,
): { rows: Parsed<z.infer<S>>[]; errors: ImportError[]; present: Set<string> } {
  const { columns, errors } = headerColumns(kind, sheet.header);
  const present = new Set(columns.filter((c): c is ColumnSpec => !!c).map((c) => c.key));
  if (errors.length) return { rows: [], errors, present };
  if (!sheet.rows.length) return { rows: [], errors: [{ row: 2, field: 'file', message: '文件只有表头，没有数据行' }], present };
  const rows: Parsed<z.infer<S>>[] = [];
  for (const r of sheet.rows) {
    const input: Record<string, unknown> = {};
    const raw: Record<string, unknown> = {};
    let refused = false;
    columns.forEach((c, i) => {
      const cell = r.cells[i];
      if (!c || !cell) return;
      if ('refused' in cell) {
        errors.push({ row: r.row, field: c.key, message: cell.refused });
        raw[c.key] = undefined;
        refused = true;
      } else {
        raw[c.key] = cell.value;
        const v = coerce(c, cell.value);
        if (v !== undefined) input[c.key] = v;
      }
    });
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? String(issue.path[0]) : 'row';
        if (seen.has(field) || errors.some((e) => e.row === r.row && e.field === field)) continue;
        seen.add(field);
        errors.push(withValue({ row: r.row, field, message: issue.message }, raw[field]));
      }
    } else if (!refused) rows.push({ row: r.row, value: parsed.data });
  }
  return { rows, errors, present };
}

/** Duplicates inside the file: the later row is the error, naming the first. */
function duplicates<T>(rows: Parsed<T>[], keyOf: (v: T) => string, field: string, label: string, shown: (v: T) => string): ImportError[] {
  const first = new Map<string, number>();
  const errors: ImportError[] = [];
  for (const r of rows) {
    const k = keyOf(r.value);
    const at = first.get(k);
    if (at !== undefined) errors.push(withValue({ row: r.row, field, message: `${label}与第 ${at} 行重复` }, shown(r.value)));
    else first.set(k, r.row);
  }
  return errors;
}

const byRow = (a: ImportError, b: ImportError) => a.row - b.row;

async function readSheet(bytes: Uint8Array, fileName: string): Promise<Sheet | ImportError> {
  try {
    return await parseUpload(bytes, fileName);
  } catch (e) {
    if (e instanceof FileProblem) return e.error;
    throw e;
  }
}

/** A service rule that refused one row after earlier rows were written (rare: validation ran first). */
function stopped(e: unknown, row: number, done: { created: number; updated: number }): never {
  if (e instanceof AppError) {
    throw new AppError(e.code, e.status, `第 ${row} 行未能导入：${e.message}（此前的 ${done.created + done.updated} 行已写入）`, {
      row,
      ...done,
      details: e.details,
    });
  }
  throw e;
}

export async function importVillages(ctx: ServiceContext, bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  const sheet = await readSheet(bytes, fileName);
  if (!('header' in sheet)) return { created: 0, updated: 0, errors: [sheet] };
  const { rows, errors, present } = validateRows('villages', sheet, VillageInput);
  errors.push(
    ...duplicates(
      rows,
      (v) => `${v.name}\u0000${v.township}`,
      'name',
      '村名 + 乡镇',
      (v) => `${v.name} / ${v.township}`,
    ),
  );
  if (errors.length) return { created: 0, updated: 0, errors: errors.sort(byRow) };
  const existing = new Map((await allVillageItems(ctx.store)).map((v) => [`${v.name}\u0000${v.township}`, v]));
  // rule 2, checked before anything is written (the service checks it too, but only row by row):
  // an update may not move a village's registration past the start of one of its pairings
  for (const r of rows) {
    const v = existing.get(`${r.value.name}\u0000${r.value.township}`);
    if (!v || !r.value.registeredOn || r.value.registeredOn <= v.registeredOn) continue;
    const earliest = await earliestPairingStart(ctx.store, v.id);
    if (earliest && earliest < r.value.registeredOn)
      errors.push({ row: r.row, field: 'registeredOn', message: `登记日期不能晚于已有结对的开始日期（${earliest}）`, value: r.value.registeredOn });
  }
  if (errors.length) return { created: 0, updated: 0, errors: errors.sort(byRow) };
  const done = { created: 0, updated: 0 };
  for (const r of rows) {
    const id = existing.get(`${r.value.name}\u0000${r.value.township}`)?.id;
    try {
      if (id) {
        await updateVillage(ctx, id, patchOf(r.value, present));
        done.updated++;
      } else {
        await registerVillage(ctx, r.value);
        done.created++;
      }
    } catch (e) {
      stopped(e, r.row, done);
    }
  }
  return { ...done, errors: [] };
}

export async function importOrganizations(ctx: ServiceContext, bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  const sheet = await readSheet(bytes, fileName);
  if (!('header' in sheet)) return { created: 0, updated: 0, errors: [sheet] };
  const { rows, errors, present } = validateRows('organizations', sheet, OrganizationInput);
  errors.push(
    ...duplicates(
      rows,
      (o) => o.creditCode,
      'creditCode',
      '统一社会信用代码',
      (o) => o.creditCode,
    ),
  );
  if (errors.length) return { created: 0, updated: 0, errors: errors.sort(byRow) };
  // the organizations module's credit-code claim items (pk CREDITCODE, sk <code>) say who holds each code
  const owners = await ctx.store.getMany<{ sk: string; organizationId: string }>(rows.map((r) => ({ pk: ctx.store.pk('CREDITCODE'), sk: r.value.creditCode })));
  const existing = new Map(owners.map((o) => [o.sk, o.organizationId]));
  const done = { created: 0, updated: 0 };
  for (const r of rows) {
    const id = existing.get(r.value.creditCode);
    try {
      if (id) {
        await updateOrganization(ctx, id, patchOf(r.value, present));
        done.updated++;
      } else {
        await createOrganization(ctx, r.value);
        done.created++;
      }
    } catch (e) {
      stopped(e, r.row, done);
    }
  }
  return { ...done, errors: [] };
}
