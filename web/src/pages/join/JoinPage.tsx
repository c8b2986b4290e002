import { Button, Checkbox, Form, Input, ProgressBar, Selector, TextArea, Toast } from '../../shop/mobile';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApplicationFields } from '../../../../shared/schemas/accounts';
import { ORG_KINDS } from '../../../../shared/schemas/organizations';
import { keyPerRequest } from '../../api/client-key';
import { useDescribeError } from '../../api/describe';
import { ApiError } from '../../api/errors';
import type { Language } from '../../i18n';
import { ShopError } from '../../shop/components/ShopError';
import { ShopNavBar } from '../../shop/components/ShopNavBar';
import { submitApplication, useJoinVillages, type ApplicationText } from '../../shop/join-api';
import { useDocumentTitle } from '../../shop/use-document-title';
import { CreditCodeHint, normalizeCreditCode } from './CreditCodeHint';
import { DocumentPicker } from './DocumentPicker';
import { JoinHero } from './JoinHero';
import { applicationText, rule, scrollToFirstError, sortServerErrors, type JoinValues } from './join-form';
import { VillagePicker, VillageSummary } from './VillagePicker';

const F = ApplicationFields.shape;
/** The schema's own words for an empty credit code. */
const CODE_REQUIRED = F.creditCode.safeParse(undefined).error?.issues[0]?.message;

/**
 * 申请加入 on a phone: the organization, its contact, the villages it would help, its documents,
 * a consent; sent as one multipart request with its upload progress, then to the status page.
 */
