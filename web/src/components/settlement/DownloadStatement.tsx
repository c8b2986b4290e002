import { CheckCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDescribeError } from '../../api/describe';
import { saveBlob, type Progress as Bytes } from '../../api/json';
import { downloadSettlement } from '../../api/settlements';
import { formatBytes } from '../../lib/bytes';

/** 下载 xlsx: the month's statement workbook, streamed with the bytes received shown as they come. */
export function DownloadStatement({ month, organizationId }: { month: string; organizationId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [bytes, setBytes] = useState<Bytes | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'done'>('idle');

  const run = async () => {
    setState('loading');
    setBytes({ received: 0, total: null });
    try {
      const { blob, filename } = await downloadSettlement(month, organizationId, setBytes);
      const name = filename ?? t('settlement.filename', { month });
      saveBlob(blob, name);
      setState('done');
      message.success(t('dataPage.downloaded', { size: formatBytes(blob.size), name }));
    } catch (e) {
      setState('idle');
      setBytes(null);
      message.error(describe(e));
    }
  };

  const pct = bytes?.total ? Math.min(100, Math.round((bytes.received / bytes.total) * 100)) : undefined;
  return (
    <Flex align="center" gap={10}>
      {state === 'loading' && bytes && (
        <Flex vertical className="download-progress" data-testid="statement-progress">
          <Progress size="small" percent={pct ?? 100} status="active" showInfo={false} />
          <Typography.Text type="secondary" className="download-bytes">
            {bytes.total ? `${formatBytes(bytes.received)} / ${formatBytes(bytes.total)}` : formatBytes(bytes.received)}
          </Typography.Text>
        </Flex>
      )}
      {state === 'done' && <CheckCircleOutlined className="ok-icon" data-testid="statement-downloaded" />}
      <Button icon={<DownloadOutlined />} loading={state === 'loading'} onClick={() => void run()} data-testid="statement-download">
        {t('settlement.download')}
      </Button>
    </Flex>
  );
}
