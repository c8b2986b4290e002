import { DeleteOutlined, EnvironmentOutlined } from '../../shop/components/icons';
import { confirmSheet } from '../../shop/confirm';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_LINE_QUANTITY } from '../../../../shared/formats';
import { Price } from '../../shop/components/Price';
import { QuantityStepper } from '../../shop/components/QuantityStepper';
import { PhotoPlaceholder, ProducePhoto } from '../../shop/components/ProducePhoto';
import type { LineProblem } from './checkout-errors';
import type { LiveLine } from './use-live-lines';
import { useFormat } from '../../lib/format-list';

type Props = { slug: string; line: LiveLine; refused?: LineProblem; onQuantity: (q: number) => void; onRemove: () => void };

/** One line of the cart: what, from which village, how many; and in words why it cannot be bought. */
export function CartLineCard({ slug, line: l, refused, onQuantity, onRemove }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const gone = l.gone || refused?.kind === 'gone';
  // the server's number (a 409) wins over the page's last read of the listing
  const available = refused?.available ?? l.live?.available;
  const short = available !== undefined && l.quantity > available;
  const warning = gone
    ? t('shop.cart.gone')
    : short
      ? available > 0
        ? t('shop.cart.onlyLeft', { qty: fmt.qty(available, l.unit) })
        : t('shop.cart.noneLeft')
      : refused && refused.available === undefined
        ? t('shop.cart.notEnough')
        : null;

  const confirmRemove = async () => {
    const ok = await confirmSheet({
      content: t('shop.cart.removeConfirm', { name: l.name }),
      confirmText: t('shop.cart.remove'),
      cancelText: t('actions.cancel'),
    });
    if (ok) onRemove();
  };

  return (
    <div className={`shop-line${warning ? ' has-warning' : ''}`} data-testid="cart-line" data-name={l.name}>
      <Link to={`/shop/${slug}/produce/${l.produceId}`} className="shop-line-photo">
        {l.live ? (
          <ProducePhoto src={l.live.photoUrls[0]} srcSet={l.live.photoSrcSets?.[0]} sizes="96px" category={l.live.category} name={l.name} />
        ) : l.photo ? (
          <ProducePhoto src={l.photo} category="other" name={l.name} />
        ) : (
          <PhotoPlaceholder category="other" />
        )}
      </Link>
      <div className="shop-line-body">
        <div className="shop-line-head">
          <Link to={`/shop/${slug}/produce/${l.produceId}`} className="shop-line-name">
            {l.name}
          </Link>
          <button type="button" className="shop-icon-button" aria-label={t('shop.cart.remove')} onClick={() => void confirmRemove()} data-testid="cart-remove">
            <DeleteOutlined />
          </button>
        </div>
        <div className="shop-line-village">
          <EnvironmentOutlined /> {[l.villageName, l.township].filter(Boolean).join(' · ')}
        </div>
        <div className="shop-line-foot">
          <Price fen={l.priceFen} unit={l.unit} />
          <QuantityStepper
            min={1}
            max={MAX_LINE_QUANTITY}
            value={l.quantity}
            onChange={onQuantity}
            disabled={gone}
            label={t('shop.quantityOf', { name: l.name })}
            data-testid="cart-quantity"
          />
        </div>
        {warning && (
          <div className="shop-line-warning" role="alert" data-testid="line-warning">
            {warning}
            {available !== undefined && available > 0 && l.quantity > available && (
              <button type="button" className="shop-link-button" onClick={() => onQuantity(available)}>
                {t('shop.cart.useAvailable', { n: available })}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
