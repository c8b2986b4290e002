/** qrcode's encoder core, imported without its renderers (see qr-png.ts). */
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): { modules: { size: number; data: ArrayLike<number | boolean> }; version: number };
}
