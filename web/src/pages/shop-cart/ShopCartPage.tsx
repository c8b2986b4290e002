import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { idempotencyKey } from '../../api/client-key';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { EmptyState } from '../../shop/components/EmptyState';
import type { CheckoutInput } from '../../../../shared/schemas/orders';
import { useCheckout } from '../../shop/api';
import { campaignOf, rememberOrder, useCart } from '../../shop/cart';
import { Price } from '../../shop/components/Price';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { useShopVisitor } from '../../shop/me';
import { BuyerForm, EMPTY_BUYER, type BuyerField, type BuyerProblems, type BuyerValues } from './BuyerForm';
import { ShopBuyer } from './buyer-schema';
import { CartLineCard } from './CartLineCard';
import { lineProblems, type LineProblem } from './checkout-errors';
import { useLiveLines } from './use-live-lines';

/** The cart and the buyer's contact; submitting holds the stock and opens the payment page. */
export default function ShopCartPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const describe = useDescribeError();
  const cart = useCart(slug);
  const lines = useLiveLines(slug, cart.lines);
  const visitor = useShopVisitor();
  const checkout = useCheckout(slug);
  const queryClient = useQueryClient();
  const [buyer, setBuyer] = useState<BuyerValues>(EMPTY_BUYER);
  const [buyerProblems, setBuyerProblems] = useState<BuyerProblems>({});
  const showBuyerProblems = (problems: { field: string; message: string }[]) => {
    const next: BuyerProblems = {};
    for (const p of problems)
      if ((['name', 'phone', 'address'] as string[]).includes(p.field) && !next[p.field as BuyerField]) next[p.field as BuyerField] = p.message;
    setBuyerProblems(next);
    const first = (['name', 'phone', 'address'] as const).find((f) => next[f]);
    if (first) document.querySelector<HTMLElement>(`[data-testid="buyer-${first}"] input, [data-testid="buyer-${first}"] textarea`)?.focus();
  };
  const [refusals, setRefusals] = useState<LineProblem[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const total = lines.reduce((sum, l) => sum + l.priceFen * l.quantity, 0);
  const blocked = lines.filter(
    (l) => l.gone || refusals.some((r) => r.produceId === l.produceId && r.kind === 'gone') || (l.live && l.quantity > l.live.available),
  );

  const submit = async (values: BuyerValues = buyer) => {
    setProblem(null);
    setBuyerProblems({});
    if (blocked.length > 0) return setProblem(t('shop.cart.fixLines'));
    const parsed = ShopBuyer.safeParse(
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' && v.trim() === '' ? undefined : v])),
    );
    if (!parsed.success) {
      showBuyerProblems(parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
      return;
    }
    // through a campaign's page: the order carries it (the server keeps it only while the campaign is open)
    const campaign = campaignOf(slug);
    const request: CheckoutInput = {
      items: cart.lines.map((l) => ({ produceId: l.produceId, quantity: l.quantity })),
      buyer: parsed.data,
      ...(campaign ? { campaignId: campaign.id } : {}),
    };
    // the same cart and buyer pressed twice (a lost answer) is the same attempt, so the same key
    const body = JSON.stringify(request);
    if (attempt.current?.body !== body) attempt.current = { body, key: idempotencyKey() };
    try {
      const result = await checkout.mutateAsync({ request, key: attempt.current.key });
      rememberOrder(slug, {
        orderId: result.orderId,
        token: result.orderToken,
        totalFen: total,
        createdAt: new Date().toISOString(),
        checkoutUrl: result.checkoutUrl,
      });
      cart.clear();
      window.location.href = result.checkoutUrl;
    } catch (e) {
      // a refusal is final for this attempt; a lost answer (network, 5xx) is retried with the same key
      if (e instanceof ApiError && e.status < 500) attempt.current = null;
      const refused = lineProblems(
        e,
        request.items.map((i) => i.produceId),
      );
      setRefusals(refused);
      // what the server knows now about stock and sale, for the lines and the next attempt
      if (refused.length > 0) void queryClient.invalidateQueries({ queryKey: ['public', slug, 'produce-item'] });
      if (e instanceof ApiError && e.status === 400) {
        const buyerFields = e.fieldErrors.filter((f) => f.path.startsWith('buyer.'));
        showBuyerProblems(buyerFields.map((f) => ({ field: f.path.split('.')[1] ?? '', message: f.message })));
        if (buyerFields.length === e.fieldErrors.length && buyerFields.length > 0) return;
      }
      setProblem(refused.length > 0 ? t('shop.cart.outOfStock', { message: describe(e) }) : describe(e));
    }
  };

  if (cart.lines.length === 0) {
    return (
      <div className="shop-page shop-cart">
        <ShopNavBar slug={slug} title={t('shop.cart.title')} cart={false} />
        <EmptyState kind="empty" className="shop-empty" title={t('shop.cart.empty')} description={t('shop.cart.emptyHint')} testId="cart-empty">
          <Link to={`/shop/${slug}`} className="shop-button shop-button-primary shop-wide-button">
            {t('shop.cart.goShopping')}
          </Link>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="shop-page shop-cart">
      <ShopNavBar slug={slug} title={t('shop.cart.titleN', { n: cart.count })} cart={false} />
      {visitor.me?.role === 'org_member' && (
        <div className="shop-notice" role="note" data-testid="counts-for-org">
          {t('shop.cart.countsForOrg', { email: visitor.me.email, org: visitor.me.organizationName ?? '' })}
        </div>
      )}
      <section className="shop-cart-lines" data-testid="cart-lines">
        {lines.map((l) => (
          <CartLineCard
            key={l.produceId}
            slug={slug}
            line={l}
            refused={refusals.find((s) => s.produceId === l.produceId)}
            onQuantity={(q) => cart.setQuantity(l.produceId, q)}
            onRemove={() => cart.remove(l.produceId)}
          />
        ))}
      </section>
      <BuyerForm
        values={buyer}
        problems={buyerProblems}
        onChange={(field, value) => {
          setBuyer((b) => ({ ...b, [field]: value }));
          if (buyerProblems[field]) setBuyerProblems((p) => ({ ...p, [field]: undefined }));
        }}
      />
      {problem && (
        <div className="shop-problem" role="alert" data-testid="checkout-problem">
          {problem}
        </div>
      )}
      <p className="shop-fineprint">{t('shop.cart.holdNote')}</p>
      <div className="shop-submitbar">
        <div className="shop-submitbar-total">
          <span>{t('shop.cart.total')}</span>
          <Price fen={total} size="lg" />
        </div>
        <button
          type="button"
          className="shop-button shop-button-primary shop-btn-submit"
          disabled={checkout.isPending}
          aria-busy={checkout.isPending}
          onClick={() => void submit()}
          data-testid="checkout-submit"
        >
          {checkout.isPending && <span className="shop-spinner" aria-hidden="true" />}
          {t('shop.cart.submit')}
        </button>
      </div>
    </div>
  );
}
