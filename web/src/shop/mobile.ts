/**
 * antd-mobile for the public pages, set up once: every public page imports its components from
 * here (never from 'antd-mobile' directly), so the set-up below runs before any of them renders,
 * and a page that uses none (the shop's home) downloads none of it.
 *  - antd-mobile 5 renders Toast and Dialog with ReactDOM.render, which React 19 removed: give it
 *    createRoot;
 *  - its words (Form's "required", Dialog's buttons…) follow the reader's language, through the
 *    default config rather than a ConfigProvider around every page.
 */
import { setDefaultConfig, unstableSetRender } from 'antd-mobile';
import { getDefaultConfig } from 'antd-mobile/es/components/config-provider';
import { createRoot } from 'react-dom/client';
import i18n from '../i18n';

unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => root.unmount();
});

// zh-CN is antd-mobile's default; the English words are fetched only for a reader who wants them
const zhCN = getDefaultConfig().locale;
const applyLocale = (lng: string) => {
  if (lng !== 'en') return setDefaultConfig({ ...getDefaultConfig(), locale: zhCN });
  void import('antd-mobile/es/locales/en-US').then((m) => i18n.language === 'en' && setDefaultConfig({ ...getDefaultConfig(), locale: m.default }));
};
applyLocale(i18n.language);
i18n.on('languageChanged', applyLocale);

export * from 'antd-mobile';
// the light toast (./toast) in place of antd-mobile's: the explicit export wins over the one above
export { Toast } from './toast';
