import { useFormat } from '../../lib/format-list';

/** ¥ with two decimals from integer fen, the yuan large and the fen small, as Chinese shops print it. */
export function Price({ fen, size = 'md', unit }: { fen: number; size?: 'sm' | 'md' | 'lg' | 'xl'; unit?: string }) {
  const fmt = useFormat();
  const yuan = Math.floor(Math.abs(fen) / 100).toLocaleString('en-US');
  const cents = String(Math.abs(fen) % 100).padStart(2, '0');
  return (
    <span className={`shop-price shop-price-${size}`} data-fen={fen}>
      <span className="shop-price-sign">{fen < 0 ? '-¥' : '¥'}</span>
      <span className="shop-price-yuan">{yuan}</span>
      <span className="shop-price-cents">.{cents}</span>
      {unit && <span className="shop-price-unit">/{fmt.unit(unit)}</span>}
    </span>
  );
}
