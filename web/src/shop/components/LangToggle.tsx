import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n';

/** 中 / EN: one tap switches, remembered across visits. */
export function LangToggle() {
  const { t, i18n } = useTranslation();
  const next = i18n.resolvedLanguage === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="shop-lang" onClick={() => void setLanguage(next)} aria-label={t('shop.switchLanguage')} data-testid="shop-lang">
      {t(`languagesShort.${next}`)}
    </button>
  );
}
