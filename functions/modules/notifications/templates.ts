import type { Locale, NotificationKind } from '../../../shared/schemas/notifications.js';
import type { NotifyParams } from '../outbox/outbox.js';

/**
 * Each kind's words, in Chinese and English: a title (the bell's line, the email's subject) and a
 * body (the bell's detail, the email's text). The email's HTML is the same text, escaped, with the
 * link as a button. Only the worker renders: the bell shows what it stored.
 */
type Words = { title: string; body: string };
type Template = Record<Locale, (p: NotifyParams) => Words>;

const yuan = (fen: unknown) => (typeof fen === 'number' ? (fen / 100).toFixed(2) : '0.00');
const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const ROLE: Record<Locale, Record<string, string>> = {
  'zh-CN': { bureau_admin: '管理员', org_member: '机构成员', platform_admin: '平台管理员' },
  en: { bureau_admin: 'administrator', org_member: 'member', platform_admin: 'platform administrator' },
};
const CONCERN_STATUS: Record<Locale, Record<string, string>> = {
  'zh-CN': { open: '已受理', investigating: '核查中', resolved: '已办结', dismissed: '不予受理' },
  en: { open: 'received', investigating: 'under investigation', resolved: 'resolved', dismissed: 'dismissed' },
};

export const TEMPLATES: Record<NotificationKind, Template> = {
  application_received: {
    'zh-CN': (p) => ({ title: `新的入驻申请：${s(p.name)}`, body: `${s(p.name)}（${s(p.contactName)}）申请加入帮扶，请审核其登记材料。` }),
    en: (p) => ({ title: `New application: ${s(p.name)}`, body: `${s(p.name)} (${s(p.contactName)}) applied to join. Please review its documents.` }),
  },
  application_decided: {
    'zh-CN': (p) =>
      p.status === 'approved'
        ? {
            title: `入驻申请已通过：${s(p.name)}`,
            body: `您为「${s(p.name)}」提交的申请已由${s(p.tenantName)}审核通过。账号邀请邮件将另行发送，请按邮件设置密码。`,
          }
        : { title: `入驻申请未通过：${s(p.name)}`, body: `您为「${s(p.name)}」提交的申请未获通过。${p.reason ? `原因：${s(p.reason)}` : ''}` },
    en: (p) =>
      p.status === 'approved'
        ? {
            title: `Application approved: ${s(p.name)}`,
            body: `${s(p.tenantName)} approved the application of ${s(p.name)}. An invitation to set your password follows in a separate email.`,
          }
        : {
            title: `Application not approved: ${s(p.name)}`,
            body: `The application of ${s(p.name)} was not approved.${p.reason ? ` Reason: ${s(p.reason)}` : ''}`,
          },
  },
  invitation: {
    'zh-CN': (p) => ({
      title: `邀请您加入帮扶通：${s(p.organizationName || p.tenantName)}`,
      body: `${s(p.tenantName)}邀请您以「${ROLE['zh-CN'][s(p.role)] ?? s(p.role)}」身份使用帮扶通${p.organizationName ? `（${s(p.organizationName)}）` : ''}。请在 72 小时内打开链接设置密码，链接只能使用一次。`,
    }),
    en: (p) => ({
      title: `You are invited to Bangfu: ${s(p.organizationName || p.tenantName)}`,
      body: `${s(p.tenantName)} invites you to Bangfu as ${ROLE.en[s(p.role)] ?? s(p.role)}${p.organizationName ? ` of ${s(p.organizationName)}` : ''}. Open the link within 72 hours to set your password; it works once.`,
    }),
  },
  password_reset: {
    'zh-CN': () => ({
      title: '重置帮扶通密码',
      body: '有人为您的账号申请了重置密码。请在 1 小时内打开链接设置新密码，链接只能使用一次。如果不是您本人操作，请忽略本邮件，密码不会改变。',
    }),
    en: () => ({
      title: 'Reset your Bangfu password',
      body: 'Someone asked to reset the password of your account. Open the link within 1 hour to set a new one; it works once. If it was not you, ignore this email: your password stays as it is.',
    }),
  },
  pairing_claimed: {
    'zh-CN': (p) => ({
      title: `新的结对认领：${s(p.organizationName)} → ${s(p.villageName)}`,
      body: `${s(p.organizationName)}认领了${s(p.villageName)}的帮扶结对，等待审核。`,
    }),
    en: (p) => ({
      title: `New pairing claim: ${s(p.organizationName)} → ${s(p.villageName)}`,
      body: `${s(p.organizationName)} claimed a pairing with ${s(p.villageName)}; it awaits review.`,
    }),
  },
  pairing_approved: {
    'zh-CN': (p) => ({
      title: `结对已通过：${s(p.villageName)}`,
      body: `您与${s(p.villageName)}的结对已审核通过，自 ${s(p.startDate)} 起生效。请每周按时填报帮扶周报。`,
    }),
    en: (p) => ({
      title: `Pairing approved: ${s(p.villageName)}`,
      body: `Your pairing with ${s(p.villageName)} was approved and runs from ${s(p.startDate)}. Please file your weekly report on time.`,
    }),
  },
  pairing_rejected: {
    'zh-CN': (p) => ({
      title: `结对未通过：${s(p.villageName)}`,
      body: `您与${s(p.villageName)}的结对申请未获通过。${p.reason ? `原因：${s(p.reason)}` : ''}`,
    }),
    en: (p) => ({
      title: `Pairing not approved: ${s(p.villageName)}`,
      body: `Your pairing claim for ${s(p.villageName)} was not approved.${p.reason ? ` Reason: ${s(p.reason)}` : ''}`,
    }),
  },
  pairing_ended: {
    'zh-CN': (p) => ({
      title: `结对已结束：${s(p.villageName)}`,
      body: `您与${s(p.villageName)}的结对已于 ${s(p.endDate)} 结束。${p.reason ? `说明：${s(p.reason)}` : ''}`,
    }),
    en: (p) => ({
      title: `Pairing ended: ${s(p.villageName)}`,
      body: `Your pairing with ${s(p.villageName)} ended on ${s(p.endDate)}.${p.reason ? ` Note: ${s(p.reason)}` : ''}`,
    }),
  },
  report_reminder: {
    'zh-CN': (p) => ({
      title: `请填报本周帮扶周报（截止 ${s(p.deadline)}）`,
      body: `${s(p.organizationName)}尚未填报 ${s(p.weekStart)} 这一周的帮扶周报，截止时间为 ${s(p.deadline)}。`,
    }),
    en: (p) => ({
      title: `Weekly report due ${s(p.deadline)}`,
      body: `${s(p.organizationName)} has not filed its report for the week of ${s(p.weekStart)}. It is due ${s(p.deadline)}.`,
    }),
  },
  report_ladder_warning: {
    'zh-CN': (p) => ({
      title: `已连续 ${s(p.missed)} 周未报周报`,
      body: `${s(p.organizationName)}已连续 ${s(p.missed)} 周未按时填报周报。连续 4 周未报将暂停认领新的结对。`,
    }),
    en: (p) => ({
      title: `${s(p.missed)} weekly reports missed in a row`,
      body: `${s(p.organizationName)} has missed ${s(p.missed)} weekly reports in a row. At 4, new pairing claims are blocked.`,
    }),
  },
  report_ladder_blocked: {
    'zh-CN': (p) => ({ title: '已暂停认领新的结对', body: `${s(p.organizationName)}已连续 ${s(p.missed)} 周未填报周报，暂停认领新的结对，补报后自动恢复。` }),
    en: (p) => ({
      title: 'New pairing claims blocked',
      body: `${s(p.organizationName)} has missed ${s(p.missed)} weekly reports in a row; new claims are blocked until it reports again.`,
    }),
  },
  order_paid: {
    'zh-CN': (p) => ({
      title: `新订单已付款：¥${yuan(p.amountFen)}`,
      body: `订单 ${s(p.orderNo ?? p.orderId)} 已付款，其中您的包裹 ${s(p.lines)}，金额 ¥${yuan(p.amountFen)}。请尽快发货。`,
    }),
    en: (p) => ({
      title: `New paid order: ¥${yuan(p.amountFen)}`,
      body: `Order ${s(p.orderNo ?? p.orderId)} is paid; your parcel: ${s(p.lines)}, ¥${yuan(p.amountFen)}. Please ship it soon.`,
    }),
  },
  parcel_shipped: {
    'zh-CN': (p) => ({
      title: `您的订单已发货：${s(p.sellerName)}`,
      body: `订单 ${s(p.orderNo ?? p.orderId)} 中${s(p.sellerName)}的包裹已发出。${p.carrier ? `承运：${s(p.carrier)}，运单号：${s(p.trackingNo)}。` : ''}感谢您参与消费帮扶！`,
    }),
    en: (p) => ({
      title: `Your order has shipped: ${s(p.sellerName)}`,
      body: `The parcel from ${s(p.sellerName)} in order ${s(p.orderNo ?? p.orderId)} is on its way.${p.carrier ? ` Carrier: ${s(p.carrier)}, tracking number ${s(p.trackingNo)}.` : ''} Thank you for buying from the villages!`,
    }),
  },
  donation_confirmed: {
    'zh-CN': (p) => ({
      title: `捐赠已确认：¥${yuan(p.amountFen)}`,
      body: `感谢您向${s(p.beneficiary)}捐赠 ¥${yuan(p.amountFen)}。捐赠编号 ${s(p.donationId)}，可随时打开链接查看收据和资金去向。`,
    }),
    en: (p) => ({
      title: `Donation confirmed: ¥${yuan(p.amountFen)}`,
      body: `Thank you for giving ¥${yuan(p.amountFen)} to ${s(p.beneficiary)}. Donation ${s(p.donationId)}: the link shows the receipt and where the money goes.`,
    }),
  },
  concern_received: {
    'zh-CN': (p) => ({
      title: `已收到您的反映（编号 ${s(p.ticket)}）`,
      body: `我们已收到您关于「${s(p.subjectName)}」的反映，编号 ${s(p.ticket)}。处理进展将通过本邮箱告知您。`,
    }),
    en: (p) => ({
      title: `We received your report (ticket ${s(p.ticket)})`,
      body: `We received your report about ${s(p.subjectName)}, ticket ${s(p.ticket)}. We will tell you here how it goes.`,
    }),
  },
  concern_status: {
    'zh-CN': (p) => ({
      title: `您的反映（编号 ${s(p.ticket)}）${CONCERN_STATUS['zh-CN'][s(p.status)] ?? s(p.status)}`,
      body: `您关于「${s(p.subjectName)}」的反映当前状态：${CONCERN_STATUS['zh-CN'][s(p.status)] ?? s(p.status)}。${p.resolution ? `处理结果：${s(p.resolution)}` : ''}`,
    }),
    en: (p) => ({
      title: `Your report (ticket ${s(p.ticket)}): ${CONCERN_STATUS.en[s(p.status)] ?? s(p.status)}`,
      body: `Your report about ${s(p.subjectName)} is now ${CONCERN_STATUS.en[s(p.status)] ?? s(p.status)}.${p.resolution ? ` Outcome: ${s(p.resolution)}` : ''}`,
    }),
  },
  need_pledged: {
    'zh-CN': (p) => ({ title: `需求已被认领：${s(p.title)}`, body: `${s(p.organizationName)}认领了${s(p.villageName)}的需求「${s(p.title)}」。` }),
    en: (p) => ({ title: `Need pledged: ${s(p.title)}`, body: `${s(p.organizationName)} pledged to meet the need “${s(p.title)}” of ${s(p.villageName)}.` }),
  },
  need_met: {
    'zh-CN': (p) => ({ title: `需求已完成：${s(p.title)}`, body: `${s(p.villageName)}的需求「${s(p.title)}」已标记为完成。` }),
    en: (p) => ({ title: `Need met: ${s(p.title)}`, body: `The need “${s(p.title)}” of ${s(p.villageName)} is marked as met.` }),
  },
  donation_logged: {
    'zh-CN': (p) => ({
      title: `待确认的捐赠：${s(p.organizationName)} ¥${yuan(p.amountFen)}`,
      body: `${s(p.organizationName)}登记了向${s(p.villageName)}的${p.kind === 'goods' ? '实物' : '现金'}捐赠 ¥${yuan(p.amountFen)}，请核对凭证后确认或退回。确认前不计入公示和统计。`,
    }),
    en: (p) => ({
      title: `Donation to confirm: ${s(p.organizationName)} ¥${yuan(p.amountFen)}`,
      body: `${s(p.organizationName)} logged a ${p.kind === 'goods' ? 'goods' : 'cash'} donation of ¥${yuan(p.amountFen)} to ${s(p.villageName)}. Check its voucher, then confirm or reject it. It is not public or counted until confirmed.`,
    }),
  },
  donation_reviewed: {
    'zh-CN': (p) =>
      p.status === 'confirmed'
        ? {
            title: `捐赠已确认：¥${yuan(p.amountFen)}`,
            body: `您登记的向${s(p.villageName)}捐赠 ¥${yuan(p.amountFen)} 已由民政局确认（收据编号 ${s(p.serialNo)}），已计入公示和统计。`,
          }
        : { title: `捐赠未确认：¥${yuan(p.amountFen)}`, body: `您登记的向${s(p.villageName)}捐赠 ¥${yuan(p.amountFen)} 未获民政局确认。原因：${s(p.reason)}` },
    en: (p) =>
      p.status === 'confirmed'
        ? {
            title: `Donation confirmed: ¥${yuan(p.amountFen)}`,
            body: `The bureau confirmed your donation of ¥${yuan(p.amountFen)} to ${s(p.villageName)} (receipt ${s(p.serialNo)}); it is now public and counted.`,
          }
        : {
            title: `Donation not confirmed: ¥${yuan(p.amountFen)}`,
            body: `The bureau did not confirm your donation of ¥${yuan(p.amountFen)} to ${s(p.villageName)}. Reason: ${s(p.reason)}`,
          },
  },
  organization_change_requested: {
    'zh-CN': (p) => ({
      title: `待审核的组织信息变更：${s(p.name)}`,
      body: `「${s(p.name)}」申请变更登记信息（名称、类型或统一社会信用代码）${p.newName !== p.name ? `，新名称为「${s(p.newName)}」` : ''}。审核通过前不会生效。`,
    }),
    en: (p) => ({
      title: `Organization change to review: ${s(p.name)}`,
      body: `${s(p.name)} asked to change its registered name, kind or credit code${p.newName !== p.name ? ` (new name: ${s(p.newName)})` : ''}. Nothing changes until you approve it.`,
    }),
  },
  organization_change_decided: {
    'zh-CN': (p) =>
      p.status === 'approved'
        ? { title: `组织信息变更已通过：${s(p.name)}`, body: `民政局已通过本组织的登记信息变更，现登记名称为「${s(p.name)}」。` }
        : { title: `组织信息变更未通过：${s(p.name)}`, body: `民政局未通过本组织的登记信息变更，登记信息保持不变。原因：${s(p.reason)}` },
    en: (p) =>
      p.status === 'approved'
        ? {
            title: `Organization change approved: ${s(p.name)}`,
            body: `The bureau approved the change of your organization's registration; its registered name is now ${s(p.name)}.`,
          }
        : {
            title: `Organization change not approved: ${s(p.name)}`,
            body: `The bureau did not approve the change of your organization's registration; it stays as it was. Reason: ${s(p.reason)}`,
          },
  },
};

