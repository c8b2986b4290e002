import { describe, expect, it } from 'vitest';
import { WebUrl } from '../../shared/schemas/common.js';

// Issue 15, hole 6: a link a person may click is http or https, nothing else.
describe('WebUrl', () => {
  const url = WebUrl('须为网址');
  it.each(['https://example.org/evidence.pdf', 'http://example.org/a?b=c#d', 'https://例子.中国/凭证'])('takes %s', (u) => {
    expect(url.safeParse(u).success).toBe(true);
  });
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://example.org/x',
    'vbscript:msgbox(1)',
    'example.org',
  ])('refuses %s with the message', (u) => {
    const r = url.safeParse(u);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('须为网址');
  });
});
