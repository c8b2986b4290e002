import { Button, CheckList, Popup, SearchBar } from '../../shop/mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinVillage } from '../../shop/join-api';

export const MAX_VILLAGES = 20;

/**
 * The villages an applicant would like to help, chosen in a sheet: searchable by village or
 * township, supervised villages marked, at most 20.
 */
export function VillagePicker({
  open,
  villages,
  value,
  onClose,
  onChange,
}: {
  open: boolean;
  villages: JoinVillage[];
  value: string[];
  onClose: () => void;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [draft, setDraft] = useState<string[]>(value);
  const shown = useMemo(() => {
    const needle = q.trim();
    return needle ? villages.filter((v) => v.name.includes(needle) || v.township.includes(needle)) : villages;
  }, [q, villages]);
  const full = draft.length >= MAX_VILLAGES;

  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} afterShow={() => setDraft(value)} bodyClassName="join-villages-sheet" destroyOnClose>
      <div className="join-sheet-head">
        <button type="button" className="shop-link-button join-sheet-cancel" onClick={onClose}>
          {t('actions.cancel')}
        </button>
        <span className="join-sheet-title">{t('join.villagesPick')}</span>
        <Button
          size="small"
          color="primary"
          onClick={() => {
            onChange(draft);
            onClose();
          }}
          data-testid="join-villages-done"
        >
          {draft.length ? t('join.villagesDoneN', { n: draft.length }) : t('join.villagesDone')}
        </Button>
      </div>
      <div className="join-sheet-search">
        <SearchBar placeholder={t('join.villagesSearch')} value={q} onChange={setQ} />
        {full && <div className="join-field-hint">{t('join.villagesMax', { n: MAX_VILLAGES })}</div>}
      </div>
      <div className="join-sheet-list">
        {shown.length === 0 ? (
          <div className="shop-muted join-sheet-empty">{t('join.villagesNone')}</div>
        ) : (
          <CheckList multiple value={draft} onChange={(v) => setDraft(v.map(String))}>
            {shown.map((v) => (
              <CheckList.Item key={v.id} value={v.id} description={v.township} disabled={full && !draft.includes(v.id)}>
                {v.name}
                {v.supervised && <span className="tp-tag join-supervised">{t('join.supervised')}</span>}
              </CheckList.Item>
            ))}
          </CheckList>
        )}
      </div>
    </Popup>
  );
}

/** The chosen villages as chips, or the field's placeholder (the form item's value is not read: the names are). */
export function VillageSummary({ names, placeholder }: { names: string[]; placeholder: string; value?: string[] }) {
  if (names.length === 0) return <span className="join-placeholder">{placeholder}</span>;
  return (
    <span className="join-chosen">
      {names.map((n) => (
        <span key={n} className="join-chip">
          {n}
        </span>
      ))}
    </span>
  );
}
