import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

/** 中文 / English, remembered across visits. */
export function LanguageSwitch({ size, short }: { size?: 'small' | 'middle'; short?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      size={size ?? 'small'}
      value={i18n.resolvedLanguage as Language}
      onChange={(lng) => void setLanguage(lng)}
      options={LANGUAGES.map((lng) => ({ value: lng, label: t(short ? `languagesShort.${lng}` : `languages.${lng}`) }))}
      data-testid="language-switch"
    />
  );
}
