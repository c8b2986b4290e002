import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../shared/money';
import type { Settlement, Settlements } from '../../../../shared/schemas/settlements';

type Figures = Pick<Settlement, 'grossFen' | 'refundsFen' | 'feesFen' | 'payableFen' | 'paidOutFen' | 'owedFen' | 'orders'>;
type Key = 'grossFen' | 'refundsFen' | 'feesFen' | 'payableFen' | 'paidOutFen' | 'owedFen';

const CARDS: { key: Key; sign?: '−' | '=' | '+' }[] = [
  { key: 'grossFen' },
  { key: 'refundsFen', sign: '−' },
  { key: 'feesFen', sign: '−' },
  { key: 'payableFen', sign: '=' },
  { key: 'paidOutFen' },
  { key: 'owedFen', sign: '+' },
];

/**
 * A month's statement as six figures, in the order of its formula:
 * 销售额 − 退款 − 支付手续费 = 应结 = 已付 + 未付.
 */
export function StatementCards({ figures: f }: { figures: Figures | Settlements['totals'] }) {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={[12, 12]} className="statement-cards" data-testid="statement-cards">
        {CARDS.map(({ key, sign }) => (
          <Col key={key} xs={12} sm={8} xl={4}>
            <Card
              size="small"
              className={`stat-card statement-card statement-${key}${key === 'owedFen' && f.owedFen !== 0 ? ' statement-due' : ''}`}
              data-testid={`statement-${key}`}
              data-fen={f[key]}
            >
              {sign && <span className="statement-sign">{sign}</span>}
              <Statistic title={t(`settlement.fig.${key}`)} value={formatFen(f[key])} />
              <div className="statement-note">
                {key === 'grossFen'
                  ? t('settlement.ordersN', { n: f.orders })
                  : key === 'owedFen' && f.owedFen < 0
                    ? t('settlement.overpaid')
                    : t(`settlement.note.${key}`)}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" className="statement-formula" data-testid="statement-formula">
        {t('settlement.formula')}
      </Typography.Paragraph>
    </>
  );
}
