import { Card } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { BrandPanel } from '../sign-in/BrandPanel';

/** The sign-in page's frame for the other pages without a session: brand on the left, one card. */
export function AccountShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="sign-in">
      <BrandPanel />
      <div className="sign-in-main">
        <div className="sign-in-lang">
          <LanguageSwitch />
        </div>
        <Card className={wide ? 'sign-in-card sign-in-card-wide' : 'sign-in-card'} variant="borderless">
          {children}
        </Card>
      </div>
    </div>
  );
}
