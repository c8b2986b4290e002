/** The session token lives in localStorage so a reload keeps the user signed in. */
const KEY = 'bangfu.token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(KEY),
  set: (token: string) => localStorage.setItem(KEY, token),
  clear: () => localStorage.removeItem(KEY),
};

type Listener = () => void;
const expiredListeners = new Set<Listener>();

/** Someone (the auth provider) wants to hear when the server says the token no longer counts. */
export function onSessionExpired(listener: Listener): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export function sessionExpired() {
  tokenStore.clear();
  for (const l of expiredListeners) l();
}
