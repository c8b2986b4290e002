/**
 * A module loaded with import() the first time it is needed, then kept; a failed load is not kept,
 * so the next call tries again. For the SDKs a cold start should not pay for (infra/bundling.ts
 * LAZY_AWS_SDK): pass `() => import('…')` so the bundler leaves the import dynamic.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((e: unknown) => {
      loaded = undefined;
      throw e;
    }));
}
