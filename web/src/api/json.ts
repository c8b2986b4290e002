import { errorFrom, NetworkError } from './errors';
import { sessionExpired, tokenStore } from './token';

function authHeaders(): Record<string, string> {
  const token = tokenStore.get();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) } });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (err.status === 401 && tokenStore.get()) sessionExpired();
    throw err;
  }
  return res;
}

/** A private file the API links to (an application's document): fetched with the token, as a blob. */
export async function fetchPrivateFile(url: string): Promise<Blob> {
  const path = url.startsWith('/api/') ? url.slice('/api'.length) : url;
  if (/^https?:/.test(path)) {
    // an absolute link (a signed storage URL) carries its own access
    const res = await fetch(path).catch((e: unknown) => {
      throw new NetworkError(String(e));
    });
    if (!res.ok) throw await errorFrom(res);
    return res.blob();
  }
  return (await send(path, { method: 'GET' })).blob();
}

/** A multipart upload (the imports). */
export async function uploadCall<T>(path: string, file: File, key?: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await send(path, { method: 'POST', body: form, headers: key ? { 'Idempotency-Key': key } : {} });
  return (await res.json()) as T;
}

/** The file name of a Content-Disposition header (RFC 5987 filename* first). */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim();
}

export type Progress = { received: number; total: number | null };

/**
 * A binary download with the token, streamed so the screen can show bytes received; resolves
 * to the blob and the server's file name.
 */
export async function downloadWithProgress(path: string, onProgress: (p: Progress) => void): Promise<{ blob: Blob; filename?: string }> {
  const res = await send(path, { method: 'GET' });
  const lengthHeader = res.headers.get('content-length');
  const total = lengthHeader ? Number(lengthHeader) : null;
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const filename = dispositionName(res.headers.get('content-disposition'));
  if (!res.body) {
    const blob = await res.blob();
    onProgress({ received: blob.size, total: blob.size });
    return { blob, filename };
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ received, total });
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), filename };
}

/** Hands a blob to the browser as a saved file. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
