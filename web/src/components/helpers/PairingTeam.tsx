import { App, Button, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pairing } from '../../../../shared/schemas/pairings';
import { useDescribeError } from '../../api/describe';
import { useHelpers, usePairingTeam, useSetTeam } from '../../api/helpers';

/** A pairing's team (帮扶工作组): name and role of each helper; editable while the pairing is pending or active. */
export function PairingTeam({ pairing }: { pairing: Pick<Pairing, 'id' | 'organizationId' | 'status'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const team = usePairingTeam(pairing.id);
  const [editing, setEditing] = useState<string[] | null>(null);
  const helpers = useHelpers(editing ? pairing.organizationId : null);
  const save = useSetTeam();
  const open = pairing.status === 'active' || pairing.status === 'pending';

  const submit = async () => {
    if (!editing) return;
    try {
      await save.mutateAsync({ pairingId: pairing.id, helperIds: editing });
      message.success(t('helpers.teamSaved'));
      setEditing(null);
    } catch (e) {
      message.error(describe(e));
    }
  };

  return (
    <div style={{ margin: '16px 0 4px' }} data-testid="pairing-team">
      <Typography.Text strong>{t('helpers.team')}</Typography.Text>
      {editing ? (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Select
            mode="multiple"
            style={{ flex: 1 }}
            value={editing}
            onChange={setEditing}
            loading={helpers.isPending}
            placeholder={t('helpers.teamPlaceholder')}
            options={(helpers.data ?? []).filter((h) => h.active).map((h) => ({ value: h.id, label: `${h.name}（${h.role}）` }))}
          />
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t('actions.save')}
          </Button>
          <Button onClick={() => setEditing(null)}>{t('actions.cancel')}</Button>
        </Space.Compact>
      ) : (
        <div style={{ marginTop: 8 }}>
          <Space wrap size={[4, 4]}>
            {(team.data ?? []).map((m) => (
              <Tag key={m.id} color="blue">
                {m.name} · {m.role}
              </Tag>
            ))}
            {team.data?.length === 0 && <span className="muted">{t('helpers.teamNone')}</span>}
            {open && (
              <Button size="small" type="link" onClick={() => setEditing((team.data ?? []).map((m) => m.id))} data-testid="team-edit">
                {t('helpers.teamEdit')}
              </Button>
            )}
          </Space>
        </div>
      )}
    </div>
  );
}
