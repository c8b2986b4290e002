import {
  ApartmentOutlined,
  ClockCircleOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  ShoppingOutlined,
} from '@ant-design/icons';
import { Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFen } from '../../../../shared/money';
import { useMe } from '../../auth/auth-context';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useIsPhone } from '../../lib/use-is-phone';
import { useTenantToday, useTenantZone } from '../../lib/use-tenant-today';
import { lastWeekMonday, mondayOf, weekEnd, zoneStamp } from '../../lib/weeks';
import { CoverageGauge } from './CoverageGauge';
import { FlagsCard } from './FlagsCard';
import { MoneyChart, SalesChart } from './MonthlyCharts';
import { useDashboard, type Dashboard, type Flag } from './queries';
import { UncoveredCard } from './UncoveredCard';
import { OpenCampaignsCard } from './OpenCampaignsCard';

/** The bureau's cockpit: uncovered supervised villages first (rule 1), then the week's reports, needs, commitments, flags and months. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const dashboard = useDashboard();
  const isPhone = useIsPhone();

  const header = <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle', { tenant: me.tenant?.name ?? '' })} />;
  if (dashboard.isPending) {
    return (
      <>
        {header}
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  }
  if (dashboard.isError) return <ErrorResult error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const d = dashboard.data;
  const { villages, pairings, flags } = d;

  const stats = [
    { key: 'total', icon: <EnvironmentOutlined />, title: t('dashboard.villagesTotal'), value: villages.total, to: '/villages' },
    { key: 'supervised', icon: <FlagOutlined />, title: t('dashboard.supervised'), value: villages.supervised, to: '/villages?supervised=true' },
    {
      key: 'covered',
      icon: <SafetyCertificateOutlined />,
      title: t('dashboard.covered'),
      value: villages.covered,
      suffix: `/ ${villages.supervised}`,
      to: '/villages?supervised=true',
    },
    { key: 'active', icon: <ApartmentOutlined />, title: t('dashboard.activePairings'), value: pairings.active, to: '/pairings?status=active' },
    {
      key: 'pending',
      icon: <ClockCircleOutlined />,
      title: t('dashboard.pendingPairings'),
      value: pairings.pending,
      to: '/pairings?status=pending',
      alert: pairings.pending > 0,
    },
  ];

  return (
    <>
      {header}
      <UncoveredCard villages={villages} />
      <Row gutter={[16, 16]} className="stat-row">
        {stats.map((s) => (
          <Col key={s.key} flex={isPhone ? '1 1 100px' : '1 1 150px'}>
            <Link to={s.to}>
              <Card className={`stat-card${s.alert ? ' stat-alert' : ''}`} hoverable data-testid={`stat-${s.key}`}>
                <div className="stat-body">
                  <Statistic title={s.title} value={s.value} suffix={s.suffix} />
                  <span className={`stat-icon stat-icon-${s.key}`}>{s.icon}</span>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} className="stat-row">
        <Col xs={24} md={12} xl={8}>
          <ReportsCard d={d} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <NeedsCard needs={d.needs} />
        </Col>
        <Col xs={24} xl={8}>
          <CommitmentsCard commitments={d.commitments} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="stat-row">
        <Col xs={24} lg={9}>
          <Card title={t('dashboard.coverageTitle')} className="fill-card">
            <CoverageGauge covered={villages.covered} total={villages.supervised} label={t('dashboard.coverageLabel')} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <FlagsCard flags={flags as Flag[]} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="stat-row">
        <Col xs={24}>
          <OpenCampaignsCard />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            title={
              <span>
                <MoneyCollectOutlined /> {t('cockpitDash.moneyChart')}
              </span>
            }
            extra={
              <Typography.Text type="secondary" className="card-extra-figure">
                {t('cockpitDash.balance')} {formatFen(d.donations.balanceFen)}
              </Typography.Text>
            }
            className="fill-card"
          >
            {d.monthly.some((m) => m.cashFen || m.usedFen || m.goodsFen) ? (
              <MoneyChart monthly={d.monthly} labels={{ cash: t('cockpitDash.cashIn'), used: t('cockpitDash.used'), goods: t('cockpitDash.goods') }} />
            ) : (
              <Empty className="month-chart-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpitDash.noMonthly')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={
              <span>
                <ShoppingOutlined /> {t('cockpitDash.salesChart')}
              </span>
            }
            extra={
              <Typography.Text type="secondary" className="card-extra-figure">
                {t('cockpitDash.salesTotal', { amount: formatFen(d.sales.totalFen), n: d.sales.paidOrders })}
              </Typography.Text>
            }
            className="fill-card"
          >
            {d.monthly.some((m) => m.salesFen || m.paidOrders) ? (
              <SalesChart monthly={d.monthly} labels={{ sales: t('cockpitDash.sales'), orders: t('cockpitDash.orders') }} />
            ) : (
              <Empty className="month-chart-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpitDash.noMonthly')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Rule 3 on the dashboard: the week being collected and the last week whose deadline has passed. */
