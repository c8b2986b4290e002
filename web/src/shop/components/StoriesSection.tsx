import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePublicStories } from '../stories-api';

/**
 * The published stories (典型经验) as a short list of links to their pages — of one village, or
 * of the tenant; renders nothing while there are none. Plain elements: kept light for every page.
 */
export function StoriesSection({
  slug,
  villageId,
  title,
  hint,
  limit = 5,
}: {
  slug: string;
  villageId?: string;
  title?: string;
  hint?: string;
  limit?: number;
}) {
  const { t } = useTranslation();
  const q = usePublicStories(slug, villageId);
  const items = (q.data?.items ?? []).slice(0, limit);
  if (items.length === 0) return null;
  return (
    <section className="shop-card-block" data-testid="stories-section">
      <h2 className="shop-block-title">{title ?? t('story.sectionTitle')}</h2>
      {hint && <p className="shop-muted st-hint">{hint}</p>}
      <ul className="st-list">
        {items.map((s) => (
          <li key={s.id}>
            <Link to={`/shop/${slug}/stories/${s.id}`} className="st-item">
              {s.cover && <img src={`${s.cover.url}?size=w320`} alt="" loading="lazy" width={72} height={72} />}
              <span className="st-text">
                <strong>{s.title}</strong>
                <span className="shop-muted">{s.summary}</span>
                <span className="st-meta">
                  {s.villages.map((v) => v.name).join('、')}
                  {s.villages.length ? ' · ' : ''}
                  {s.publishedAt.slice(0, 10)}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
