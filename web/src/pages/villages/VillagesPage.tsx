import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Village } from '../../../../shared/schemas/villages';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { VillageDetail } from './VillageDetail';
import { VillageFilters } from '../../components/VillageFilters';
import { VillageForm } from './VillageForm';
import { useVillages, type VillageFilters as Filters } from '../../api/villages';
import { VillageTable } from './VillageTable';

/** The bureau's villages: filters in the address, detail and form in drawers. */
export default function VillagesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    supervised: params.get('supervised') === 'true' || undefined,
    uncovered: params.get('uncovered') === 'true' || undefined,
    q: params.get('q') ?? undefined,
  };
  const openId = params.get('village');
  const [editing, setEditing] = useState<{ village: Village | null } | null>(null);
  const villages = useVillages(filters);

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  const setFilters = (f: Filters) => update({ supervised: f.supervised ? 'true' : undefined, uncovered: f.uncovered ? 'true' : undefined, q: f.q });

  return (
    <>
      <PageHeader
        title={t('villages.title')}
        subtitle={t('villages.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ village: null })} data-testid="village-create">
            {t('villages.create')}
          </Button>
        }
      />
      <Card className="table-card">
        <VillageFilters value={filters} onChange={setFilters} />
        {villages.isError ? (
          <ErrorResult error={villages.error} onRetry={() => void villages.refetch()} />
        ) : (
          <>
            <VillageTable
              villages={villages.items}
              loading={villages.isPending}
              onOpen={(id) => update({ village: id })}
              onEdit={(village) => setEditing({ village })}
            />
            <LoadMore
              hasMore={villages.hasNextPage}
              loading={villages.isFetchingNextPage}
              onMore={() => void villages.fetchNextPage()}
              shown={villages.items.length}
            />
          </>
        )}
      </Card>
      <VillageDetail id={openId} onClose={() => update({ village: undefined })} onEdit={(village) => setEditing({ village })} />
      <VillageForm open={editing !== null} village={editing?.village ?? null} onClose={() => setEditing(null)} />
    </>
  );
}
