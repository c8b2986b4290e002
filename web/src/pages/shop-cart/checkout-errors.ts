import { ApiError } from '../../api/errors';

/** A listing the server refused: sold out or short (409, with what is left when it said), or gone from sale (404). */
export type LineProblem = { produceId: string; kind: 'short' | 'gone'; available?: number };

type Raw = { produceId?: unknown; id?: unknown; available?: unknown };

function short(d: Raw | undefined): LineProblem | null {
  const produceId = typeof d?.produceId === 'string' ? d.produceId : typeof d?.id === 'string' ? d.id : null;
  if (!produceId) return null;
  return { produceId, kind: 'short', available: typeof d?.available === 'number' ? d.available : undefined };
}

/**
 * The cart lines a checkout refusal names. 409 out_of_stock names the listing in `details` (one
 * object, a list, or {items}); 404 names the line by its path (items.2.produceId).
 */
export function lineProblems(error: unknown, produceIds: string[]): LineProblem[] {
  if (!(error instanceof ApiError)) return [];
  if (error.status === 409) {
    const d = error.details as Raw | Raw[] | { items?: Raw[] } | undefined;
    const list: Raw[] = Array.isArray(d) ? d : d && 'items' in d && Array.isArray(d.items) ? d.items : d ? [d as Raw] : [];
    return list.map(short).filter((p): p is LineProblem => p !== null);
  }
  if (error.status === 404) {
    return error.fieldErrors
      .map((f) => /^items\.(\d+)\.produceId$/.exec(f.path))
      .filter((m): m is RegExpExecArray => m !== null && produceIds[Number(m[1])] !== undefined)
      .map((m) => ({ produceId: produceIds[Number(m[1])], kind: 'gone' as const }));
  }
  return [];
}
