import { useTranslation } from 'react-i18next';

/** The product's mark: a red seal with the short name beside it. */
export function Brand({ collapsed, light }: { collapsed?: boolean; light?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`brand${light ? ' brand-light' : ''}`}>
      <span className="brand-seal">{t('app.seal')}</span>
      {!collapsed && (
        <span className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.tagline')}</span>
        </span>
      )}
    </div>
  );
}
