import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStripeSecret } from '../../functions/entries/stripe-secret.js';
import { SecretsExtension } from './support/secrets-extension.js';

// The Stripe keys are read once per cold start through the Parameters and Secrets extension. That
// read must not ride on a pooled keep-alive connection: a connection the extension (or, in the
// tests, its stand-in) closes as idle just when the next read reuses it fails that read with
// ECONNRESET, and on Lambda a pooled socket can also go stale across the environment's freeze
// between invocations. The stand-in hangs up on any reused connection, so pooling fails here at once.

let ext: SecretsExtension;
beforeAll(async () => {
  ext = await SecretsExtension.start();
  ext.put('bangfu/conn', { secretKey: 'sk_test_conn_1', webhookSecret: 'whsec_conn_1' });
});
afterAll(() => ext?.stop());

describe('the secret read through the extension', () => {
  it('opens a connection of its own each time: consecutive reads all succeed, none on a reused connection', async () => {
    for (let i = 0; i < 3; i++)
      await expect(readStripeSecret('bangfu/conn', ext.env)).resolves.toEqual({ secretKey: 'sk_test_conn_1', webhookSecret: 'whsec_conn_1' });
    expect(ext.reused).toBe(0);
    expect(ext.readsOf('bangfu/conn')).toHaveLength(3);
  });
});
