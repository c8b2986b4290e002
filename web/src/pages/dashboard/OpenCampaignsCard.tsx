import { FireOutlined } from '@ant-design/icons';
import { Card, Empty, List, Progress, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFen } from '../../../../shared/money';
import { campaignPercent, useCampaigns } from '../../api/campaigns';
import { useTenantToday } from '../../lib/use-tenant-today';

/** The campaigns open today: raised against the target, the milestone reached (50 %, 100 %) and the days left. */
export function OpenCampaignsCard() {
  const { t } = useTranslation();
  const today = useTenantToday();
  const q = useCampaigns('open');
  const items = q.data?.items ?? [];
  if (q.isError) return null;
  return (
    <Card
      title={
        <span>
          <FireOutlined /> {t('campaignsAdmin.dashboardTitle')}
        </span>
      }
      extra={<Link to="/campaigns">{t('nav.campaigns')}</Link>}
      loading={q.isPending}
      data-testid="dashboard-campaigns"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaignsAdmin.dashboardNone')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(c) => {
            const percent = campaignPercent(c);
            const left = dayjs(c.endDate).diff(today.startOf('day'), 'day') + 1;
            return (
              <List.Item key={c.id}>
                <div style={{ width: '100%' }}>
                  <Typography.Text strong>{c.title}</Typography.Text>{' '}
                  {percent >= 100 ? <Tag color="green">100%</Tag> : percent >= 50 ? <Tag color="blue">50%</Tag> : null}
                  <Typography.Text type="secondary" style={{ float: 'right' }}>
                    {t('campaignsAdmin.daysLeft', { n: left })}
                  </Typography.Text>
                  <Progress percent={Math.min(100, percent)} format={() => `${percent}%`} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatFen(c.progress.raisedFen)} / {formatFen(c.targetFen)} ·{' '}
                    {t('campaignsAdmin.counts', { orders: c.progress.orders, donations: c.progress.donations })}
                  </Typography.Text>
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
