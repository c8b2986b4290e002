import type { ImportError } from '../../../shared/schemas/imports.js';
import { AppError } from '../../errors.js';

/*
 * What a parsed upload is, shared by the CSV reader (parse.ts) and the .xlsx reader (xlsx.ts).
 */

/** A parsed sheet: the header cells (row 1) and each data row with its number as the sheet shows it. */
export type Sheet = { header: string[]; rows: { row: number; cells: Cell[] }[] };
/** A cell: its value, or the reason it is refused (a formula is never evaluated nor taken). */
export type Cell = { value: unknown } | { refused: string };

export class FileProblem extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}
export const fileError = (message: string) => new FileProblem({ row: 0, field: 'file', message });

/** The rows a file may hold (each row is one write through the services; the request must finish in time). */
export const MAX_IMPORT_ROWS = 2000;
/** More rows than that: a 413, found while reading (an .xlsx is read no further than one row past it). */
export const tooManyRows = () => {
  const message = `一次最多导入 ${MAX_IMPORT_ROWS} 行`;
  return new AppError('payload_too_large', 413, message, [{ path: 'file', code: 'too_big', message }]);
};

/** A cell's value as exceljs gives it (xlsx.ts gives the same shapes) → the value an import takes, or the reason it is refused. */
export function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return { value: undefined };
  if (typeof v !== 'object' || v instanceof Date) return { value: v };
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o)
    return { refused: `单元格含公式（=${String(o.formula ?? o.sharedFormula)}），不会被计算；请改为纯文本或数值后再导入` };
  if ('error' in o) return { refused: `单元格是错误值 ${String(o.error)}` };
  if (Array.isArray(o.richText)) return { value: (o.richText as { text: string }[]).map((t) => t.text).join('') };
  if ('text' in o) return { value: typeof o.text === 'string' ? o.text : cellValueText(o.text) };
  return { value: String(v) };
}

const cellValueText = (t: unknown): string =>
  t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText)
    ? (t as { richText: { text: string }[] }).richText.map((x) => x.text).join('')
    : String(t ?? '');
