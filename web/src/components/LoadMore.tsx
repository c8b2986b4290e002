import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** Cursor pagination: the API gives nextCursor; the list grows by one page per press. */
export function LoadMore({ hasMore, loading, onMore, shown }: { hasMore: boolean; loading: boolean; onMore: () => void; shown: number }) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" gap={12} className="load-more">
      <span className="muted">{t('list.shown', { n: shown })}</span>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid="load-more">
          {t('list.loadMore')}
        </Button>
      ) : (
        shown > 0 && <span className="muted">{t('list.end')}</span>
      )}
    </Flex>
  );
}
