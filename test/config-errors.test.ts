import { createServer, type AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../platform/config';
import { createTestDatabase } from './support/postgres';
import { configRefusal } from './support/config';
import { freePort, startProjectProcess } from './support/processes';

describe('configuration from the environment', () => {
  it('applies safe defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'onboarding-journey',
      HOST: '127.0.0.1',
      API_PORT: 3000,
      WORKER_METRICS_PORT: 9464,
      API_METRICS_PORT: 9465,
      WORKER_NON_STICKY_POLL_RATIO: 1,
      CONTROL_GROUP_SHARE: 0,
      CONTROL_GROUP_TOUCH: 'first_followup_call',
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://root@localhost/journey', /DATABASE_URL: must be a postgresql:\/\//],
    ['API_PORT', '70000', /API_PORT: /],
    ['TEMPORAL_ADDRESS', 'temporal', /TEMPORAL_ADDRESS: must be host:port/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: /],
    ['LOG_FORMAT', 'yaml', /LOG_FORMAT: /],
    ['WORKER_METRICS_PORT', '70000', /WORKER_METRICS_PORT: /],
    ['WORKER_NON_STICKY_POLL_RATIO', '2', /WORKER_NON_STICKY_POLL_RATIO: /],
    ['CATALOG_RELOAD_MS', '10', /CATALOG_RELOAD_MS: /],
    ['CONTROL_GROUP_SHARE', '0.6', /CONTROL_GROUP_SHARE: must be a share from 0 to 0.5/],
    ['CONTROL_GROUP_SHARE', '5%', /CONTROL_GROUP_SHARE: /],
    ['CONTROL_GROUP_TOUCH', 'sms', /CONTROL_GROUP_TOUCH: /],
  ])('names %s when it is malformed', (variable, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toMatch(message);
  });

  it('reads a control group of 5 % held out of telemarketing', () => {
    expect(loadConfig({ CONTROL_GROUP_SHARE: '0.05', CONTROL_GROUP_TOUCH: 'vas_telemarketing' })).toMatchObject({
      CONTROL_GROUP_SHARE: 0.05,
      CONTROL_GROUP_TOUCH: 'vas_telemarketing',
    });
  });

  it('never echoes a database password in an error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:s3cret@db/journey' })).toThrow(/\*\*\*/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:s3cret@db/journey' })).not.toThrow(/s3cret/);
  });

  it.each([
    ['DATABASE_URL', 'mysql://db/journey?user=root&password=s3cret&sslmode=require'],
    ['DATABASE_URL', 'mysql://db/journey?sslpassword=s3cret'],
    ['SMS_GATEWAY_URL', 'ftp://gateway.example.cn/?apikey=s3cret'],
    ['SMS_GATEWAY_URL', 'http://gateway.example.cn/send?api_key=s3cret&sender=10010'],
    ['DATABASE_URL', 'host=db user=root password=s3cret'],
  ])('never echoes a secret in the query string or settings of %s', (variable, value) => {
    const message = configRefusal({ [variable]: value });
    expect(message).toMatch(new RegExp(`^${variable}: `));
    expect(message).not.toContain('s3cret');
  });

  it('refuses one token for both directions of the SMS gateway', () => {
    const token = 'one-token-for-both-0123456789';
    expect(configRefusal({ SMS_GATEWAY_TOKEN: token, SMS_INBOUND_TOKEN: token })).toMatch(
      /^SMS_INBOUND_TOKEN: must differ from SMS_GATEWAY_TOKEN/,
    );
    expect(configRefusal({ SMS_GATEWAY_TOKEN: token, SMS_INBOUND_TOKEN: `${token}-in` })).toBe('accepted');
  });
});

describe('a process with bad configuration', () => {
  // One human line on stderr, no stack trace, a non-zero exit: what an operator needs to fix it.
  async function expectOneClearLine(entry: string, env: Record<string, string>, expected: RegExp) {
    const process = startProjectProcess(entry, env);
    const { code } = await process.exited;
    const lines = process.stderr().trim().split('\n');
    expect({ code, lines }).toEqual({ code: 78, lines: [expect.stringMatching(expected)] });
    expect(process.stderr()).not.toMatch(/\n\s+at /);
  }

  it.each(['api/main.ts', 'workers/main.ts'])('%s: malformed DATABASE_URL', async (entry) => {
    await expectOneClearLine(
      entry,
      { DATABASE_URL: 'not a url' },
      /^\w+: cannot start: DATABASE_URL: must be a postgresql/,
    );
  });

  it.each(['api/main.ts', 'workers/main.ts'])('%s: PostgreSQL unreachable', async (entry) => {
    const url = `postgresql://journey:secret@127.0.0.1:${await freePort()}/journey`;
    await expectOneClearLine(
      entry,
      { DATABASE_URL: url },
      /^\w+: cannot start: DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/journey .*\*\*\*/,
    );
  });

  it.each([
    ['api/main.ts', 'API_METRICS_PORT'],
    ['workers/main.ts', 'WORKER_METRICS_PORT'],
  ])(
    '%s: its metrics port taken',
    async (entry, variable) => {
      const taken = createServer().listen(0, '127.0.0.1');
      await new Promise((listening) => taken.once('listening', listening));
      const env = {
        DATABASE_URL: await createTestDatabase(),
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        TEMPORAL_CONNECT_TIMEOUT_MS: '3000',
        API_PORT: String(await freePort()),
        [variable]: String((taken.address() as AddressInfo).port),
      };
      try {
        // Both check their metrics port before they reach for Temporal (unreachable here).
        await expectOneClearLine(
          entry,
          env,
          new RegExp(`^\\w+: cannot start: ${variable}: cannot listen on 127\\.0\\.0\\.1:\\d+`),
        );
      } finally {
        taken.close();
      }
    },
    30_000,
  );

  it.each(['api/main.ts', 'workers/main.ts'])(
    '%s: Temporal unreachable',
    async (entry) => {
      const env = {
        DATABASE_URL: await createTestDatabase(),
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        TEMPORAL_CONNECT_TIMEOUT_MS: '3000',
      };
      await expectOneClearLine(
        entry,
        env,
        /^\w+: cannot start: TEMPORAL_ADDRESS: cannot reach Temporal at 127\.0\.0\.1:\d+/,
      );
    },
    30_000,
  );
});
