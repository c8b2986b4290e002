import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/schemas/organizations';
import { useDescribeError } from '../../api/describe';
import { useSetPayoutAccount } from '../../api/organizations';
import { PayoutAccountModal } from './PayoutAccountModal';

/**
 * 结算收款账户 in the bureau's view of an organization: the Stripe connected account its
 * stripe_transfer payouts go to, with 编辑 and 清除. The bureau's alone (an org_member is refused).
 */
export function PayoutAccount({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const clear = useSetPayoutAccount();
  const [editing, setEditing] = useState(false);
  const account = org.stripeAccountId;

  const onClear = async () => {
    try {
      await clear.mutateAsync({ id: org.id, stripeAccountId: null });
      message.success(t('organizations.payoutAccount.cleared'));
    } catch (e) {
      message.error(describe(e));
    }
  };

  return (
    <Flex justify="space-between" align="center" gap={8} wrap data-testid="payout-account">
      {account ? (
        <Typography.Text className="mono" copyable data-testid="payout-account-id">
          {account}
        </Typography.Text>
      ) : (
        <span>
          <Tag>{t('organizations.payoutAccount.notSet')}</Tag>
          <span className="muted">{t('organizations.payoutAccount.notSetHint')}</span>
        </span>
      )}
      <Space size={0}>
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="payout-account-edit">
          {t(account ? 'actions.edit' : 'organizations.payoutAccount.set')}
        </Button>
        {account && (
          <Popconfirm
            title={t('organizations.payoutAccount.clearConfirm', { name: org.name })}
            description={t('organizations.payoutAccount.clearHint')}
            okText={t('organizations.payoutAccount.clear')}
            cancelText={t('actions.cancel')}
            okButtonProps={{ danger: true, loading: clear.isPending }}
            onConfirm={onClear}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="payout-account-clear">
              {t('organizations.payoutAccount.clear')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <PayoutAccountModal org={org} open={editing} onClose={() => setEditing(false)} />
    </Flex>
  );
}
