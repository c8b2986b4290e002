import { DOCUMENT_TYPES, MAX_APPLICATION_DOCUMENTS, MAX_DOCUMENT_BYTES } from '../../../../shared/schemas/accounts';

export { MAX_APPLICATION_DOCUMENTS };

/** What the file input offers (the server checks the bytes again). */
export const DOCUMENT_ACCEPT = [...DOCUMENT_TYPES, '.pdf', '.jpg', '.jpeg', '.png'].join(',');

const BY_EXTENSION: Record<string, (typeof DOCUMENT_TYPES)[number]> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** A file's type as sent; some phone pickers leave `type` empty, and then the extension says. */
export function documentType(file: File): string {
  if (file.type) return file.type;
  return BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? '';
}

export type DocumentProblem = { key: 'join.documentType' | 'join.documentSize' | 'join.documentsMax'; name: string };

/**
 * The chosen files added to the kept ones: a file of another type or over 5 MB is left out with
 * its reason, and so is any beyond the third; the same file picked twice counts once.
 */
export function addDocuments(kept: File[], picked: File[]): { files: File[]; problems: DocumentProblem[] } {
  const files = [...kept];
  const problems: DocumentProblem[] = [];
  for (const f of picked) {
    if (files.some((k) => k.name === f.name && k.size === f.size && k.lastModified === f.lastModified)) continue;
    if (!(DOCUMENT_TYPES as readonly string[]).includes(documentType(f))) problems.push({ key: 'join.documentType', name: f.name });
    else if (f.size > MAX_DOCUMENT_BYTES) problems.push({ key: 'join.documentSize', name: f.name });
    else if (files.length >= MAX_APPLICATION_DOCUMENTS) problems.push({ key: 'join.documentsMax', name: f.name });
    else files.push(f);
  }
  return { files, problems };
}
