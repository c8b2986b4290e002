import type { stream, Worksheet } from 'exceljs';

/**
 * Cells of the ledger workbook: text escaped against formula injection, money in yuan with two
 * decimals from integer fen, a frozen header row, a totals row summed in fen. Types only from
 * exceljs: the module itself is loaded lazily by the route (it must stay out of the api bundle).
 */
/** points: an assessment's points, one decimal */
export type Kind = 'text' | 'yuan' | 'int' | 'points';
/** `note`: a comment on the header cell, saying the column's rule. */
export type Column = { header: string; key: string; width?: number; kind: Kind; note?: string };
export type Row = Record<string, unknown>;

/** A text cell starting with = + - @ (or a tab / CR) would be read as a formula: a leading apostrophe makes it text. */
export function safeText(s: string | null | undefined): string {
  if (s === null || s === undefined) return '';
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Fen → yuan: the double nearest fen/100, which round(·×100) gives back exactly. */
export const yuan = (fen: number): number => fen / 100;

export type SheetWriter = { add(row: Row): void; total(label: string, row: Row): void; commit(): Promise<void> };

/** A worksheet of the streaming workbook: header frozen, rows committed (flushed) as they are added. */
export function sheet(wb: stream.xlsx.WorkbookWriter, name: string, columns: Column[]): SheetWriter {
  const ws: Worksheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? (c.kind === 'text' ? 18 : 14),
    style: c.kind === 'yuan' ? { numFmt: '0.00' } : c.kind === 'int' ? { numFmt: '0' } : c.kind === 'points' ? { numFmt: '0.0' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.note) ws.getRow(1).getCell(i + 1).note = c.note;
  });
  ws.getRow(1).commit();
  const cells = (row: Row) =>
    Object.fromEntries(
      columns.map((c) => {
        const v = row[c.key];
        if (c.kind === 'text') return [c.key, safeText(v === null || v === undefined ? '' : String(v))];
        if (v === null || v === undefined || v === '') return [c.key, null];
        return [c.key, c.kind === 'yuan' ? yuan(Number(v)) : Number(v)];
      }),
    );
  return {
    add(row) {
      ws.addRow(cells(row)).commit();
    },
    total(label, row) {
      const r = ws.addRow(cells({ [columns[0].key]: label, ...row }));
      r.font = { bold: true };
      r.commit();
    },
    async commit() {
      // exceljs's streaming worksheet commits at once (its type says void); the workbook's commit is the one awaited
      ws.commit();
    },
  };
}

/** Sums of fen (integers) by key, for a totals row. */
export class Totals {
  readonly sums: Record<string, number> = {};
  add(row: Row, keys: string[]): void {
    for (const k of keys) this.sums[k] = (this.sums[k] ?? 0) + Number(row[k] ?? 0);
  }
}

/** Every item of a cursor-paged list, one page in memory at a time. */
export async function* eachItem<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    for (const item of p.items) yield item;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

/** RFC 5987/6266: an ASCII fallback name and the UTF-8 one. */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}
