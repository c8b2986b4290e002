import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from '../i18n';

/**
 * dayjs in the reader's language (weekday and month names, the date pickers), kept in step with
 * i18next. Imported by the code that shows dates (./dates.ts, the console), not by the first
 * script: a public page that shows no date (the shop, the cart) never downloads dayjs.
 */
const apply = (lng: string | undefined) => dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
apply(i18n.language);
i18n.on('languageChanged', apply);
