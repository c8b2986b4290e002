import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../layout/Brand';

/** The left half of the sign-in page: what the programme is, in three lines. */
export function BrandPanel() {
  const { t } = useTranslation();
  const points = [t('signIn.point1'), t('signIn.point2'), t('signIn.point3')];
  return (
    <div className="sign-in-brand">
      <Brand />
      <div className="sign-in-hero">
        <h1>{t('signIn.heroTitle')}</h1>
        <p>{t('signIn.heroText')}</p>
        <ul>
          {points.map((p) => (
            <li key={p}>
              <CheckCircleFilled /> {p}
            </li>
          ))}
        </ul>
      </div>
      <div className="sign-in-brand-foot">{t('app.footer')}</div>
    </div>
  );
}
