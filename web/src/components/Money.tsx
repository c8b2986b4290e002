import { formatFen } from '../../../shared/money';

/** ¥ with two decimals from integer fen; a dash when there is none. */
export function Money({ fen }: { fen: number | null | undefined }) {
  if (fen === null || fen === undefined) return <span className="muted">—</span>;
  return <span className="money">{formatFen(fen)}</span>;
}
