import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { loadConsoleWords } from '../i18n';
import { BootSplash } from './BootSplash';

// the public shop (antd-mobile) and the console (antd) are separate chunks from here down
const ShopShell = lazy(() => import('../shop/ShopShell'));
const ShopHomePage = lazy(() => import('../pages/shop-home/ShopHomePage'));
const ShopProducePage = lazy(() => import('../pages/shop-produce/ShopProducePage'));
const ShopCartPage = lazy(() => import('../pages/shop-cart/ShopCartPage'));
const ShopOrderPage = lazy(() => import('../pages/shop-order/ShopOrderPage'));
const ShopLookupPage = lazy(() => import('../pages/shop-lookup/ShopLookupPage'));
const ConcernStatusPage = lazy(() => import('../pages/shop-concern/ConcernStatusPage'));
const ShopDonatePage = lazy(() => import('../pages/shop-donate/ShopDonatePage'));
const DonationDonePage = lazy(() => import('../pages/shop-donate/DonationDonePage'));
const TransparencyPage = lazy(() => import('../pages/shop-transparency/TransparencyPage'));
const VillageTransparencyPage = lazy(() => import('../pages/shop-transparency/VillageTransparencyPage'));
const CampaignPage = lazy(() => import('../pages/shop-campaign/CampaignPage'));
const StoryPage = lazy(() => import('../pages/shop-story/StoryPage'));
const LocalCheckoutPage = lazy(() => import('../pages/local-checkout/LocalCheckoutPage'));
const JoinPage = lazy(() => import('../pages/join/JoinPage'));
const JoinStatusPage = lazy(() => import('../pages/join/JoinStatusPage'));
// the console's code and its half of the words arrive together
const ConsoleApp = lazy(() => Promise.all([import('./ConsoleApp'), loadConsoleWords()]).then(([m]) => m));

const page = (node: ReactNode) => <Suspense fallback={<BootSplash />}>{node}</Suspense>;

/** /shop/…, /checkout/… and /join/… are the public pages (phone first); everything else is the console. */
export function RootRoutes() {
  return (
    <Routes>
      <Route element={page(<ShopShell />)}>
        <Route path="shop/:slug" element={page(<ShopHomePage />)} />
        <Route path="shop/:slug/produce/:id" element={page(<ShopProducePage />)} />
        <Route path="shop/:slug/cart" element={page(<ShopCartPage />)} />
        <Route path="shop/:slug/orders/lookup" element={page(<ShopLookupPage />)} />
        <Route path="shop/:slug/orders/:orderId" element={page(<ShopOrderPage />)} />
        <Route path="shop/:slug/concerns/:id" element={page(<ConcernStatusPage />)} />
        <Route path="shop/:slug/donate" element={page(<ShopDonatePage />)} />
        <Route path="shop/:slug/donations/:donationId" element={page(<DonationDonePage />)} />
        {/* the server's return address after a (Stripe or local) donation checkout */}
        <Route path="give/:slug/donations/:donationId" element={page(<DonationDonePage />)} />
        <Route path="shop/:slug/transparency" element={page(<TransparencyPage />)} />
        <Route path="shop/:slug/villages/:id" element={page(<VillageTransparencyPage />)} />
        <Route path="shop/:slug/campaigns/:id" element={page(<CampaignPage />)} />
        <Route path="shop/:slug/stories/:id" element={page(<StoryPage />)} />
        <Route path="checkout/:sessionId" element={page(<LocalCheckoutPage />)} />
        {/* applying to join: the status token rides in the fragment (#…), never the path or query */}
        <Route path="join/:slug" element={page(<JoinPage />)} />
        <Route path="join/:slug/status/:applicationId" element={page(<JoinStatusPage />)} />
      </Route>
      <Route path="*" element={page(<ConsoleApp />)} />
    </Routes>
  );
}
