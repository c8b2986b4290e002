import { crc32, deflateSync } from 'node:zlib';
// the QR encoder alone (qrcode's core): its canvas, SVG and PNG renderers (and pngjs) stay out of
// the Lambda bundle; the PNG is written below with Node's own zlib
import { create } from 'qrcode/lib/core/qrcode.js';

/** A QR symbol's modules: `size` × `size`, row by row, 1 for dark. */
export type QrModules = { size: number; data: Uint8Array };

export function qrModules(text: string): QrModules {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, data: Uint8Array.from(modules.data, (d: number | boolean) => (d ? 1 : 0)) };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A QR code as an 8-bit greyscale PNG: `scale` pixels a module and a quiet zone of `margin`
 * modules (the standard asks for 4; 2 prints well on a label).
 */
export function qrPng(text: string, opts: { scale?: number; margin?: number } = {}): Buffer {
  const { size, data } = qrModules(text);
  const scale = opts.scale ?? 12;
  const margin = opts.margin ?? 2;
  const width = (size + 2 * margin) * scale;
  const raw = Buffer.alloc((width + 1) * width, 0xff);
  for (let y = 0; y < width; y++) {
    const row = y * (width + 1);
    raw[row] = 0; // filter: none
    const my = Math.floor(y / scale) - margin;
    if (my < 0 || my >= size) continue;
    for (let x = 0; x < width; x++) {
      const mx = Math.floor(x / scale) - margin;
      if (mx >= 0 && mx < size && data[my * size + mx]) raw[row + 1 + x] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit, greyscale, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
