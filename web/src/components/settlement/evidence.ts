/** What POST /api/payouts/:id/evidence accepts (the server checks the bytes again). */
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/** The extension a saved evidence file gets from its type (the route sends no file name). */
export const evidenceExtension = (type: string) => EXTENSIONS[type.split(';')[0].trim()] ?? 'bin';

/** undefined when the file may be sent, else the i18n key of why not. */
export function evidenceProblem(file: File): 'settlement.evidenceType' | 'settlement.evidenceSize' | undefined {
  if (!EVIDENCE_TYPES.includes(file.type)) return 'settlement.evidenceType';
  if (file.size > MAX_EVIDENCE_BYTES) return 'settlement.evidenceSize';
  return undefined;
}
