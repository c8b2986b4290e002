import { DOCUMENT_TYPES, MAX_APPLICATION_DOCUMENTS, MAX_DOCUMENT_BYTES } from '../../../shared/schemas/accounts.js';
import type { FieldError } from '../../../shared/schemas/common.js';

export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type UploadedDocument = { fileName: string; declaredType: string; bytes: Uint8Array };

/** What the bytes are (magic numbers), whatever the upload said: a PDF, a JPEG or a PNG, or nothing. */
export function sniffDocument(b: Uint8Array): DocumentType | null {
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'application/pdf'; // %PDF-
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
  return null;
}

/** Each document's problems as field errors (`documents`, `documents.<i>`); none when all is well. */
export function documentProblems(docs: UploadedDocument[]): FieldError[] {
  const out: FieldError[] = [];
  if (docs.length === 0) out.push({ path: 'documents', code: 'custom', message: '请上传登记证书或营业执照' });
  if (docs.length > MAX_APPLICATION_DOCUMENTS) out.push({ path: 'documents', code: 'custom', message: `最多上传 ${MAX_APPLICATION_DOCUMENTS} 个文件` });
  docs.forEach((d, i) => {
    if (d.bytes.length > MAX_DOCUMENT_BYTES) out.push({ path: `documents.${i}`, code: 'custom', message: `「${d.fileName}」超过 5 MB` });
    else if (d.bytes.length === 0) out.push({ path: `documents.${i}`, code: 'custom', message: `「${d.fileName}」是空文件` });
    else if (!sniffDocument(d.bytes)) out.push({ path: `documents.${i}`, code: 'custom', message: `「${d.fileName}」不是 PDF、JPEG 或 PNG 文件` });
  });
  return out;
}

/** A file name fit to show and to send back in a header: its last path part, printable, ≤ 100 characters. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
  const printable = last.replace(/[\u0000-\u001f\u007f"<>]/g, '').trim();
  return (printable || '文件').slice(0, 100);
}
