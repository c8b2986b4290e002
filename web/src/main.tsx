import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { RootProviders } from './app/RootProviders';
import { RootRoutes } from './app/RootRoutes';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <RootProviders>
      <RootRoutes />
    </RootProviders>
  </StrictMode>,
);
