import type { DataConverter } from '@temporalio/common';
import type { PrismaClient } from './database';
import { MasterKeys } from './master-keys';
import { EncryptionCodec, journeyDataConverter } from './payload-codec';
import { SealedData } from './sealed-data';
import { SealedInboundCodec } from './sealed-inbound';
import { SealedSecrets } from './sealed-secrets';
import { SubscriberKeys } from './subscriber-keys';

/** Everything that keeps personal data encrypted, built once per process from the master keyring. */
export interface Protection {
  keys: SubscriberKeys;
  sealed: SealedData;
  secrets: SealedSecrets;
  codec: EncryptionCodec;
  /** For every Temporal client of the process. */
  dataConverter: DataConverter;
  /** For workers: also refuses what was not sealed for the workflow it enters (platform/sealed-inbound.ts). */
  workerDataConverter: DataConverter;
}

export function createProtection(prisma: PrismaClient, masterKeyring: string): Protection {
  const master = new MasterKeys(masterKeyring);
  const keys = new SubscriberKeys(prisma, master);
  const sealed = new SealedData(keys);
  const codec = new EncryptionCodec(master, keys);
  return {
    keys,
    sealed,
    secrets: new SealedSecrets(prisma, sealed),
    codec,
    dataConverter: journeyDataConverter(codec),
    workerDataConverter: journeyDataConverter(new SealedInboundCodec(codec, prisma)),
  };
}
