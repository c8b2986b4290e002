import { z } from 'zod';

/** The upload limit of POST /api/imports/* (413 above it). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const ImportError = z.object({
  /** the row number as the spreadsheet shows it (the header is row 1) */
  row: z.number().int(),
  /** the field's key (name, township, creditCode …), or "file" / "header" for the whole file */
  field: z.string(),
  message: z.string(),
  /** the cell's text as the file has it (control characters written out, at most 60 characters), when there is one */
  value: z.string().optional(),
});
export type ImportError = z.infer<typeof ImportError>;

/** A file with any invalid row writes nothing: created = updated = 0 then. */
export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(ImportError),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const IMPORT_KINDS = ['villages', 'organizations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** GET /api/exports/ledger.xlsx?month=YYYY-MM */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
export const LedgerQuery = z.object({ month: Month });
