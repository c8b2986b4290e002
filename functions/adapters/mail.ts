/**
 * The mail port: how a notification leaves Bangfu as an email. Locally an SMTP client to the sink
 * that `npm start` runs (mail-smtp.ts, mail-sink.ts); on AWS Amazon SES (mail-ses.ts); 'none' when
 * mail is off. No transport is imported here, so the modules that only need the type stay light.
 */

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** per-notification idempotency key: becomes the Message-ID <key@bangfu.mail> and header X-Bangfu-Idempotency-Key */
  idempotencyKey: string;
  /** the language the message was rendered in; the transport sends what it is given */
  locale?: 'zh-CN' | 'en';
};

export interface Mailer {
  readonly mode: 'smtp' | 'ses' | 'none';
  /** Resolves once the transport accepted the message; throws otherwise (the outbox worker retries). */
  send(m: MailMessage): Promise<void>;
}

/** The header that carries the key on every transport (SES replaces the Message-ID with its own). */
export const IDEMPOTENCY_HEADER = 'X-Bangfu-Idempotency-Key';

/** The domain part of our Message-IDs: ours alone, so an id never collides with another sender's. */
const MESSAGE_ID_DOMAIN = 'bangfu.mail';

/**
 * `<local@bangfu.mail>` for an idempotency key, the same for the same key: a retried send carries the
 * id of the first try, so a mailbox can tell the two copies are one message. The local part must be a
 * dot-atom, so every byte outside [A-Za-z0-9-] becomes `_XX` (hex), except a dot between two other
 * characters; `_` is itself escaped, which keeps two different keys from sharing an id.
 */
export function messageIdOf(key: string): string {
  if (key === '') throw new Error('an email needs an idempotency key');
  const bytes = new TextEncoder().encode(key);
  let local = '';
  bytes.forEach((b, i) => {
    const ch = String.fromCharCode(b);
    const dotAllowed = ch === '.' && local !== '' && !local.endsWith('.') && i < bytes.length - 1;
    local += /[A-Za-z0-9-]/.test(ch) || dotAllowed ? ch : `_${b.toString(16).toUpperCase().padStart(2, '0')}`;
  });
  return `<${local}@${MESSAGE_ID_DOMAIN}>`;
}

/** The idempotency key as a header value: header lines cannot carry line breaks. */
export function assertHeaderSafeKey(key: string): void {
  if (key === '' || /[\r\n]/.test(key)) throw new Error('an idempotency key must be one non-empty line');
}
