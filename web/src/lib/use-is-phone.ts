import { Grid } from 'antd';

/** Phones (below antd's md breakpoint, 768px) get drawers, cards and stacked forms. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
