import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { queryClient } from './query-client';

/**
 * What both halves of the app share: data and routing. The UI kits come later, per half, so
 * the public shop never downloads antd and the console never downloads antd-mobile.
 */
export function RootProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>{children}</BrowserRouter>
    </QueryClientProvider>
  );
}
