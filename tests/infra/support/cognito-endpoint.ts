/**
 * Cognito, standing in over the network for bundled handlers (which build their own SDK clients):
 * tests/api/fake-cognito.ts's user pool behind a local HTTP endpoint speaking the service's JSON
 * protocol (set AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER to `url`), and its JWKS served in place
 * of https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json: aws-jwt-verify's
 * HTTPS request for that address (and only that) is answered by this endpoint.
 */
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { FakeCognito } from '../../api/fake-cognito.js';

const COMMANDS = {
  InitiateAuth: InitiateAuthCommand,
  AdminCreateUser: AdminCreateUserCommand,
  AdminSetUserPassword: AdminSetUserPasswordCommand,
  AdminDeleteUser: AdminDeleteUserCommand,
  // issue 15: software-token MFA
  AssociateSoftwareToken: AssociateSoftwareTokenCommand,
  VerifySoftwareToken: VerifySoftwareTokenCommand,
  AdminSetUserMFAPreference: AdminSetUserMFAPreferenceCommand,
  RespondToAuthChallenge: RespondToAuthChallengeCommand,
} as const;

const https = createRequire(import.meta.url)('node:https') as typeof import('node:https');

export class CognitoEndpoint {
  /** JWKS requests that reached Cognito's address, by path */
  readonly jwksFetches: string[] = [];
  private readonly originalRequest = https.request;

  private constructor(
    readonly pool: FakeCognito,
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(userPoolId: string, clientId: string): Promise<CognitoEndpoint> {
    const pool = await FakeCognito.create(userPoolId, clientId);
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (req.method === 'GET' && req.url === `/${userPoolId}/.well-known/jwks.json`) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pool.jwks()));
          return;
        }
        const target = String(req.headers['x-amz-target'] ?? '').split('.')[1] as keyof typeof COMMANDS;
        const Command = COMMANDS[target] as unknown as (new (input: unknown) => object) | undefined;
        const json = { 'content-type': 'application/x-amz-json-1.1' };
        if (!Command) {
          res
            .writeHead(400, { ...json, 'x-amzn-errortype': 'UnknownOperationException' })
            .end(JSON.stringify({ __type: 'UnknownOperationException', message: target }));
          return;
        }
        try {
          const out = await pool.client().send(new Command(JSON.parse(Buffer.concat(chunks).toString('utf8'))) as never);
          res.writeHead(200, json).end(JSON.stringify(out));
        } catch (e) {
          const err = e as Error;
          res.writeHead(400, { ...json, 'x-amzn-errortype': err.name }).end(JSON.stringify({ __type: err.name, message: err.message }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = new CognitoEndpoint(pool, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    endpoint.interceptJwks(userPoolId);
    return endpoint;
  }

  private interceptJwks(userPoolId: string) {
    const issuer = `https://cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}/`;
    const original = this.originalRequest;
    const local = this.url;
    const fetches = this.jwksFetches;
    https.request = ((uri: unknown, options: unknown, callback: unknown) => {
      const address = typeof uri === 'string' || uri instanceof URL ? String(uri) : '';
      if (!address.startsWith(issuer)) return (original as (...a: unknown[]) => unknown)(uri, options, callback);
      const { pathname } = new URL(address);
      fetches.push(pathname);
      return http.request(`${local}${pathname}`, { method: 'GET' }, callback as never);
    }) as typeof https.request;
    // ESM importers of node:https (the bundle's `import { request } from "https"`) see the change too
    syncBuiltinESMExports();
  }

  async stop(): Promise<void> {
    https.request = this.originalRequest;
    syncBuiltinESMExports();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