const FOOTER: Record<Locale, string> = {
  'zh-CN': '此邮件由帮扶通自动发送，请勿直接回复。可在「通知设置」中选择哪些通知发送到邮箱。',
  en: 'Sent by Bangfu; replies are not read. Choose which notifications reach your email under Notification settings.',
};
const OPEN: Record<Locale, string> = { 'zh-CN': '打开链接', en: 'Open' };

export const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The words of one notification, and its email as plain text and as escaped HTML. */
export function render(kind: NotificationKind, params: NotifyParams, locale: Locale, url?: string): Words & { text: string; html: string } {
  const words = TEMPLATES[kind][locale](params);
  const text = [words.body, url ? `\n${url}` : '', `\n--\n${FOOTER[locale]}`].join('\n');
  const safeUrl = url && /^https?:\/\//.test(url) ? url : undefined;
  const html = [
    `<!doctype html><html lang="${locale}"><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f1f1f;line-height:1.6">`,
    `<h2 style="font-size:18px">${escapeHtml(words.title)}</h2>`,
    `<p>${escapeHtml(words.body)}</p>`,
    safeUrl
      ? `<p><a href="${escapeHtml(safeUrl)}" style="display:inline-block;padding:8px 16px;background:#c0392b;color:#fff;border-radius:6px;text-decoration:none">${OPEN[locale]}</a></p><p style="font-size:12px;color:#888">${escapeHtml(safeUrl)}</p>`
      : '',
    `<hr style="border:none;border-top:1px solid #eee"><p style="font-size:12px;color:#888">${escapeHtml(FOOTER[locale])}</p>`,
    '</body></html>',
  ].join('');
  return { ...words, text, html };
}
