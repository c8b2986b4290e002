import { errorFrom, NetworkError } from './errors';
import { tokenStore } from './token';

/** An HTML page of the API behind the session (a receipt to print): fetched with the token. */
export async function untypedHtml(path: string): Promise<string> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { headers: { accept: 'text/html', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (!res.ok) throw await errorFrom(res);
  return res.text();
}
