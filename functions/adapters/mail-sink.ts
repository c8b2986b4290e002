import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { IDEMPOTENCY_HEADER } from './mail.js';
import { logger } from './logger.js';

/**
 * The local SMTP sink: in `npm start` and the tests, every email Bangfu sends ends up here as one
 * .eml file, read back by the local mail page (functions/http/dev-mail.ts) and by tests. It keeps
 * every copy it receives: it never deduplicates, so a test can count files to prove a sender sent once.
 */

export type MailSink = { port: number; host: '127.0.0.1'; stop(): Promise<void> };

/** A received message as the mail page and the tests read it. */
export type SinkMail = {
  file: string;
  /** when the sink received it (from the file name), ISO */
  receivedAt: string;
  messageId: string | null;
  idempotencyKey: string | null;
  to: string;
  from: string;
  subject: string;
  /** the Date header, ISO */
  date: string | null;
  text: string;
  html: string | null;
};

/** `<ms>-<hex>.eml`: the only names the sink writes, and the only ones readMail opens (no path can climb out). */
const MAIL_FILE = /^[0-9]+-[0-9a-f]+\.eml$/;
/** Bigger than any notification; a runaway sender is refused instead of filling the disk. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const DEFAULT_LIST_LIMIT = 200;

/** Starts the sink on a free loopback port, writing into `dir` (created when missing). */
export async function startMailSink(opts: { dir: string }): Promise<MailSink> {
  const dir = path.resolve(opts.dir);
  await mkdir(dir, { recursive: true });
  // names sort by arrival: two messages in the same millisecond still get increasing times
  let lastMs = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Bangfu local mail sink',
    disableReverseLookup: true,
    // stop() should not wait the default 30 s for a client that forgot to QUIT
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (e) => callback(e));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
        lastMs = Math.max(Date.now(), lastMs + 1);
        const name = `${String(lastMs).padStart(15, '0')}-${randomBytes(6).toString('hex')}.eml`;
        writeAtomically(path.join(dir, name), Buffer.concat(chunks)).then(
          () => callback(null, `queued as ${name}`),
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // a failing connection (a client that hangs up mid-message) must not crash the process
  server.on('error', (e) => logger.error('mail sink failed', { component: 'mail-sink', error: e }));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    host: '127.0.0.1',
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Write then rename, so a reader never sees half a message; the temp name does not match MAIL_FILE. */
async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, target);
}

/** The received messages, newest first (at most `limit`, default 200); a missing dir is an empty list. */
export async function listMail(dir: string, opts: { limit?: number } = {}): Promise<SinkMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const newest = names
    .filter((n) => MAIL_FILE.test(n))
    .sort()
    .reverse()
    .slice(0, opts.limit ?? DEFAULT_LIST_LIMIT);
  const read = await Promise.all(newest.map((n) => readMail(dir, n).catch(() => null)));
  // a file that vanished or does not parse is left out, not an error for the whole list
  return read.filter((m): m is SinkMail => m !== null);
}

/** One received message by its file name; null for a name the sink would not write or a missing file. */
export async function readMail(dir: string, file: string): Promise<SinkMail | null> {
  if (!MAIL_FILE.test(file)) return null;
  let raw: Buffer;
  try {
    raw = await readFile(path.join(dir, file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const parsed = await simpleParser(raw);
  const key = parsed.headers.get(IDEMPOTENCY_HEADER.toLowerCase());
  return {
    file,
    receivedAt: new Date(Number(file.slice(0, file.indexOf('-')))).toISOString(),
    messageId: parsed.messageId ?? null,
    idempotencyKey: typeof key === 'string' ? key : null,
    to: addressText(parsed.to),
    from: addressText(parsed.from),
    subject: parsed.subject ?? '',
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    text: parsed.text ?? '',
    html: parsed.html || null,
  };
}

function addressText(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return '';
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}
