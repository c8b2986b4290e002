import { ExclamationCircleOutlined } from './icons';
import { Button, Input, TextArea, Toast } from '../mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import { useReportConcern, type ConcernInput } from '../charity-api';
import { concernStatusPath } from '../../pages/shop-concern/concern-status-api';
import '../../pages/shop-concern/concern-filed.css';

const TEXT_MAX = 2000;
const CONTACT_MAX = 100;

/**
 * 监督举报: anyone can tell the organizer about a village, an organization or a listing (rate-limited
 * per client). Once filed, the reporter sees its ticket number and the link of its status page (the
 * token in the fragment; returned once by the server, which keeps only its hash).
 */
export function ConcernForm({ slug, subject }: { slug: string; subject: ConcernInput['subject'] }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const navigate = useNavigate();
  const ids = useId();
  const report = useReportConcern(slug);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [filed, setFiled] = useState<{ ticketNo: string; path: string } | null>(null);
  const trimmed = text.trim();
  const error = text.length > TEXT_MAX ? t('concern.textTooLong') : undefined;

  const submit = async () => {
    if (!trimmed) {
      Toast.show({ content: t('concern.textRequired') });
      return;
    }
    try {
      const r = await report.mutateAsync({ subject, text: trimmed, ...(contact.trim() ? { contact: contact.trim() } : {}) });
      setFiled({ ticketNo: r.ticketNo, path: concernStatusPath(slug, r.concernId, r.statusToken) });
      setText('');
      setContact('');
    } catch (e) {
      Toast.show({ icon: 'fail', content: e instanceof ApiError && e.status === 429 ? t('concern.rateLimited') : describe(e), duration: 3000 });
    }
  };

  const copyLink = async () => {
    if (!filed) return;
    try {
      await navigator.clipboard.writeText(`${window.location.origin}${filed.path}`);
      Toast.show({ icon: 'success', content: t('concernStatus.copied') });
    } catch {
      Toast.show({ content: `${window.location.origin}${filed.path}`, duration: 5000 });
    }
  };

  return (
    <section className="shop-card-block concern-block" data-testid="concern-form">
      <button type="button" className="concern-toggle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        <ExclamationCircleOutlined /> {t('concern.title')}
      </button>
      {open && filed && (
        <div className="concern-body concern-filed" role="status" data-testid="concern-filed">
          <p className="concern-filed-title">{t('concernStatus.filed')}</p>
          <p className="concern-filed-ticket">
            {t('concernStatus.ticketNo')}
            {t('concernStatus.colon')}
            <span className="shop-mono" data-testid="concern-filed-ticket">
              {filed.ticketNo}
            </span>
          </p>
          <p className="shop-muted concern-intro">{t('concernStatus.filedHint')}</p>
          <div className="concern-filed-actions">
            <Button block color="primary" onClick={() => navigate(filed.path)} data-testid="concern-status-link">
              {t('concernStatus.openStatus')}
            </Button>
            <Button block fill="outline" color="primary" onClick={() => void copyLink()}>
              {t('concernStatus.copyLink')}
            </Button>
            <Button block fill="none" onClick={() => setFiled(null)}>
              {t('concernStatus.another')}
            </Button>
          </div>
        </div>
      )}
      {open && !filed && (
        <div className="concern-body">
          <p className="shop-muted concern-intro">{t('concern.intro')}</p>
          <label className="donate-label" htmlFor={`${ids}-text`} style={{ display: 'block' }}>
            {t('concern.text')}
          </label>
          <TextArea
            id={`${ids}-text`}
            className="concern-text"
            placeholder={t('concern.textPlaceholder')}
            value={text}
            onChange={setText}
            rows={4}
            autoSize={{ minRows: 4, maxRows: 10 }}
            showCount={(n) => (
              <span className={n > TEXT_MAX ? 'concern-count over' : 'concern-count'}>
                {n} / {TEXT_MAX}
              </span>
            )}
            data-testid="concern-text"
          />
          {error && <div className="donate-error">{error}</div>}
          <label className="donate-label concern-contact-label" htmlFor={`${ids}-contact`} style={{ display: 'block' }}>
            {t('concern.contact')}
          </label>
          <Input
            id={`${ids}-contact`}
            className="concern-contact"
            placeholder={t('concern.contactPlaceholder')}
            value={contact}
            onChange={setContact}
            maxLength={CONTACT_MAX}
            clearable
          />
          <Button
            block
            color="primary"
            className="concern-submit"
            disabled={!!error || !trimmed}
            loading={report.isPending}
            onClick={() => void submit()}
            data-testid="concern-submit"
          >
            {t('concern.submit')}
          </Button>
        </div>
      )}
    </section>
  );
}
