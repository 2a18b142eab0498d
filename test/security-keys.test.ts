import type { Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../platform/config';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { createProtection } from '../platform/protection';
import { createTestDatabase } from './support/postgres';
import { startProjectProcess } from './support/processes';

const key = () => randomBytes(32).toString('base64');

describe('master keys', () => {
  let prisma: PrismaClient;
  beforeAll(async () => {
    prisma = createPrismaClient(await createTestDatabase());
  });
  afterAll(() => prisma?.$disconnect());

  const payload = (text: string) => ({
    metadata: { encoding: new TextEncoder().encode('json/plain') },
    data: new TextEncoder().encode(JSON.stringify(text)),
  });
  const text = (payloads: Payload[]) => payloads.map((p) => JSON.parse(Buffer.from(p.data!).toString()) as string);
  const journeyContext = (subscriberId: string) =>
    ({ type: 'workflow', namespace: 'default', workflowId: `journey-${subscriberId}` }) as const;

  it('rotate by putting a new key first: old payloads still open, data keys re-wrap, then the old key can go', async () => {
    const [k1, k2] = [key(), key()];
    const before = createProtection(prisma, `k1:${k1}`);
    const [journeyPayload] = await before.codec.encode([payload('张伟')], journeyContext('ROTATE-1'));
    const [otherPayload] = await before.codec.encode([payload('probe')]);

    const rotating = createProtection(prisma, `k2:${k2},k1:${k1}`);
    expect(text(await rotating.codec.decode([journeyPayload!, otherPayload!]))).toEqual(['张伟', 'probe']);
    expect(await rotating.keys.rewrap()).toBeGreaterThanOrEqual(1);
    expect(await rotating.keys.rewrap()).toBe(0);

    const after = createProtection(prisma, `k2:${k2}`);
    expect(text(await after.codec.decode([journeyPayload!]))).toEqual(['张伟']);
    // What the old master key encrypted directly (workflows of no subscriber) needs it still.
    await expect(after.codec.decode([otherPayload!])).rejects.toThrow(/master key k1 is not in JOURNEY_MASTER_KEYS/);
  });

  it('a payload moved to another subscriber or altered does not open', async () => {
    const protection = createProtection(prisma, `k1:${key()}`);
    const [sealed] = await protection.codec.encode([payload('张伟')], journeyContext('TAMPER-1'));
    const moved = {
      ...sealed!,
      metadata: { ...sealed!.metadata, 'encryption-key-id': new TextEncoder().encode('subscriber:TAMPER-2') },
    };
    await protection.keys.keyFor('TAMPER-2');
    await expect(protection.codec.decode([moved])).rejects.toThrow();
    const flipped = { ...sealed!, data: Uint8Array.from(sealed!.data!, (byte, i) => (i === 20 ? byte ^ 1 : byte)) };
    await expect(protection.codec.decode([flipped])).rejects.toThrow();
  });

  it('a sealed password opens once, for its subscriber only, bound to its row; expired ones are deleted', async () => {
    const { secrets } = createProtection(prisma, `k1:${key()}`);
    const id = await secrets.seal('SEALED-1', '135790', 60_000);
    await expect(secrets.open('SEALED-2', id)).rejects.toThrow(/another subscriber's/);
    // The same ciphertext copied under another id (or to another subscriber's row) does not open.
    const row = await prisma.sealedSecret.findUniqueOrThrow({ where: { id } });
    await prisma.sealedSecret.create({ data: { ...row, id: `${id}-copy` } });
    await expect(secrets.open('SEALED-1', `${id}-copy`)).rejects.toThrow();
    await expect(secrets.open('SEALED-1', id)).resolves.toBe('135790');

    const expired = await secrets.seal('SEALED-1', '246810', -1_000);
    await expect(secrets.open('SEALED-1', expired)).rejects.toThrow(/expired/);
    await secrets.seal('SEALED-3', '111111', 60_000);
    expect(await prisma.sealedSecret.findUnique({ where: { id: expired } })).toBeNull();
  });

  it.each([
    ['k1:short', /key k1 is not 32 bytes/],
    [`k1:${key()},k1:${key()}`, /a key id appears twice/],
    [`bad id:${key()}`, /entry 1 is not id:base64key/],
  ])('a malformed keyring names JOURNEY_MASTER_KEYS and never echoes a key (%#)', (keyring, reason) => {
    let thrown: unknown;
    try {
      loadConfig({ JOURNEY_MASTER_KEYS: keyring });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe('JOURNEY_MASTER_KEYS');
    expect((thrown as ConfigError).message).toMatch(reason);
    for (const part of keyring.split(/[,:]/).filter((text) => text.length > 20)) {
      expect((thrown as ConfigError).message).not.toContain(part);
    }
  });

  it.each(['workers/main.ts', 'api/main.ts'])('%s will not start without master keys', async (entry) => {
    const process = startProjectProcess(entry, { DATABASE_URL: await createTestDatabase(), JOURNEY_MASTER_KEYS: '' });
    const { code } = await process.exited;
    expect(code).toBe(78);
    expect(process.stderr().trim()).toMatch(/cannot start: JOURNEY_MASTER_KEYS: is required/);
  });

  it('refuses a plain-http SMS gateway off loopback: initial passwords travel through it', () => {
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'http://sms.example.cn/send' })).toThrow(
      /SMS_GATEWAY_URL: must be an https/,
    );
    expect(loadConfig({ SMS_GATEWAY_URL: 'https://sms.example.cn/send' }).SMS_GATEWAY_URL).toBe(
      'https://sms.example.cn/send',
    );
    expect(loadConfig({ SMS_GATEWAY_URL: 'http://127.0.0.1:9000/send' }).SMS_GATEWAY_URL).toBeDefined();
  });
});
