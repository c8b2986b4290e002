import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Image, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payout } from '../../../../shared/schemas/settlements';
import { useDescribeError } from '../../api/describe';
import { saveBlob } from '../../api/json';
import { fetchPayoutEvidence, useAttachPayoutEvidence } from '../../api/settlements';
import { evidenceExtension, evidenceProblem, EVIDENCE_TYPES } from './evidence';

/**
 * A payout's evidence (the bank slip), fetched with the session since it is never public: a picture
 * opens in a preview, a PDF is saved. The bureau may attach one to a payout that has none.
 */
export function EvidenceLink({ payout, canAttach }: { payout: Payout; canAttach: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const attach = useAttachPayoutEvidence();
  const [loading, setLoading] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);

  const open = async () => {
    setLoading(true);
    try {
      const { blob } = await fetchPayoutEvidence(payout.id);
      if (blob.type.startsWith('image/')) setPreview(URL.createObjectURL(blob));
      else saveBlob(blob, `${t('settlement.evidenceFileName', { reference: payout.reference, date: payout.date })}.${evidenceExtension(blob.type)}`);
    } catch (e) {
      message.error(describe(e));
    } finally {
      setLoading(false);
    }
  };

  const close = () => {
    if (preview) URL.revokeObjectURL(preview);
    setPreview(null);
  };

  if (!payout.hasEvidence) {
    if (!canAttach) return <span className="muted">{t('settlement.noEvidence')}</span>;
    return (
      <Upload
        accept={EVIDENCE_TYPES.join(',')}
        showUploadList={false}
        disabled={attach.isPending}
        beforeUpload={(file) => {
          const problem = evidenceProblem(file);
          if (problem) {
            message.error(t(problem));
            return Upload.LIST_IGNORE;
          }
          attach.mutate(
            { id: payout.id, file },
            {
              onSuccess: () => void message.success(t('settlement.evidenceAttached')),
              onError: (e) => void message.error(t('settlement.evidenceFailed', { reason: describe(e) })),
            },
          );
          return false;
        }}
      >
        <Button type="link" size="small" icon={<UploadOutlined />} loading={attach.isPending} data-testid="payout-evidence-attach">
          {t('settlement.attachEvidence')}
        </Button>
      </Upload>
    );
  }
  return (
    <>
      <Button type="link" size="small" icon={<PaperClipOutlined />} loading={loading} onClick={() => void open()} data-testid="payout-evidence">
        {t('settlement.evidence')}
      </Button>
      {preview && (
        <Image
          style={{ display: 'none' }}
          src={preview}
          alt={t('settlement.evidence')}
          preview={{ open: true, src: preview, onOpenChange: (o) => !o && close() }}
        />
      )}
    </>
  );
}