function ReportsCard({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const zone = useTenantZone();
  const w = d.reportsThisWeek;
  const r = d.reports;
  const today = useTenantToday().format('YYYY-MM-DD');
  // the same words as the organization's form: 上一周 is the Monday-to-Sunday week before this one
  const weekText = (monday: string) => {
    const name = monday === mondayOf(today) ? t('weekName.this') : monday === lastWeekMonday(today) ? t('weekName.last') : null;
    const range = { from: monday, to: weekEnd(monday).slice(5) };
    return name ? t('weekName.named', { name, ...range }) : t('weekName.plain', range);
  };
  const pct = w.expected > 0 ? Math.round((w.submitted / w.expected) * 100) : 0;
  const lastTotal = r.onTime + r.late + r.missing;
  return (
    <Card
      title={t('cockpitDash.reportsTitle')}
      className="fill-card cockpit-card"
      data-testid="dash-reports"
      extra={<Link to="/compliance">{t('dashboard.viewAll')}</Link>}
    >
      {w.weekStart && (
        <div className="cockpit-block">
          <Typography.Text type="secondary">
            {t('cockpitDash.thisWeek', { week: weekText(w.weekStart), at: w.deadline ? zoneStamp(w.deadline, zone) : '—' })}
          </Typography.Text>
          <Flex align="center" gap={12}>
            <Progress percent={pct} size="small" style={{ flex: 1, margin: 0 }} />
            <Typography.Text strong>{t('cockpitDash.thisWeekProgress', { submitted: w.submitted, expected: w.expected })}</Typography.Text>
          </Flex>
        </div>
      )}
      {r.weekStart && (
        <Link to={`/compliance?tab=week&week=${r.weekStart}`} className="cockpit-block cockpit-link">
          <Typography.Text type="secondary">{t('cockpitDash.lastDue', { week: weekText(r.weekStart) })}</Typography.Text>
          <div className="tri-figures">
            <span className="fig fig-ok">
              <b>{r.onTime}</b> {t('timeliness.onTime')}
            </span>
            <span className="fig fig-late">
              <b>{r.late}</b> {t('timeliness.late')}
            </span>
            <span className="fig fig-missing">
              <b>{r.missing}</b> {t('timeliness.missing')}
            </span>
          </div>
          {lastTotal > 0 && (
            <div className="stack-bar" aria-hidden>
              <span className="seg-ok" style={{ flexGrow: r.onTime }} />
              <span className="seg-late" style={{ flexGrow: r.late }} />
              <span className="seg-missing" style={{ flexGrow: r.missing }} />
            </div>
          )}
        </Link>
      )}
      {d.visits.quarter && d.visits.flagged > 0 && (
        <Link to={`/compliance?tab=visits&quarter=${d.visits.quarter}`} className="muted">
          {t('cockpitDash.visitsLine', { quarter: d.visits.quarter, n: d.visits.flagged })}
        </Link>
      )}
    </Card>
  );
}

function NeedsCard({ needs }: { needs: Dashboard['needs'] }) {
  const { t } = useTranslation();
  const items = [
    { key: 'open', value: needs.open, cls: 'fig-missing', to: '/needs?status=open' },
    { key: 'pledged', value: needs.pledged, cls: 'fig-late', to: '/needs?status=pledged' },
    { key: 'met', value: needs.met, cls: 'fig-ok', to: '/needs?status=met' },
  ] as const;
  const total = needs.open + needs.pledged + needs.met;
  return (
    <Card
      title={t('cockpitDash.needsTitle')}
      className="fill-card cockpit-card"
      data-testid="dash-needs"
      extra={<Link to="/needs">{t('dashboard.viewAll')}</Link>}
    >
      <Row gutter={8}>
        {items.map((i) => (
          <Col span={8} key={i.key}>
            <Link to={i.to} className="big-figure-link">
              <div className={`big-figure ${i.cls}`}>{i.value}</div>
              <div className="muted">{t(`needStatus.${i.key}`)}</div>
            </Link>
          </Col>
        ))}
      </Row>
      {total > 0 && (
        <div className="stack-bar" aria-hidden style={{ marginTop: 16 }}>
          <span className="seg-missing" style={{ flexGrow: needs.open }} />
          <span className="seg-late" style={{ flexGrow: needs.pledged }} />
          <span className="seg-ok" style={{ flexGrow: needs.met }} />
        </div>
      )}
    </Card>
  );
}

function CommitmentsCard({ commitments }: { commitments: Dashboard['commitments'] }) {
  const { t } = useTranslation();
  const pct = commitments.committedFen > 0 ? Math.min(100, Math.round((commitments.purchasedFen / commitments.committedFen) * 100)) : 0;
  return (
    <Card
      title={t('cockpitDash.commitmentsTitle', { year: commitments.year })}
      className="fill-card cockpit-card"
      data-testid="dash-commitments"
      extra={<Link to="/commitments">{t('dashboard.viewAll')}</Link>}
    >
      <Flex align="center" gap={16}>
        <Progress type="circle" percent={pct} size={88} strokeColor={pct >= 100 ? '#16a34a' : '#c8161d'} />
        <div>
          <div className="muted">{t('cockpitDash.commitmentsLine', { n: commitments.organizations })}</div>
          <div>
            {t('cockpitDash.committed')} <b>{formatFen(commitments.committedFen)}</b>
          </div>
          <div>
            {t('cockpitDash.purchased')} <b>{formatFen(commitments.purchasedFen)}</b>
          </div>
        </div>
      </Flex>
    </Card>
  );
}
