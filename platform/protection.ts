import type { DataConverter } from '@temporalio/common';
import type { PrismaClient } from './database';
import { MasterKeys } from './master-keys';
import { EncryptionCodec, journeyDataConverter } from './payload-codec';
import { SealedData } from './sealed-data';
import { SealedSecrets } from './sealed-secrets';
import { SubscriberKeys } from './subscriber-keys';

/** Everything that keeps personal data encrypted, built once per process from the master keyring. */
export interface Protection {
  keys: SubscriberKeys;
  sealed: SealedData;
  secrets: SealedSecrets;
  codec: EncryptionCodec;
  /** For every Temporal client and worker of the process. */
  dataConverter: DataConverter;
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
  };
}
