import { DownloadOutlined, EyeOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Image, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application } from '../../../../shared/schemas/accounts';
import { useDescribeError } from '../../api/describe';
import { fetchPrivateFile, saveBlob } from '../../api/json';
import { formatBytes } from '../../lib/bytes';

type Doc = Application['documents'][number];

/**
 * An application's documents, fetched with the session (they are never public): a picture opens
 * in a preview, a PDF in a new tab; either can be saved.
 */
export function DocumentList({ documents }: { documents: Doc[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  const load = async (d: Doc) => new Blob([await fetchPrivateFile(d.url as string)], { type: d.contentType });

  const view = async (d: Doc) => {
    // opened now, while the click still counts, so the browser does not block it as a popup
    const tab = d.contentType === 'application/pdf' ? window.open('', '_blank') : null;
    setBusy(`view:${d.id}`);
    try {
      const blob = await load(d);
      if (d.contentType.startsWith('image/')) setPreview(URL.createObjectURL(blob));
      else if (tab) {
        const url = URL.createObjectURL(blob);
        tab.location.href = url;
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      } else saveBlob(blob, d.fileName);
    } catch (e) {
      tab?.close();
      message.error(describe(e));
    } finally {
      setBusy(null);
    }
  };

  const download = async (d: Doc) => {
    setBusy(`save:${d.id}`);
    try {
      saveBlob(await load(d), d.fileName);
    } catch (e) {
      message.error(describe(e));
    } finally {
      setBusy(null);
    }
  };

  if (documents.length === 0) return <span className="muted">{t('applications.documentsNone')}</span>;
  return (
    <>
      <ul className="plain-list doc-list" data-testid="application-documents">
        {documents.map((d) => (
          <li key={d.id} className="doc-row">
            {d.contentType === 'application/pdf' ? <FilePdfOutlined className="doc-icon doc-pdf" /> : <FileImageOutlined className="doc-icon doc-image" />}
            <span className="doc-name">
              {d.fileName}
              <span className="muted doc-size">{formatBytes(d.bytes)}</span>
            </span>
            {d.url ? (
              <span className="doc-actions">
                <Button size="small" icon={<EyeOutlined />} loading={busy === `view:${d.id}`} onClick={() => void view(d)}>
                  {t('applications.open')}
                </Button>
                <Button
                  size="small"
                  type="text"
                  icon={<DownloadOutlined />}
                  loading={busy === `save:${d.id}`}
                  onClick={() => void download(d)}
                  aria-label={t('applications.download')}
                />
              </span>
            ) : (
              <Tooltip title={t('applications.noLink')}>
                <Button size="small" icon={<EyeOutlined />} disabled>
                  {t('applications.open')}
                </Button>
              </Tooltip>
            )}
          </li>
        ))}
      </ul>
      {preview && (
        <Image
          style={{ display: 'none' }}
          src={preview}
          alt=""
          preview={{
            open: true,
            src: preview,
            onOpenChange: (o) => {
              if (o) return;
              URL.revokeObjectURL(preview);
              setPreview(null);
            },
          }}
        />
      )}
    </>
  );
}
