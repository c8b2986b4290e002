import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { Skel, SkelLines } from '../../shop/components/Skeleton';
import { usePublicStory } from '../../shop/stories-api';
import { useDocumentTitle } from '../../shop/use-document-title';

/**
 * A published story (典型经验) on a phone: the bureau's plain text (paragraphs split on blank lines,
 * rendered as text, never HTML), its photos, and links to its villages' public pages. Plain
 * elements: no antd-mobile.
 */
export default function StoryPage() {
  const { t } = useTranslation();
  const { slug = '', id = '' } = useParams();
  const q = usePublicStory(slug, id);
  const s = q.data;
  useDocumentTitle(s ? s.title : t('story.title'));
  const paragraphs = s ? s.body.split(/\n\s*\n/).filter((p) => p.trim()) : [];

  return (
    <div className="shop-page story-page">
      <ShopNavBar slug={slug} title={t('story.title')} cart={false} />
      {q.isError ? (
        <ShopError error={q.error} notFound={t('story.notFound')} onRetry={() => void q.refetch()} home={`/shop/${slug}`} />
      ) : !s ? (
        <div className="shop-section">
          <Skel width="70%" height="26px" />
          <SkelLines lines={6} lineHeight="1.8em" />
        </div>
      ) : (
        <>
          <header className="tp-header">
            <h1 data-testid="story-title">{s.title}</h1>
            <p>{t('story.publishedOn', { date: s.publishedAt.slice(0, 10) })}</p>
          </header>
          <article className="shop-card-block st-article" data-testid="story-body">
            <p className="st-summary">{s.summary}</p>
            {paragraphs.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </article>
          {s.photos.length > 0 && (
            <section className="shop-card-block st-photos">
              {s.photos.map((p, i) => (
                <a key={p.photoId} href={p.url} target="_blank" rel="noreferrer">
                  <img src={`${p.url}?size=w800`} alt={t('story.photoAlt', { title: s.title, n: i + 1 })} loading="lazy" />
                </a>
              ))}
            </section>
          )}
          {(s.villages.length > 0 || s.organizations.length > 0) && (
            <section className="shop-card-block">
              {s.villages.length > 0 && (
                <>
                  <h2 className="shop-block-title">{t('story.villages')}</h2>
                  <div className="tp-orgs">
                    {s.villages.map((v) => (
                      <Link key={v.id} to={`/shop/${slug}/villages/${v.id}`} className="tp-org">
                        {v.name}
                      </Link>
                    ))}
                  </div>
                </>
              )}
              {s.organizations.length > 0 && (
                <>
                  <h2 className="shop-block-title">{t('story.organizations')}</h2>
                  <div className="tp-orgs">
                    {s.organizations.map((o) => (
                      <span key={o.id} className="tp-org">
                        {o.name}
                      </span>
                    ))}
                  </div>
                </>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
