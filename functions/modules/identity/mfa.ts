import type { TotpConfirmed, TotpEnrolment } from '../../../shared/schemas/mfa.js';
import type { UserDirectory } from '../../adapters/identity.js';
import { AppError } from '../../errors.js';
import { hitRateLimit } from '../../store/rate-limit.js';
import type { TxItem } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { qrPng } from '../shop/qr-png.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { enableMfaTx, getUser, setMfaPendingTx, type UserItem } from './store.js';
import { otpauthUri } from './totp.js';

/**
 * Enrolling the caller's authenticator app, in two steps: start (password again, a new
 * secret as an otpauth:// address and its QR code), then confirm with a code from the app, which
 * turns the second factor on and hands out the recovery codes, once. Each step touches only the
 * caller's own user item: nobody can confirm someone else's enrolment.
 */
const PENDING_MS = 10 * 60_000;
/** Each try at either step counts: a stolen token cannot guess the password (or codes) here. */
const TRIES_PER_WINDOW = 10;
const WINDOW_SECONDS = 15 * 60;

const countTry = (ctx: ServiceContext) => hitRateLimit(ctx.store, 'mfa-enrol', ctx.caller.userId, TRIES_PER_WINDOW, WINDOW_SECONDS, ctx.now);

async function caller(ctx: ServiceContext): Promise<UserItem> {
  const user = await getUser(ctx.store, ctx.caller.userId);
  if (!user) throw AppError.unauthenticated('账号不存在');
  // turning it off or replacing the authenticator is not offered yet: an enrolled user stays as it is
  if (user.mfaEnabledAt) throw AppError.conflict('两步验证已开启');
  return user;
}

export async function startTotpEnrolment(ctx: ServiceContext, directory: UserDirectory, password: string): Promise<TotpEnrolment> {
  const user = await caller(ctx);
  await countTry(ctx);
  const started = await directory.startTotp(user.email, password);
  if (!started) throw AppError.field('password', '密码不正确');
  const until = new Date(ctx.now.getTime() + PENDING_MS).toISOString();
  // a second start replaces the first: only the latest secret can be confirmed
  await ctx.store.transact([setMfaPendingTx(ctx.store, user.id, { handle: started.pending, until }, AppError.conflict('两步验证已开启'))]);
  const uri = otpauthUri(started.secret, user.email);
  return { otpauthUri: uri, secret: started.secret, qrPng: `data:image/png;base64,${qrPng(uri, { scale: 6, margin: 4 }).toString('base64')}` };
}

export async function confirmTotpEnrolment(ctx: ServiceContext, directory: UserDirectory, code: string): Promise<TotpConfirmed> {
  const user = await caller(ctx);
  const pending = user.mfaPending;
  if (!pending || pending.until <= ctx.now.toISOString()) throw AppError.conflict('请先开始设置两步验证（上次的设置已过期）');
  await countTry(ctx);
  const kept = await directory.confirmTotp(user.email, pending.handle, code);
  if (!kept) throw AppError.field('code', '验证码不正确，请输入验证器当前显示的 6 位数字');
  const recoveryCodes = newRecoveryCodes();
  const at = ctx.now.toISOString();
  const codes = Object.fromEntries(recoveryCodes.map((c) => [hashRecoveryCode(user.id, c), at]));
  const tx: TxItem[] = [
    enableMfaTx(ctx.store, user.id, pending.handle, at, codes, kept, AppError.conflict('两步验证的设置刚刚发生变化，请重新开始')),
    auditPut(ctx, 'user', user.id, 'enable_mfa', { mfaEnabled: false }, { mfaEnabled: true, recoveryCodes: recoveryCodes.length }),
  ];
  await ctx.store.transact(tx);
  return { recoveryCodes };
}
