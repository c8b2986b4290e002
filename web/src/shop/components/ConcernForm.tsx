import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Input, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { useReportConcern, type ConcernInput } from '../charity-api';

const TEXT_MAX = 2000;
const CONTACT_MAX = 100;

/** 监督举报: anyone can tell the organizer about a village, an organization or a listing (rate-limited per client). */
export function ConcernForm({ slug, subject }: { slug: string; subject: ConcernInput['subject'] }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const report = useReportConcern(slug);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const trimmed = text.trim();
  const error = text.length > TEXT_MAX ? t('concern.textTooLong') : undefined;

  const submit = async () => {
    if (!trimmed) {
      Toast.show({ content: t('concern.textRequired') });
      return;
    }
    try {
      await report.mutateAsync({ subject, text: trimmed, ...(contact.trim() ? { contact: contact.trim() } : {}) });
      Toast.show({ icon: 'success', content: t('concern.sent') });
      setText('');
      setContact('');
      setOpen(false);
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError && e.status === 429 ? t('concern.rateLimited') : describe(e), duration: 3000 });
    }
  };

  return (
    <section className="shop-card-block concern-block" data-testid="concern-form">
      <button type="button" className="concern-toggle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        <ExclamationCircleOutlined /> {t('concern.title')}
      </button>
      {open && (
        <div className="concern-body">
          <p className="shop-muted concern-intro">{t('concern.intro')}</p>
          <div className="donate-label">{t('concern.text')}</div>
          <TextArea
            className="concern-text"
            placeholder={t('concern.textPlaceholder')}
            value={text}
            onChange={setText}
            rows={4}
            autoSize={{ minRows: 4, maxRows: 10 }}
            showCount={(n) => <span className={n > TEXT_MAX ? 'concern-count over' : 'concern-count'}>{n} / {TEXT_MAX}</span>}
            data-testid="concern-text"
          />
          {error && <div className="donate-error">{error}</div>}
          <div className="donate-label concern-contact-label">{t('concern.contact')}</div>
          <Input className="concern-contact" placeholder={t('concern.contactPlaceholder')} value={contact} onChange={setContact} maxLength={CONTACT_MAX} clearable />
          <Button block color="primary" className="concern-submit" disabled={!!error || !trimmed} loading={report.isPending} onClick={() => void submit()} data-testid="concern-submit">
            {t('concern.submit')}
          </Button>
        </div>
      )}
    </section>
  );
}
