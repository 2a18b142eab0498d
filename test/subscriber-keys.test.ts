import { createPrismaClient, type PrismaClient } from '../platform/database';
import { MasterKeys } from '../platform/master-keys';
import { PersonalDataErased, SubscriberKeys } from '../platform/subscriber-keys';
import { TcpProxy } from '../simulator/tcp-proxy';
import { createTestDatabase } from './support/postgres';
import { testMasterKeys } from './support/keys';

// A worker decodes the payloads of every journey it wakes with that subscriber's data key, asking
// PostgreSQL for it once its cached copy is older than the cache's trust. The simulation's database
// cut failed the workflow tasks of journeys waking then; a key the process held now carries them
// through, and an erased key is still refused once PostgreSQL answers.
describe('subscriber data keys while PostgreSQL is out of reach', () => {
  let direct: PrismaClient;
  let proxied: PrismaClient;
  let proxy: TcpProxy;
  const trustMs = 50;

  beforeAll(async () => {
    const database = new URL(await createTestDatabase());
    direct = createPrismaClient(database.toString());
    proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port) });
    database.port = String(proxy.port);
    proxied = createPrismaClient(database.toString());
  });
  afterAll(async () => {
    await proxied?.$disconnect();
    await direct?.$disconnect();
    await proxy?.cut();
  });

  const pastTrust = () => new Promise((done) => setTimeout(done, trustMs * 3));

  it('a key held before the outage still opens; one never held, or erased, does not', async () => {
    const master = new MasterKeys(testMasterKeys);
    const worker = new SubscriberKeys(proxied, master, trustMs);
    const elsewhere = new SubscriberKeys(direct, master);
    const held = await worker.keyFor('KEYS-HELD');
    await elsewhere.keyFor('KEYS-NEVER-HELD');
    await pastTrust();

    await proxy.cut();
    try {
      expect((await worker.keyFor('KEYS-HELD')).equals(held)).toBe(true);
      await expect(worker.keyFor('KEYS-NEVER-HELD')).rejects.toThrow(/database|reach|connect/i);
    } finally {
      await proxy.restore();
    }

    await elsewhere.erase('KEYS-HELD');
    await pastTrust();
    await expect(worker.keyFor('KEYS-HELD')).rejects.toBeInstanceOf(PersonalDataErased);
    expect(await worker.existingKey('KEYS-HELD')).toBeUndefined();
    await proxy.cut();
    try {
      await expect(worker.keyFor('KEYS-HELD')).rejects.toThrow(/database|reach|connect/i);
    } finally {
      await proxy.restore();
    }
  }, 60_000);
});
