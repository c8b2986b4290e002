import '../styles.css';
import { AppRoutes } from './AppRoutes';
import { Providers } from './Providers';
import '../lib/dayjs-locale'; // the console's dates and date pickers in the reader's language

/** The console half: antd (zh_CN / en_US), the session, and the screens per role. */
export default function ConsoleApp() {
  return (
    <Providers>
      <AppRoutes />
    </Providers>
  );
}
