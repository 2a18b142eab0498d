import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, type Config } from './config';

type TemporalConfig = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TLS_CERT_PATH'
  | 'TEMPORAL_TLS_KEY_PATH'
  | 'TEMPORAL_TLS_CA_PATH'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_CONNECT_TIMEOUT_MS'
>;

async function readPem(config: TemporalConfig, variable: keyof TemporalConfig): Promise<Buffer | undefined> {
  const path = config[variable] as string | undefined;
  if (!path) return undefined;
  return readFile(path).catch(() => {
    throw new ConfigError(variable, `cannot read ${path}`);
  });
}

/** mTLS to the cluster's frontend: the client certificate, and the CA and name to check the server by. */
async function tlsOptions(config: TemporalConfig) {
  const [crt, key, ca] = await Promise.all([
    readPem(config, 'TEMPORAL_TLS_CERT_PATH'),
    readPem(config, 'TEMPORAL_TLS_KEY_PATH'),
    readPem(config, 'TEMPORAL_TLS_CA_PATH'),
  ]);
  if (!crt && !ca) return undefined;
  return {
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}

function unreachable(config: TemporalConfig, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message : String(error);
  // The native connection reports a Rust debug string; the operator needs only its gist.
  const reason = /connection refused/i.test(message) ? 'connection refused' : message.split('\n')[0];
  return new ConfigError('TEMPORAL_ADDRESS', `cannot reach Temporal at ${config.TEMPORAL_ADDRESS}: ${reason}`);
}

/**
 * Connects a client (API, scripts, tests) with the process's data converter (encryption, see
 * platform/protection.ts). Fails within TEMPORAL_CONNECT_TIMEOUT_MS with a {@link ConfigError} naming
 * TEMPORAL_ADDRESS instead of retrying forever.
 */
export async function connectClient(config: TemporalConfig, dataConverter: DataConverter): Promise<Client> {
  try {
    const connection = await Connection.connect({
      address: config.TEMPORAL_ADDRESS,
      tls: await tlsOptions(config),
      connectTimeout: config.TEMPORAL_CONNECT_TIMEOUT_MS,
    });
    return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  } catch (error) {
    throw error instanceof ConfigError ? error : unreachable(config, error);
  }
}

/** Connects the worker's native connection, with the same clear failure as {@link connectClient}. */
export async function connectWorker(config: TemporalConfig): Promise<NativeConnection> {
  const tls = await tlsOptions(config);
  const attempt = NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${config.TEMPORAL_CONNECT_TIMEOUT_MS} ms`)),
      config.TEMPORAL_CONNECT_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([attempt, timeout]);
  } catch (error) {
    throw unreachable(config, error);
  } finally {
    clearTimeout(timer);
  }
}
