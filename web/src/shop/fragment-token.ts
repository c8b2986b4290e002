import { useMemo } from 'react';
import { useLocation } from 'react-router';

/**
 * The secret of an order or a donation page: links carry it in the fragment,
 * `…#token=<t>`, which browsers never send to a server, and the page sends it in the X-Access-Token
 * header. An old link's `?token=` still opens the page; it is moved into the fragment at once, so the
 * address bar, the history and any Referer stop carrying it.
 */
export const ACCESS_TOKEN_HEADER = 'X-Access-Token';

export const withTokenFragment = (path: string, token: string) => `${path}#token=${encodeURIComponent(token)}`;

/** The page's token (fragment first, else an old `?token=`, which is moved into the fragment). */
export function useFragmentToken(): string {
  const location = useLocation();
  return useMemo(() => {
    const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
    if (fromHash) return fromHash;
    const query = new URLSearchParams(location.search);
    const legacy = query.get('token');
    if (!legacy) return '';
    query.delete('token');
    const rest = query.toString();
    window.history.replaceState(window.history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}#token=${encodeURIComponent(legacy)}`);
    return legacy;
  }, [location.hash, location.search, location.pathname]);
}

/** Fetches a token-bearing page of the server (the donor's receipt) and opens it without the token in any address. */
export async function openWithToken(url: string, token: string): Promise<void> {
  // the tab is opened before the await, in the click's own turn, so no pop-up blocker stops it
  const tab = window.open('', '_blank');
  const res = await fetch(url, { headers: { [ACCESS_TOKEN_HEADER]: token }, credentials: 'omit', cache: 'no-store' });
  if (!res.ok) {
    tab?.close();
    throw new Error(`receipt ${res.status}`);
  }
  // a blob: address has no path of its own: the page's /api/... script and links resolve against this origin
  const html = (await res.text()).replace(/<head([^>]*)>/i, `<head$1><base href="${window.location.origin}/">`);
  const blob = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  if (tab) tab.location.href = blob;
  else window.location.assign(blob);
}
