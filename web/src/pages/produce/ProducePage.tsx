import { PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PRODUCE_STATUSES, type Produce } from '../../../../shared/schemas/produce';
import { useDescribeError } from '../../api/describe';
import { useOrganizationNames } from '../../api/organizations';
import { useListableVillages, useProduceList, usePatchProduce, type ProduceFilters } from '../../api/produce';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { StatusFilter } from '../../components/StatusFilter';
import { ProduceForm } from './ProduceForm';
import { ProduceTable } from './ProduceTable';

type Status = Produce['status'];

/** 农特产品: the listings an organization keeps for its paired villages (the bureau sees all of them). */
export default function ProducePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { modal, message } = App.useApp();
  const describe = useDescribeError();
  const [params, setParams] = useSearchParams();
  const status = (PRODUCE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Status) : undefined;
  const villageId = params.get('village') ?? undefined;
  const filters: ProduceFilters = { status, villageId };
  const list = useProduceList(filters);
  const villages = useListableVillages(me.role);
  const patch = usePatchProduce();
  const orgNames = useOrganizationNames(me.role === 'bureau_admin');
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const slug = me.tenant?.slug;

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  /** Publish or delist after a confirmation that says what the public will see. */
  const changeStatus = (p: Produce, next: 'published' | 'delisted') => {
    modal.confirm({
      title: t(next === 'published' ? 'produce.publishConfirm' : 'produce.delistConfirm', { name: p.name }),
      content: t(next === 'published' ? 'produce.publishHint' : 'produce.delistHint'),
      okText: t(next === 'published' ? 'produce.publish' : 'produce.delist'),
      okButtonProps: { danger: next === 'delisted', ...({ 'data-testid': 'produce-status-confirm' } as object) },
      cancelText: t('actions.cancel'),
      onOk: async () => {
        try {
          await patch.mutateAsync({ id: p.id, status: next, photos: p.photos });
          message.success(t(next === 'published' ? 'produce.published' : 'produce.delisted', { name: p.name }));
        } catch (e) {
          modal.error({ title: t('errors.actionFailed'), content: describe(e) });
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title={t('produce.title')}
        subtitle={t(me.role === 'org_member' ? 'produce.subtitleOrg' : 'produce.subtitleBureau')}
        extra={
          <>
            {slug && (
              <Button icon={<ShopOutlined />} href={`/shop/${slug}`} target="_blank">
                {t('produce.openShop')}
              </Button>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })} data-testid="produce-create">
              {t('produce.create')}
            </Button>
          </>
        }
      />
      <Card className="table-card">
        <Flex wrap gap={12} align="center" justify="space-between" className="filter-bar">
          <StatusFilter<Status> statuses={PRODUCE_STATUSES} value={status} label={(s) => t(`produceStatus.${s}`)} onChange={(s) => update({ status: s })} />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('produce.filterVillage')}
            value={villageId}
            onChange={(v?: string) => update({ village: v })}
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            loading={villages.isPending}
            style={{ minWidth: 200 }}
            data-testid="produce-village-filter"
          />
        </Flex>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <ProduceTable
              items={list.items}
              loading={list.isPending}
              slug={slug}
              sellerName={me.role === 'bureau_admin' ? (id) => (id ? (orgNames.data?.get(id) ?? '—') : t('produce.byBureau')) : undefined}
              filtered={!!status || !!villageId}
              onEdit={(p) => setEditing({ id: p.id })}
              onStatus={changeStatus}
              onCreate={() => setEditing({ id: null })}
            />
            <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} shown={list.items.length} />
          </>
        )}
      </Card>
      <ProduceForm
        open={editing !== null}
        id={editing?.id ?? null}
        villages={villages.data ?? []}
        onCreated={(id) => setEditing({ id })}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
