/**
 * A stand-in for the AWS Parameters and Secrets Lambda Extension, which the Stripe functions read
 * their keys from at cold start (functions/entries/stripe-secret.ts): on a free local port,
 * `GET /secretsmanager/get?secretId=<name>` with the header `X-Aws-Parameters-Secrets-Token`
 * equal to the function's AWS_SESSION_TOKEN answers Secrets Manager's GetSecretValue JSON; a
 * missing or wrong token is a 401 and an unknown secret a 400, as the extension answers them.
 * Every request is recorded, so a test can count the reads.
 *
 * A connection serves one request: a second request on it is hung up on, as a server hangs up on
 * a kept-alive connection whose idle timeout ran out just as the request arrived. A client that
 * pools connections to it fails every time rather than once in a while on a loaded machine
 * (bundled-handlers once failed with ECONNRESET that way).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ExtensionRequest = { secretId: string | null; token: string | undefined; status: number };

export class SecretsExtension {
  readonly requests: ExtensionRequest[] = [];
  /** requests that came on an already-used connection (and were hung up on) */
  reused = 0;
  private readonly secrets = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly token: string,
  ) {}

  static async start(token = `session-token-${process.pid}`): Promise<SecretsExtension> {
    // eslint-disable-next-line prefer-const -- assigned once the server exists; its request handler closes over it
    let ext!: SecretsExtension;
    const served = new WeakSet<object>();
    const server = createServer((req, res) => {
      if (served.has(req.socket)) {
        ext.reused += 1;
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const token = req.headers['x-aws-parameters-secrets-token'];
      const secretId = url.searchParams.get('secretId');
      const answer = (status: number, body: string) => {
        ext.requests.push({ secretId, token: typeof token === 'string' ? token : undefined, status });
        res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'text/plain' }).end(body);
      };
      if (req.method !== 'GET' || url.pathname !== '/secretsmanager/get') return answer(404, 'not found');
      if (token !== ext.token) return answer(401, 'not authorized');
      const value = secretId === null ? undefined : ext.secrets.get(secretId);
      if (value === undefined) return answer(400, `ResourceNotFoundException: Secrets Manager can't find the specified secret.`);
      answer(
        200,
        JSON.stringify({
          ARN: `arn:aws:secretsmanager:ap-east-1:111111111111:secret:${secretId}-AbCdEf`,
          Name: secretId,
          SecretString: value,
          VersionId: '00000000-0000-0000-0000-000000000001',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: new Date().toISOString(),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    ext = new SecretsExtension(server, token);
    return ext;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The variables Lambda (AWS_SESSION_TOKEN) and the layer (the port) give the function. */
  get env(): Record<string, string> {
    return { AWS_SESSION_TOKEN: this.token, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(this.port) };
  }

  /** Stores a secret: an object is stored as its JSON, a string as it is. */
  put(secretId: string, value: unknown): void {
    this.secrets.set(secretId, typeof value === 'string' ? value : JSON.stringify(value));
  }

  readsOf(secretId: string): ExtensionRequest[] {
    return this.requests.filter((r) => r.secretId === secretId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
