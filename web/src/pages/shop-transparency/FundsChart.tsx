import { formatFen } from '../../../../shared/money-format';

export type FundsBar = { name: string; receivedFen: number; usedFen: number };

/**
 * Cash received vs used per village: two horizontal bars a village, on one scale, each with its
 * amount written beside it. Drawn with plain elements rather than echarts (~170 KB compressed,
 * more than the whole rest of the page): a phone on a slow link shows it at once, a screen reader
 * reads it as a list of villages with their two amounts, and it needs no canvas to stay sharp.
 */
export default function FundsChart({ bars, receivedLabel, usedLabel }: { bars: FundsBar[]; receivedLabel: string; usedLabel: string }) {
  const max = Math.max(1, ...bars.flatMap((b) => [b.receivedFen, b.usedFen]));
  const pct = (fen: number) => `${Math.max(fen > 0 ? 1 : 0, (fen / max) * 100)}%`;
  return (
    <figure className="funds-chart" data-testid="funds-chart">
      <figcaption className="funds-chart-legend">
        <span className="funds-chart-key funds-chart-received">{receivedLabel}</span>
        <span className="funds-chart-key funds-chart-used">{usedLabel}</span>
      </figcaption>
      <ul className="funds-chart-rows">
        {bars.map((b) => (
          <li key={b.name} className="funds-chart-row">
            <span className="funds-chart-name">{b.name}</span>
            <span className="funds-chart-bars">
              <span className="funds-chart-bar-line">
                <span className="funds-chart-track">
                  <span className="funds-chart-bar funds-chart-received" style={{ width: pct(b.receivedFen) }} />
                </span>
                <span className="funds-chart-amount">
                  <span className="funds-chart-sr">{receivedLabel} </span>
                  {formatFen(b.receivedFen)}
                </span>
              </span>
              <span className="funds-chart-bar-line">
                <span className="funds-chart-track">
                  <span className="funds-chart-bar funds-chart-used" style={{ width: pct(b.usedFen) }} />
                </span>
                <span className="funds-chart-amount">
                  <span className="funds-chart-sr">{usedLabel} </span>
                  {formatFen(b.usedFen)}
                </span>
              </span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
