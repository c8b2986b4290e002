import { List } from '../../shop/mobile';
import { useTranslation } from 'react-i18next';
import type { PublicProduce } from '../../../../shared/schemas/produce';
import { useFormat } from '../../lib/format-list';

/** What a careful donor checks: origin, 扶贫产品认定 number, the adoption's terms, the listing's own words. */
export function ProduceFacts({ produce: p }: { produce: PublicProduce }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      {p.kind === 'adoption' && p.adoption && (
        <div className="shop-card-block shop-adoption" data-testid="adoption">
          <div className="shop-block-title">{t('shop.produce.adoptionTitle')}</div>
          <dl className="shop-adoption-terms">
            <dt>{t('shop.produce.adoptionSubject')}</dt>
            <dd>{p.adoption.subject}</dd>
            <dt>{t('shop.produce.adoptionSeason')}</dt>
            <dd>{t('shop.produce.seasonRange', { start: p.adoption.seasonStart, end: p.adoption.seasonEnd })}</dd>
            <dt>{t('shop.produce.adoptionReturns')}</dt>
            <dd>{p.adoption.returns}</dd>
          </dl>
        </div>
      )}
      <List className="shop-facts" header={t('shop.produce.factsTitle')}>
        <List.Item extra={`${p.villageName} · ${p.township}`}>{t('shop.produce.origin')}</List.Item>
        {p.originLabel && <List.Item extra={p.originLabel}>{t('shop.produce.producer')}</List.Item>}
        <List.Item extra={t(`produceCategory.${p.category}`)}>{t('shop.produce.category')}</List.Item>
        <List.Item extra={fmt.unit(p.unit)}>{t('shop.produce.unit')}</List.Item>
        <List.Item
          extra={
            <span className="shop-mono" data-testid="certification-no">
              {p.certificationNo ?? t('shop.produce.notCertified')}
            </span>
          }
        >
          {t('shop.produce.certification')}
        </List.Item>
      </List>
      {p.description && (
        <div className="shop-card-block">
          <div className="shop-block-title">{t('shop.produce.descriptionTitle')}</div>
          <p className="shop-description">{p.description}</p>
        </div>
      )}
    </>
  );
}
