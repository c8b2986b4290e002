import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { campaignOf, rememberCampaign } from './cart';
import './shop.css';

/**
 * The public pages' frame: a phone-width column in the reader's language. antd-mobile is set up
 * by ./mobile, which the pages that use it import, so the frame itself loads none of it.
 */
export default function ShopShell() {
  // re-render the page when the language switches (antd-mobile's words follow through ./mobile)
  useTranslation();
  // a campaign's link (?campaign=<id> on any shop page) is remembered for the cart and the donate form
  const { pathname, search } = useLocation();
  useEffect(() => {
    const slug = /^\/shop\/([^/]+)/.exec(pathname)?.[1];
    const id = new URLSearchParams(search).get('campaign');
    if (slug && id && campaignOf(slug)?.id !== id) rememberCampaign(slug, { id, title: '' });
  }, [pathname, search]);
  return (
    <div className="shop">
      <Outlet />
    </div>
  );
}
