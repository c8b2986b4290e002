import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/schemas/organizations';
import { formatInstant } from '../lib/dates';
import { OrgKindText, OrgStatusTag } from './status-tags';

/**
 * An organization's record as the bureau and its own members see it; `payoutAccount` (the bureau's
 * alone) adds the row for the account its Stripe payouts go to.
 */
export function OrgDescriptions({ org, payoutAccount }: { org: Organization; payoutAccount?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} data-testid="org-descriptions">
      <Descriptions.Item label={t('fields.orgName')} span="filled">
        {org.name}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.status')}>
        <OrgStatusTag status={org.status} />
        {org.statusReason && <span className="muted"> {org.statusReason}</span>}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.kind')}>
        <OrgKindText kind={org.kind} />
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.creditCode')}>
        <span className="mono">{org.creditCode}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.activePairings')}>{org.activePairings}</Descriptions.Item>
      <Descriptions.Item label={t('fields.contactName')}>{org.contactName}</Descriptions.Item>
      <Descriptions.Item label={t('fields.contactPhone')}>{org.contactPhone}</Descriptions.Item>
      <Descriptions.Item label={t('fields.address')} span="filled">
        {org.address || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.description')} span="filled">
        {org.description || '—'}
      </Descriptions.Item>
      {payoutAccount && (
        <Descriptions.Item label={t('organizations.payoutAccount.label')} span="filled">
          {payoutAccount}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('fields.createdAt')} span="filled">
        {formatInstant(org.createdAt)}
      </Descriptions.Item>
    </Descriptions>
  );
}
