import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { loadOnce } from './load-once.js';
import { assertHeaderSafeKey, IDEMPOTENCY_HEADER, type Mailer, type MailMessage } from './mail.js';

/**
 * The SES v2 SDK, loaded on the first email: most cold starts send none, and the bundles leave the
 * package to the Lambda runtime's copy (infra/bundling.ts LAZY_AWS_SDK), so it must stay an import().
 */
type SesSdk = typeof import('@aws-sdk/client-sesv2');
const loadSdk = loadOnce(() => import('@aws-sdk/client-sesv2'));

export type SesMailerOptions = {
  /** the verified sender (CDK context), e.g. `帮扶通 <noreply@example.gov.cn>` */
  from: string;
  /** default: the SDK's (AWS_REGION on Lambda) */
  region?: string;
  /** another SES endpoint: the tests' recording server */
  endpoint?: string;
  /** default: the SDK's chain (the function role's keys on Lambda) */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
};

const UTF8 = 'UTF-8';

/**
 * Email through Amazon SES (API v2, SendEmail with Simple content). SES sets its own Message-ID, so
 * on AWS only the X-Bangfu-Idempotency-Key header carries the notification's key.
 */
export class SesMailer implements Mailer {
  readonly mode = 'ses' as const;
  private client?: SESv2Client;

  constructor(private readonly opts: SesMailerOptions) {}

  /** The SDK and this mailer's one client, both made on first use. */
  private async ses(): Promise<{ sdk: SesSdk; client: SESv2Client }> {
    const sdk = await loadSdk();
    const { region, endpoint, credentials } = this.opts;
    this.client ??= new sdk.SESv2Client({ region, endpoint, credentials });
    return { sdk, client: this.client };
  }

  async send(m: MailMessage): Promise<void> {
    assertHeaderSafeKey(m.idempotencyKey);
    const { sdk, client } = await this.ses();
    await client.send(
      new sdk.SendEmailCommand({
        FromEmailAddress: this.opts.from,
        Destination: { ToAddresses: [m.to] },
        Content: {
          Simple: {
            Subject: { Data: m.subject, Charset: UTF8 },
            Body: { Text: { Data: m.text, Charset: UTF8 }, Html: { Data: m.html, Charset: UTF8 } },
            Headers: [{ Name: IDEMPOTENCY_HEADER, Value: m.idempotencyKey }],
          },
        },
      }),
    );
  }
}
