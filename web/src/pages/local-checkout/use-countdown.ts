import { useEffect, useState } from 'react';

/** Seconds left until an instant, ticking each second; 0 once it has passed. */
export function useSecondsLeft(iso: string | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [iso]);
  if (!iso) return undefined;
  return Math.max(0, Math.floor((Date.parse(iso) - now) / 1000));
}

export const mmss = (seconds: number) => `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
