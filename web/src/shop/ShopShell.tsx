import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import './shop.css';

// antd-mobile 5 renders Toast and Dialog with ReactDOM.render, which React 19 removed
unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => root.unmount();
});

/** The public pages' frame: antd-mobile in the reader's language, a phone-width column. */
export default function ShopShell() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.resolvedLanguage === 'en' ? enUS : zhCN}>
      <div className="shop">
        <Outlet />
      </div>
    </ConfigProvider>
  );
}
