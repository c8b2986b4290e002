import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STRIPE_SDK_PACKAGE } from '../../functions/adapters/payments/stripe-sdk.js';
import { bundleStripeLayer, stripeLayerVersion } from '../../infra/stripe-layer.js';

/**
 * The Stripe SDK's layer (infra/stripe-layer.ts): what functions/adapters/payments/stripe-sdk.ts
 * requires on first use on Lambda, where no bundle carries the SDK. Built here as the synth builds
 * it, and required as Node on Lambda would find it (the layer's nodejs/node_modules).
 */

const out = mkdtempSync(path.join(tmpdir(), 'bangfu-stripe-layer-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
}

describe('the Stripe layer', () => {
  it('holds the installed SDK’s CommonJS build under nodejs/node_modules/stripe, without types or maps', () => {
    bundleStripeLayer(out);
    const root = path.join(out, 'nodejs', 'node_modules', STRIPE_SDK_PACKAGE);
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version).toBe(stripeLayerVersion());
    expect(existsSync(path.join(root, 'cjs', 'stripe.cjs.node.js'))).toBe(true);
    const all = files(root);
    expect(all.filter((f) => f.endsWith('.d.ts') || f.endsWith('.map'))).toEqual([]);
    expect(all.some((f) => f.includes(`${path.sep}esm${path.sep}`))).toBe(false);
    // small: the functions' deployment packages stay small too
    expect(all.reduce((n, f) => n + statSync(f).size, 0)).toBeLessThan(2_000_000);
  });

  it('is what require finds from the layer, and it signs and verifies webhooks', () => {
    const req = createRequire(path.join(out, 'nodejs', 'index.js'));
    const resolved = req.resolve(STRIPE_SDK_PACKAGE);
    expect(resolved.startsWith(out)).toBe(true);
    const Stripe = req(STRIPE_SDK_PACKAGE) as typeof import('stripe').default;
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: {} } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_layer' });
    expect(Stripe.webhooks.constructEvent(payload, header, 'whsec_layer').id).toBe('evt_1');
    expect(typeof new Stripe('sk_test_layer').checkout.sessions.create).toBe('function');
  });
});
