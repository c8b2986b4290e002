import type { Messages } from '../types';
import type { campaign as source } from '../zh-CN/campaign';

export const campaign: Messages<typeof source> = {
  campaign: {
    title: 'Campaign',
    raised: 'Raised',
    target: 'Target',
    percent: '{{n}}% reached',
    daysLeft: '{{n}} days left',
    startsIn: 'Starts {{date}}',
    ended: 'This campaign has ended',
    dates: '{{start}} to {{end}}',
    statusOpen: 'Open',
    statusUpcoming: 'Upcoming',
    statusEnded: 'Ended',
    counts: '{{orders}} purchases · {{donations}} donations',
    villagesTitle: 'By village',
    villagesNone: 'Nothing yet: be the first to support it',
    produceTitle: 'Featured produce',
    fundsTitle: 'Public accounts (its villages)',
    fundsIdentity: 'received = used + balance + refunded',
    received: 'Donations received',
    used: 'Used',
    balance: 'Balance',
    refunded: 'Refunded',
    donate: 'Donate to this campaign',
    buy: 'Buy its produce',
    notFound: 'This campaign does not exist or was taken down',
    listTitle: 'Campaigns',
    attached: 'Taking part through “{{title}}”',
  },
};
