import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatusView, UserRow } from '../../../shared/schemas/accounts';
import type { OrgKind, OrgStatus } from '../../../shared/schemas/organizations';
import type { PairingStatus } from '../../../shared/schemas/pairings';
import type { VillageNeed } from '../../../shared/schemas/villages';
import type { z } from 'zod';

const PAIRING_COLORS: Record<z.infer<typeof PairingStatus>, string> = {
  pending: 'gold',
  active: 'green',
  ended: 'default',
  rejected: 'red',
};

const ORG_COLORS: Record<z.infer<typeof OrgStatus>, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  suspended: 'volcano',
};

export function PairingStatusTag({ status }: { status: z.infer<typeof PairingStatus> }) {
  const { t } = useTranslation();
  return (
    <Tag color={PAIRING_COLORS[status]} data-testid="pairing-status">
      {t(`pairingStatus.${status}`)}
    </Tag>
  );
}

export function OrgStatusTag({ status }: { status: z.infer<typeof OrgStatus> }) {
  const { t } = useTranslation();
  return <Tag color={ORG_COLORS[status]}>{t(`orgStatus.${status}`)}</Tag>;
}

export function OrgKindText({ kind }: { kind: z.infer<typeof OrgKind> }) {
  const { t } = useTranslation();
  return <>{t(`orgKind.${kind}`)}</>;
}

export function NeedTags({ needs }: { needs: readonly z.infer<typeof VillageNeed>[] }) {
  const { t } = useTranslation();
  if (needs.length === 0) return <span className="muted">—</span>;
  return (
    <span className="tag-row">
      {needs.map((n) => (
        <Tag key={n} color="blue" variant="filled">
          {t(`needs.${n}`)}
        </Tag>
      ))}
    </span>
  );
}

/** 挂牌督战 and coverage at a glance (rule 1). */
export function CoverageTags({ supervised, covered, activePairings }: { supervised: boolean; covered: boolean; activePairings: number }) {
  const { t } = useTranslation();
  return (
    <span className="tag-row">
      {supervised && <Tag color="red">{t('village.supervised')}</Tag>}
      {activePairings > 0 || covered ? (
        <Tag color="green">{t('village.coveredBy', { n: activePairings })}</Tag>
      ) : (
        <Tag color={supervised ? 'error' : 'default'}>{t('village.uncovered')}</Tag>
      )}
    </span>
  );
}

const USER_COLORS: Record<UserRow['status'], string> = { active: 'green', disabled: 'default', invited: 'gold' };

/** An account's state; an invitation past its date says so rather than "invited". */
export function UserStatusTag({ user }: { user: Pick<UserRow, 'status' | 'expiresAt'> }) {
  const { t } = useTranslation();
  if (user.status === 'invited' && user.expiresAt && user.expiresAt <= new Date().toISOString()) return <Tag>{t('users.expired')}</Tag>;
  return (
    <Tag color={USER_COLORS[user.status]} data-testid="user-status">
      {t(`userStatus.${user.status}`)}
    </Tag>
  );
}

const APPLICATION_COLORS: Record<ApplicationStatusView['status'], string> = { pending: 'gold', approved: 'green', rejected: 'red' };

export function ApplicationStatusTag({ status }: { status: ApplicationStatusView['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={APPLICATION_COLORS[status]} data-testid="application-status">
      {t(`applicationStatus.${status}`)}
    </Tag>
  );
}
