import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab's (and a WeChat share's) title while a shop page shows; the app's own title after. */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!title) return;
    document.title = title;
    return () => {
      document.title = t('app.title');
    };
  }, [title, t]);
}
