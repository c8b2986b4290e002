import { createTransport, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import { assertHeaderSafeKey, IDEMPOTENCY_HEADER, messageIdOf, type Mailer, type MailMessage } from './mail.js';

export type SmtpMailerOptions = {
  port: number;
  /** the local sink listens on loopback only (mail-sink.ts) */
  host?: string;
  /** the From header; default `帮扶通 <noreply@bangfu.local>` */
  from?: string;
};

export const DEFAULT_LOCAL_FROM = '帮扶通 <noreply@bangfu.local>';

/**
 * Email over plain SMTP, for local mode: `npm start` and the tests send to the sink on 127.0.0.1
 * (mail-sink.ts). No TLS and no login: the sink offers neither and never leaves the machine.
 */
export class SmtpMailer implements Mailer {
  readonly mode = 'smtp' as const;
  private readonly transport: Transporter<SMTPSentMessageInfo>;
  private readonly from: string;

  constructor(opts: SmtpMailerOptions) {
    this.from = opts.from ?? DEFAULT_LOCAL_FROM;
    this.transport = createTransport({
      host: opts.host ?? '127.0.0.1',
      port: opts.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      // one connection per concurrent delivery (functions/modules/notifications/worker.ts DELIVERY_CONCURRENCY), kept open
      maxConnections: 8,
      // a worker waiting 2 minutes (nodemailer's default) on a dead sink holds its batch: fail fast, retry later
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // the message is only the strings we give it: never read a local file or fetch a URL into it
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(m: MailMessage): Promise<void> {
    assertHeaderSafeKey(m.idempotencyKey);
    const info = await this.transport.sendMail({
      from: this.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: messageIdOf(m.idempotencyKey),
      headers: { [IDEMPOTENCY_HEADER]: m.idempotencyKey },
    });
    // sendMail resolves when the server answered DATA; a refused recipient is still a failure to retry
    if (info.rejected.length > 0) throw new Error(`SMTP server refused ${info.rejected.length} recipient(s)`);
  }
}
