import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import './shop.css';

/**
 * The public pages' frame: a phone-width column in the reader's language. antd-mobile is set up
 * by ./mobile, which the pages that use it import, so the frame itself loads none of it.
 */
export default function ShopShell() {
  // re-render the page when the language switches (antd-mobile's words follow through ./mobile)
  useTranslation();
  return (
    <div className="shop">
      <Outlet />
    </div>
  );
}