export default function JoinPage() {
  const { t, i18n } = useTranslation();
  const describe = useDescribeError();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  useDocumentTitle(t('join.title'));
  const { villages, tenantName, loading, error } = useJoinVillages(slug);
  const [form] = Form.useForm<JoinValues>();
  const chosen = (Form.useWatch('villageIds', form) as string[] | undefined) ?? [];
  const code = String(normalizeCreditCode(Form.useWatch('creditCode', form) ?? ''));
  const [picking, setPicking] = useState(false);
  const [tried, setTried] = useState(false);
  const [codeProblem, setCodeProblem] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  // a double tap or a retry of the same fill is applied once; a corrected fill is a new request
  const keyFor = useMemo(() => keyPerRequest(), []);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="shop-page join-page">
        <ShopNavBar slug={slug} title={t('join.title')} cart={false} back={false} />
        <ShopError error={error} notFound={t('join.tenantNotFound')} hint={t('join.tenantNotFoundHint')} />
      </div>
    );
  }

  const showServerErrors = (e: ApiError) => {
    const sorted = sortServerErrors(e, form.getFieldValue('documents') as File[], (name, message) => t('join.documentError', { name, message }));
    if (sorted.code) setCodeProblem(sorted.code);
    form.setFields([...sorted.fields].map(([name, errors]) => ({ name, errors })));
    const placed = sorted.fields.size > 0 || sorted.code !== undefined;
    return sorted.rest.length ? sorted.rest.join('\n') : placed ? null : e.message;
  };

  const submit = async (v: JoinValues) => {
    setProblem(null);
    const text = applicationText(v, i18n.resolvedLanguage as Language);
    const parsed = ApplicationFields.safeParse(text);
    if (!parsed.success) return setProblem(t('join.fixErrors'));
    const fields: ApplicationText = parsed.data;
    const key = keyFor([fields, v.documents.map((f) => [f.name, f.size, f.lastModified])]);
    setProgress(0);
    try {
      const created = await submitApplication(slug, fields, v.documents, key, setProgress);
      Toast.show({ icon: 'success', content: t('join.submitted') });
      // the status token only ever in the fragment: never sent to a server, never in a log
      void navigate(`/join/${encodeURIComponent(slug)}/status/${encodeURIComponent(created.applicationId)}#${encodeURIComponent(created.statusToken)}`, {
        replace: true,
      });
    } catch (e) {
      setProgress(null);
      let said: string | null;
      if (e instanceof ApiError && e.status === 409 && (e.details as { field?: unknown } | undefined)?.field === 'creditCode') {
        // the credit code is already registered (or under review): said under the code
        setCodeProblem(e.message);
        said = null;
      } else said = e instanceof ApiError && e.status === 400 ? showServerErrors(e) : describe(e);
      if (said) setProblem(said);
      scrollToFirstError();
      Toast.show({ icon: 'fail', content: said ?? t('join.fixErrors'), duration: 3000 });
    }
  };

  const busy = progress !== null;
  const chosenNames = chosen.map((id) => villages.find((v) => v.id === id)?.name ?? id);

  return (
    <div className="shop-page join-page">
      <ShopNavBar slug={slug} title={t('join.title')} cart={false} back={false} />
      <JoinHero tenantName={tenantName} loading={loading} />
      <Form
        form={form}
        layout="horizontal"
        mode="card"
        className="join-form"
        initialValues={{ kind: ['social_org'], villageIds: [], documents: [], consent: false }}
        onFinish={submit}
        onFinishFailed={() => {
          setTried(true);
          Toast.show({ content: t('join.fixErrors') });
          scrollToFirstError();
        }}
        onValuesChange={(changed: Partial<JoinValues>) => {
          if ('creditCode' in changed) setCodeProblem(undefined);
        }}
        disabled={busy}
        data-testid="join-form"
      >
        <Form.Header>{t('join.orgSection')}</Form.Header>
        <Form.Item name="name" label={t('join.name')} rules={[rule(F.name)]} required>
          <Input placeholder={t('join.namePlaceholder')} maxLength={100} clearable data-testid="join-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('join.kind')} layout="vertical" required rules={[{ type: 'array', min: 1, message: t('join.kindRequired') }]}>
          <Selector columns={3} options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} className="join-kind" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('join.creditCode')}
          rules={[rule(F.creditCode)]}
          required
          hasFeedback={false}
          normalize={normalizeCreditCode}
          description={<CreditCodeHint code={code} server={codeProblem} required={tried ? CODE_REQUIRED : undefined} />}
        >
          <Input placeholder={t('join.creditCodePlaceholder')} maxLength={18} autoComplete="off" className="shop-mono" data-testid="join-credit-code" />
        </Form.Item>

        <Form.Header>{t('join.contactSection')}</Form.Header>
        <Form.Item name="contactName" label={t('join.contactName')} rules={[rule(F.contactName)]} required>
          <Input placeholder={t('join.contactNamePlaceholder')} maxLength={50} autoComplete="name" clearable data-testid="join-contact-name" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('join.contactPhone')} rules={[rule(F.contactPhone)]} required>
          <Input
            placeholder={t('join.contactPhonePlaceholder')}
            type="tel"
            inputMode="numeric"
            maxLength={13}
            autoComplete="tel"
            clearable
            data-testid="join-contact-phone"
          />
        </Form.Item>
        <Form.Item name="email" label={t('join.email')} rules={[rule(F.email)]} required>
          <Input placeholder={t('join.emailPlaceholder')} type="email" inputMode="email" autoComplete="email" clearable data-testid="join-email" />
        </Form.Item>

        <Form.Header>{t('join.helpSection')}</Form.Header>
        <Form.Item name="villageIds" label={t('join.villages')} clickable arrow onClick={() => !busy && setPicking(true)} data-testid="join-villages">
          <VillageSummary names={chosenNames} placeholder={loading ? t('join.villagesLoading') : t('join.villagesPlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('join.description')} layout="vertical" rules={[rule(F.description)]}>
          <TextArea
            placeholder={t('join.descriptionPlaceholder')}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            data-testid="join-description"
          />
        </Form.Item>

        <Form.Header>{t('join.documentsSection')}</Form.Header>
        <Form.Item
          name="documents"
          layout="vertical"
          description={<span className="join-field-hint">{t('join.documentsHint')}</span>}
          rules={[
            {
              validator: async (_: unknown, files: File[] | undefined) => {
                if (!files?.length) throw new Error(t('join.documentsRequired'));
              },
            },
          ]}
        >
          <DocumentPicker disabled={busy} />
        </Form.Item>

        <Form.Item
          name="consent"
          valuePropName="checked"
          className="join-consent"
          rules={[
            {
              validator: async (_: unknown, v: boolean) => {
                if (!v) throw new Error(t('join.consentRequired'));
              },
            },
          ]}
        >
          <Checkbox data-testid="join-consent">{t('join.consent')}</Checkbox>
        </Form.Item>
      </Form>

      {problem && (
        <div className="shop-problem join-problem" role="alert" data-testid="join-problem">
          {problem}
        </div>
      )}

      <div className="donate-bar join-bar">
        {busy && (
          <div className="join-progress" data-testid="join-progress">
            <ProgressBar percent={progress} />
            <span>{progress < 100 ? t('join.uploading', { p: progress }) : t('join.submitting')}</span>
          </div>
        )}
        <Button block color="primary" size="large" loading={busy} disabled={busy} onClick={() => form.submit()} data-testid="join-submit">
          {t('join.submit')}
        </Button>
      </div>

      <VillagePicker
        open={picking}
        villages={villages}
        value={chosen}
        onClose={() => setPicking(false)}
        onChange={(ids) => form.setFieldValue('villageIds', ids)}
      />
    </div>
  );
}
