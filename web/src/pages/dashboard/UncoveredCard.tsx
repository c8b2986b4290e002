import { CheckCircleOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from './queries';

/** Rule 1 (不落一村) first: the supervised villages no organization helps yet. */
export function UncoveredCard({ villages }: { villages: Dashboard['villages'] }) {
  const { t } = useTranslation();
  if (villages.uncovered.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        title={t('dashboard.allCovered', { n: villages.supervised })}
        description={t('dashboard.allCoveredHint')}
        data-testid="uncovered-none"
        className="uncovered-ok"
      />
    );
  }
  return (
    <Card
      className="uncovered-card"
      data-testid="uncovered-list"
      title={
        <span>
          <WarningFilled className="danger-icon" /> {t('dashboard.uncoveredTitle', { n: villages.uncovered.length })}
        </span>
      }
      extra={<Link to="/villages?supervised=true&uncovered=true">{t('dashboard.viewAll')}</Link>}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('dashboard.uncoveredHint')}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {villages.uncovered.map((v) => (
          <Col key={v.id} xs={24} sm={12} lg={8} xxl={6}>
            <div className="uncovered-item" data-testid="uncovered-item" data-village={v.name}>
              <div>
                <Typography.Text strong className="uncovered-name">
                  {v.name}
                </Typography.Text>
                <Tag color="red" variant="filled">
                  {t('village.supervised')}
                </Tag>
                <div className="muted">
                  {v.township} · {t('dashboard.poorHouseholds', { n: v.poorHouseholds })}
                </div>
              </div>
              <div className="uncovered-actions">
                <Link to={`/pairings?claimVillage=${encodeURIComponent(v.id)}`} data-testid="go-pair">
                  <Button size="small" type="primary" danger>
                    {t('cockpitDash.goPair')}
                  </Button>
                </Link>
                <Link to={`/villages?village=${encodeURIComponent(v.id)}`} className="muted">
                  {t('actions.view')}
                </Link>
              </div>
            </div>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
