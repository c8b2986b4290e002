import { LinkOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Produce } from '../../../../shared/schemas/produce';
import { ProduceKindTag, ProduceStatusTag } from '../../components/commerce-tags';
import { Money } from '../../components/Money';
import { formatInstant } from '../../lib/dates';
import { useIsPhone } from '../../lib/use-is-phone';
import { ProduceThumb } from './ProduceThumb';

type Props = {
  items: Produce[];
  loading: boolean;
  slug: string | undefined;
  /** the bureau sees who listed each one */
  sellerName?: (organizationId: string | null) => string;
  filtered: boolean;
  onEdit: (p: Produce) => void;
  onStatus: (p: Produce, next: 'published' | 'delisted') => void;
  onCreate: () => void;
};

/** The listings, one row each: what, for which village, price, stock and sales, and the way to the public page. */
export function ProduceTable({ items, loading, slug, sellerName, filtered, onEdit, onStatus, onCreate }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const columns: ColumnsType<Produce> = [
    {
      title: t('produce.name'),
      key: 'name',
      width: isPhone ? undefined : 240,
      render: (_, p) => (
        <div className="produce-cell">
          <ProduceThumb produce={p} />
          <div>
            <Typography.Link strong onClick={() => onEdit(p)} data-testid="produce-name">
              {p.name}
            </Typography.Link>
            <div className="cell-sub">
              {t(`produceCategory.${p.category}`)} · {p.unit} <ProduceKindTag kind={p.kind} />
            </div>
            {isPhone && (
              <div className="cell-sub">
                <Money fen={p.priceFen} /> · {t('produce.availableN', { n: p.available })} <ProduceStatusTag status={p.status} />
              </div>
            )}
          </div>
        </div>
      ),
    },
    {
      title: t('fields.village'),
      key: 'village',
      width: 110,
      responsive: ['md'],
      render: (_, p) => (
        <>
          {p.villageName}
          <div className="cell-sub">{p.township}</div>
        </>
      ),
    },
    ...(sellerName
      ? [
          {
            title: t('produce.seller'),
            key: 'seller',
            width: 170,
            responsive: ['xl' as const],
            render: (_: unknown, p: Produce) => sellerName(p.organizationId),
          },
        ]
      : []),
    { title: t('produce.price'), key: 'price', width: 110, align: 'right', responsive: ['md'], render: (_, p) => <Money fen={p.priceFen} /> },
    {
      title: t('produce.stockColumn'),
      key: 'stock',
      width: 120,
      align: 'right',
      responsive: ['md'],
      render: (_, p) => (
        <span className="stock-cell">
          <b className={p.available <= 0 ? 'danger-text' : undefined}>{p.available}</b>
          <span className="muted"> / {p.stock}</span>
          <div className="cell-sub">{t('produce.soldN', { n: p.sold })}</div>
        </span>
      ),
    },
    { title: t('fields.status'), key: 'status', width: 90, responsive: ['md'], render: (_, p) => <ProduceStatusTag status={p.status} /> },
    { title: t('produce.updatedAt'), key: 'updatedAt', width: 150, responsive: ['xxl'], render: (_, p) => formatInstant(p.updatedAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isPhone ? undefined : 'right',
      width: isPhone ? 64 : 190,
      render: (_, p) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => onEdit(p)} data-testid="produce-edit">
            {t('actions.edit')}
          </Button>
          {p.status === 'published' ? (
            <Button type="link" size="small" danger onClick={() => onStatus(p, 'delisted')} data-testid="produce-delist">
              {t('produce.delist')}
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => onStatus(p, 'published')} data-testid="produce-publish">
              {t('produce.publish')}
            </Button>
          )}
          {slug && p.status === 'published' && (
            <>
              <Tooltip title={t('produce.publicPage')}>
                <Button
                  type="link"
                  size="small"
                  icon={<LinkOutlined />}
                  href={`/shop/${slug}/produce/${p.id}`}
                  target="_blank"
                  aria-label={t('produce.publicPage')}
                />
              </Tooltip>
              <Tooltip title={t('produce.qr')}>
                <Button
                  type="link"
                  size="small"
                  icon={<QrcodeOutlined />}
                  href={`/api/public/${slug}/produce/${p.id}/qr.png`}
                  target="_blank"
                  aria-label={t('produce.qr')}
                />
              </Tooltip>
            </>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<Produce>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="produce-table"
      onRow={(p) => ({ 'data-name': p.name, 'data-status': p.status }) as HTMLAttributes<HTMLElement>}
      locale={{
        emptyText: (
          <Empty description={t(filtered ? 'produce.emptyFiltered' : 'produce.empty')}>
            {!filtered && (
              <Button type="primary" onClick={onCreate}>
                {t('produce.create')}
              </Button>
            )}
          </Empty>
        ),
      }}
    />
  );
}
