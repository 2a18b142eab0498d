import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { promisify } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ConfigError, loadConfig } from '../platform/config';
import { connectClient, connectWorker } from '../platform/temporal';
import { startDevServer } from './support/servers';

const run = promisify(execFile);

/** A certificate for `name` (server or client; the name also as its SAN) signed by the CA `ca`, with openssl. */
async function issue(dir: string, ca: string, name: string): Promise<void> {
  const at = (file: string) => join(dir, file);
  await writeFile(at(`${name}.ext`), `subjectAltName=DNS:${name}\n`);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at(`${name}.key`),
    '-out',
    at(`${name}.csr`),
    '-subj',
    `/CN=${name}`,
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    at(`${name}.csr`),
    '-CA',
    at(`${ca}.pem`),
    '-CAkey',
    at(`${ca}.key`),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at(`${name}.ext`),
    '-out',
    at(`${name}.pem`),
  ]);
}

async function newCa(dir: string, ca: string): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, `${ca}.key`),
    '-out',
    join(dir, `${ca}.pem`),
    '-days',
    '2',
    '-subj',
    `/CN=${ca}`,
  ]);
}

// A Temporal cluster's frontend requires mutual TLS in production (docs/security.md). The dev server
// speaks plain gRPC, so a TLS proxy that demands a client certificate signed by the cluster's CA
// stands in front of it: the processes' TEMPORAL_TLS_* settings are exercised through the SDK itself.
describe('mutual TLS to the Temporal frontend', () => {
  let dir: string;
  let temporal: TestWorkflowEnvironment;
  let proxy: Server;
  let address: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'journey-mtls-'));
    await newCa(dir, 'cluster-ca');
    await newCa(dir, 'other-ca');
    await issue(dir, 'cluster-ca', 'temporal.internal');
    await issue(dir, 'cluster-ca', 'journey-worker');
    await issue(dir, 'other-ca', 'intruder');
    temporal = await startDevServer();
    const [host, port] = temporal.connection.options.address!.split(':');
    proxy = createServer(
      {
        key: await readFile(join(dir, 'temporal.internal.key')),
        cert: await readFile(join(dir, 'temporal.internal.pem')),
        ca: await readFile(join(dir, 'cluster-ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
        ALPNProtocols: ['h2'],
      },
      (socket) => {
        const upstream = connect(Number(port), host!);
        socket.pipe(upstream).pipe(socket);
        const close = () => {
          socket.destroy();
          upstream.destroy();
        };
        socket.on('error', close);
        upstream.on('error', close);
      },
    );
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
    address = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    proxy?.close();
    await temporal?.teardown();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const config = (client: string | undefined) =>
    loadConfig({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TLS_CA_PATH: join(dir, 'cluster-ca.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      TEMPORAL_CONNECT_TIMEOUT_MS: '3000',
      ...(client
        ? { TEMPORAL_TLS_CERT_PATH: join(dir, `${client}.pem`), TEMPORAL_TLS_KEY_PATH: join(dir, `${client}.key`) }
        : {}),
    });

  it("the API's client and the worker's connection reach it with the cluster's client certificate", async () => {
    const client = await connectClient(config('journey-worker'), {});
    await expect(client.workflowService.getSystemInfo({})).resolves.toBeDefined();
    await client.connection.close();
    const worker = await connectWorker(config('journey-worker'));
    await expect(worker.workflowService.getSystemInfo({})).resolves.toBeDefined();
    await worker.close();
  });

  it('no client certificate, or one of another CA, is turned away', async () => {
    for (const client of [undefined, 'intruder']) {
      const attempt = connectClient(config(client), {}).then((connected) =>
        connected.workflowService.getSystemInfo({}),
      );
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    }
  });
});
