/**
 * Whether a stored link may become an `<a href>`: http or https only. The API refuses other
 * schemes since issue 15; this also keeps a `javascript:` link written before that from ever
 * being clickable.
 */
export const isWebUrl = (u: string | null | undefined): u is string => !!u && /^https?:\/\//i.test(u.trim());
