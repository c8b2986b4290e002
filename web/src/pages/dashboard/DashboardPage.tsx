import { ApartmentOutlined, ClockCircleOutlined, EnvironmentOutlined, FlagOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth-context';
import { useIsPhone } from '../../lib/use-is-phone';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { CoverageGauge } from './CoverageGauge';
import { FlagsCard } from './FlagsCard';
import { useDashboard, type Flag } from './queries';
import { UncoveredCard } from './UncoveredCard';

/** The bureau's overview: uncovered supervised villages first (rule 1), then counts and flags. */
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
  const { villages, pairings, flags } = dashboard.data;

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
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('dashboard.coverageTitle')} className="fill-card">
            <CoverageGauge covered={villages.covered} total={villages.supervised} label={t('dashboard.coverageLabel')} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <FlagsCard flags={flags as Flag[]} />
        </Col>
      </Row>
    </>
  );
}
