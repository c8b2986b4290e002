import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import { RootProviders } from './app/RootProviders';
import { RootRoutes } from './app/RootRoutes';

// the reader's words first (already here for zh-CN; one small request for English)
void i18nReady.then(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <RootProviders>
        <RootRoutes />
      </RootProviders>
    </StrictMode>,
  ),
);
