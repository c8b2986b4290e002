import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../functions/modules/produce/photos.js';
import { JPEG_HEAD, PNG_1x1, WEBP_HEAD } from '../support/harness.js';

describe('an upload’s real image type comes from its first bytes', () => {
  it.each([
    ['a PNG', PNG_1x1, 'image/png'],
    ['a JPEG', JPEG_HEAD, 'image/jpeg'],
    ['a WebP', WEBP_HEAD, 'image/webp'],
  ])('%s is recognised', (_what, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });

  it.each([
    ['text', new TextEncoder().encode('hello, world')],
    ['a GIF', new TextEncoder().encode('GIF89a......')],
    ['a RIFF that is not WebP (a WAV)', new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt ')],
    ['a truncated PNG signature', PNG_1x1.subarray(0, 5)],
    ['nothing', new Uint8Array()],
  ])('%s is not an image we take', (_what, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});
