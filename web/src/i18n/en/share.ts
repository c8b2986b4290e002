import type { Messages } from '../types';
import type { share as source } from '../zh-CN/share';

export const share: Messages<typeof source> = {
  share: {
    villageQrTitle: 'QR code of this village',
    villageQrHint: 'Scan to open this village’s accounts; print it for a notice board or an event',
    villageQrAlt: 'QR code of {{name}}’s page',
    villageQrOpen: 'Open the QR image (for printing)',
    donateWhyVillage: 'Choose a village first',
    donateWhyNoVillage: 'No village can receive donations yet',
    donateWhyAmount: 'Choose or enter an amount',
    donateWhyName: 'Correct the donor’s name',
  },
};
