import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application } from '../../../../shared/schemas/accounts';
import { useDecideApplication } from '../../api/applications';
import { useDescribeError } from '../../api/describe';

/** Approving, from the table or the drawer: the organization is created and its contact invited. */
export function useApprove() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const decide = useDecideApplication();
  return async (a: Application) => {
    try {
      await decide.mutateAsync({ id: a.id, decision: 'approve' });
      message.success(t('applications.approved', { email: a.email }));
    } catch (e) {
      message.error(describe(e));
    }
  };
}
