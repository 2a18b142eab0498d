// Longer than ~250 lines on purpose: each suite shares one stack (servers are slow to start); one
// describe per protection.
import type { Payload } from '@temporalio/common';
import { SESSION_COOKIE } from '../api/staff-access/auth';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { encryptLegacyOutbox } from '../platform/legacy-data';
import { createLogger } from '../platform/logger';
import { historyPayloads } from '../platform/payload-codec';
import { createProtection } from '../platform/protection';
import { onboardingJourney } from '../workflows/journey';
import { compressedSchedule, defaultSchedule } from '../workflows/schedule';
import { subscriberLeft } from '../workflows/messages';
import { journeyWorkflowId, launchPromiseWorkflowId, type ActivationProfile } from '../workflows/state';
import { activationToken, ApiHarness, gatewayToken } from './support/api';
import { allDone, eventually } from './support/journey-harness';
import { testMasterKeys } from './support/keys';

/** Every event of a journey's history as Temporal stores it (payloads not decoded). */
async function rawHistory(api: ApiHarness, subscriberId: string): Promise<temporal.api.history.v1.IHistoryEvent[]> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await api.journeys.env.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: journeyWorkflowId(subscriberId) },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

/** Every string and every byte string (read as UTF-8) anywhere in `value`. */
function allText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(allText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(allText).join('\n');
  return '';
}

/** Patch markers are written by the SDK's core, outside the codec; they name a code change, nothing personal. */
function codecPayloadsIn(events: temporal.api.history.v1.IHistoryEvent[]): Payload[] {
  return historyPayloads(events.filter((event) => event.markerRecordedEventAttributes?.markerName !== 'core_patch'));
}

const encoding = (payload: Payload) => Buffer.from(payload.metadata!.encoding!).toString();

/**
 * The API on its own time-skipping server, signed-in staff and the steps the tests share. A suite
 * that skips time gets its own: after a skip, the server's clock is ahead of the wall clock the API
 * checks activation times against, and later journeys would start in the past.
 */
class Stack {
  api!: ApiHarness;
  clerk!: string;
  followup!: string;
  supervisor!: string;
  private sequence = 0;

  static forSuite(options: Parameters<typeof ApiHarness.start>[0] = {}): Stack {
    const stack = new Stack();
    beforeAll(async () => {
      stack.api = await ApiHarness.start(options);
      [stack.clerk, stack.followup, stack.supervisor] = [
        await stack.api.signIn('store.jn001'),
        await stack.api.signIn('followup.zhang'),
        await stack.api.signIn('supervisor.sun'),
      ];
    });
    afterAll(() => stack.api?.stop());
    return stack;
  }

  async activation(overrides: Partial<ActivationProfile> = {}) {
    this.sequence += 1;
    return {
      ...(await this.api.activation()),
      subscriberId: `PII-${Date.now().toString(36)}-${this.sequence}`,
      msisdn: `137${String(Date.now() % 1e6).padStart(6, '0')}${String(this.sequence).padStart(2, '0')}`,
      ...overrides,
    };
  }

  start(body: unknown) {
    return this.api.call('POST', '/v1/subscribers', { token: activationToken, body });
  }

  inbound(from: string, messageId: string, text: string) {
    return this.api.call('POST', '/v1/sms/inbound', { token: gatewayToken, body: { from, messageId, text } });
  }

  handleOf(subscriberId: string) {
    return this.api.journeys.env.client.workflow.getHandle<typeof onboardingJourney>(journeyWorkflowId(subscriberId));
  }

  /** The subscriber leaves; waits (querying, so the clock stays where it is) until the journey has ended. */
  async leave(handle: ReturnType<Stack['handleOf']>) {
    await handle.signal(subscriberLeft, { reason: 'test over' });
    await this.api.journeys.until(handle, (state) => state.status === 'cancelled');
    // Its end reaches PostgreSQL a moment later (a reissued number checks it there).
    const id = handle.workflowId;
    await eventually(async () =>
      expect(await this.api.journeys.prisma.journey.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'cancelled',
      }),
    );
  }

  /**
   * A journey of a number change with a password, an inbound SMS, a coaching checklist and a follow-up
   * call with a signal problem (and a promotion asked about, if given).
   */
  async livedJourney(
    words: { name: string; address: string; inboundText: string; signalAddress: string },
    promotionCode?: string,
  ) {
    const base = await this.activation({ name: words.name, address: words.address });
    const profile = { ...base, previousMsisdn: `136${base.msisdn.slice(3)}` };
    expect((await this.start({ ...profile, initialPassword: '135790' })).status).toBe(201);
    const handle = this.handleOf(profile.subscriberId);
    await this.api.journeys.until(handle, (state) => state.sms.length === 3);
    expect((await this.inbound(profile.msisdn, `in-${profile.subscriberId}`, words.inboundText)).status).toBe(202);
    await this.api.journeys.until(handle, (state) => state.sms.length === 4);
    const coaching = await this.api.journeys.task(handle, 'onboarding_coaching');
    const complete = (taskId: string, token: string, outcome: unknown) =>
      this.api.call('POST', `/v1/tasks/${encodeURIComponent(taskId)}/complete`, { token, body: { outcome } });
    expect((await complete(coaching.id, this.clerk, allDone(coaching))).status).toBe(200);
    await this.api.journeys.advance(4);
    const call = await this.api.journeys.task(handle, 'first_followup_call');
    const outcome = {
      result: 'reached',
      issues: [
        { category: 'signal', address: words.signalAddress, description: `${words.name}家中信号差` },
        ...(promotionCode ? [{ category: 'promotion', handling: '已登记', offerLaunched: false, promotionCode }] : []),
      ],
    };
    expect((await complete(call.id, this.followup, outcome)).status).toBe(200);
    return { profile, handle };
  }
}

describe('personal data in Temporal', () => {
  const s = Stack.forSuite();

  it("a journey's raw history in Temporal holds no number, name, address, SMS text or password", async () => {
    const words = {
      name: '欧阳娜娜',
      address: '青岛市市南区香港中路100号',
      inboundText: '请帮我查一下话费余额',
      signalAddress: '崂山区海尔路1号3号楼',
    };
    const { profile, handle } = await s.livedJourney(words);
    await s.leave(handle);

    const events = await rawHistory(s.api, profile.subscriberId);
    const raw = allText(events);
    const personal = [
      profile.msisdn,
      profile.previousMsisdn,
      words.name,
      words.address,
      words.inboundText,
      words.signalAddress,
    ];
    for (const secret of [...personal, '135790']) {
      expect({ secret, inHistory: raw.includes(secret) }).toEqual({ secret, inHistory: false });
    }
    expect(raw).not.toContain('尊敬的客户');
    // Not because the words never reached Temporal: every payload is ciphertext that decodes to them.
    const payloads = codecPayloadsIn(events);
    expect(payloads.length).toBeGreaterThan(20);
    expect(payloads.filter((payload) => encoding(payload) !== 'binary/encrypted')).toEqual([]);
    const decoded = allText(await s.api.journeys.protection.codec.decode(payloads));
    for (const word of personal) expect(decoded).toContain(word);
  });
});

describe('the codec server of the Temporal Web UI', () => {
  const s = Stack.forSuite();

  it('decodes a history for a signed-in engineer and refuses everyone else', async () => {
    const profile = await s.activation({ name: '诸葛亮' });
    expect((await s.start(profile)).status).toBe(201);
    const handle = s.handleOf(profile.subscriberId);
    await s.api.journeys.until(handle, (state) => state.sms.length === 2);
    const events = await rawHistory(s.api, profile.subscriberId);
    const payloads = historyPayloads(events).map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata!).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
      ),
      data: Buffer.from(payload.data!).toString('base64'),
    }));
    const decode = (token?: string, headers: Record<string, string> = {}) =>
      s.api.call('POST', '/codec/decode', {
        token,
        body: { payloads },
        headers: { 'x-namespace': 'default', ...headers },
      });

    const engineer = await s.api.signIn('engineer.zhou');
    const decoded = await decode(engineer);
    expect(decoded.status).toBe(200);
    const text = (decoded.body.payloads as { data: string }[])
      .map((payload) => Buffer.from(payload.data, 'base64').toString())
      .join('\n');
    expect(text).toContain('诸葛亮');
    expect(text).toContain(profile.msisdn);
    expect(decoded.body.payloads).toHaveLength(payloads.length);

    expect((await decode()).status).toBe(401);
    for (const username of ['supervisor.sun', 'store.jn001', 'admin.wu']) {
      expect({ username, status: (await decode(await s.api.signIn(username))).status }).toEqual({
        username,
        status: 403,
      });
    }
    expect((await decode(activationToken)).status).toBe(403);
    // A cookie session must come from the API's own pages: the Web UI it proxies.
    const viaCookie = (origin: string) =>
      s.api.call('POST', '/codec/decode', {
        body: { payloads },
        headers: { cookie: `${SESSION_COOKIE}=${engineer}`, origin },
      });
    expect((await viaCookie('http://evil.example')).status).toBe(403);
    expect((await viaCookie(s.api.baseUrl)).status).toBe(200);
    await s.leave(handle);
  });
});

describe('erasure on request (PIPL)', () => {
  const s = Stack.forSuite();

  it("erasure leaves the subscriber's history, outbox, inbound SMS and secrets undecryptable; the report still counts them", async () => {
    const late = await s.api.journeys.promotionLaunchingIn(120);
    const { profile, handle } = await s.livedJourney(
      { name: '司马光', address: '济南市历下区泉城路2号', inboundText: '你好', signalAddress: '历城区工业北路5号' },
      late,
    );
    const { subscriberId } = profile;
    // The launch SMS after day 90 is a workflow of its own: sealed with the same key, ended by the erasure too.
    const launchPromise = s.api.journeys.env.client.workflow.getHandle(launchPromiseWorkflowId(subscriberId, late));
    await eventually(async () => expect((await launchPromise.describe()).status.name).toBe('RUNNING'));
    const pendingSecret = await s.api.journeys.protection.secrets.seal(subscriberId, '864209', 3_600_000);
    const history = codecPayloadsIn(await rawHistory(s.api, subscriberId));
    const before = await s.api.call('GET', '/v1/reports/journeys', { token: s.supervisor });

    // A process that starts afresh (nothing cached) reads everything before the erasure…
    const fresh = () => createProtection(s.api.journeys.prisma, testMasterKeys);
    expect((await fresh().codec.decodeWherePossible(history)).undecodable).toBe(0);

    expect(
      (await s.api.call('POST', `/v1/subscribers/${subscriberId}/erasure`, { token: s.clerk, body: { reason: 'x' } }))
        .status,
    ).toBe(403);
    expect(
      (await s.api.call('POST', `/v1/subscribers/${subscriberId}/erasure`, { token: s.supervisor, body: {} })).status,
    ).toBe(400);
    const erased = await s.api.call('POST', `/v1/subscribers/${subscriberId}/erasure`, {
      token: s.supervisor,
      body: { reason: 'PIPL request 2026-0042' },
    });
    expect(erased.status).toBe(200);
    expect(erased.body.alreadyErased).toBe(false);

    // …and nothing after it, wherever copies of the ciphertext are.
    const after = fresh();
    expect(await after.codec.decodeWherePossible(history)).toMatchObject({ undecodable: history.length });
    const outbox = await s.api.journeys.prisma.smsMessage.findMany({ where: { subscriberId } });
    expect(outbox.length).toBe(4);
    for (const sms of outbox) {
      await expect(after.sealed.open(subscriberId, `sms:${sms.idempotencyKey}`, sms.body!)).rejects.toThrow(/erased/);
    }
    const [received] = await s.api.journeys.prisma.inboundSms.findMany({ where: { subscriberId } });
    await expect(after.sealed.open(subscriberId, `inbound:${received!.messageId}`, received!.text)).rejects.toThrow(
      /erased/,
    );
    await expect(after.secrets.open(subscriberId, pendingSecret)).rejects.toThrow(/erased/);

    // The journey ended; the database keeps no number, name or words; the erasure is audited.
    await expect(handle.describe()).resolves.toMatchObject({ status: { name: 'TERMINATED' } });
    await expect(launchPromise.describe()).resolves.toMatchObject({ status: { name: 'TERMINATED' } });
    expect((await s.api.call('GET', `/v1/subscribers/${subscriberId}`, { token: activationToken })).status).toBe(410);
    const row = await s.api.journeys.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriberId } });
    expect(profile.idNumberLast4).toMatch(/^\d{3}[\dX]$/);
    expect([row.msisdn, row.previousMsisdn, row.name, row.address, row.idNumberLast4, row.activation]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    const tasks = await s.api.journeys.prisma.task.findMany({ where: { subscriberId } });
    expect(allText(tasks.map((task) => [task.payload, task.outcome]))).not.toMatch(/司马光|历城区/);
    const audit = await s.api.journeys.prisma.auditEvent.findFirstOrThrow({
      where: { subscriberId, type: 'personal_data_erased' },
    });
    expect(audit).toMatchObject({ actor: 'S-SUPERVISOR', data: { reason: 'PIPL request 2026-0042' } });

    // The figures stay: the journey (now cancelled) and each of its tasks are still counted.
    const report = await s.api.call('GET', '/v1/reports/journeys', { token: s.supervisor });
    const count = (body: typeof report.body, status: string) => body.journeys.byStatus[status] ?? 0;
    expect(count(report.body, 'cancelled')).toBe(count(before.body, 'cancelled') + 1);
    expect(report.body.tasksByType.first_followup_call.total).toBe(before.body.tasksByType.first_followup_call.total);
    expect(report.body.followupIssues.signal).toBe(before.body.followupIssues.signal);

    const again = await s.api.call('POST', `/v1/subscribers/${subscriberId}/erasure`, {
      token: s.supervisor,
      body: { reason: 'repeat' },
    });
    expect(again.body).toMatchObject({ alreadyErased: true, erasedAt: erased.body.erasedAt });
  });
});

describe('erasure and the SMS bodies of the release before encryption', () => {
  const s = Stack.forSuite();

  it('erasure clears a plain legacy body, and the start-up encryption passes an erased subscriber by', async () => {
    const profile = await s.activation();
    expect((await s.start(profile)).status).toBe(201);
    const handle = s.handleOf(profile.subscriberId);
    await s.api.journeys.until(handle, (state) => state.sms.length === 2);
    const { prisma } = s.api.journeys;
    const legacy = (key: string) =>
      prisma.smsMessage.create({
        data: {
          idempotencyKey: `${handle.workflowId}:sms:${key}`,
          subscriberId: profile.subscriberId,
          template: 'welcome',
          category: 'service',
          locale: 'zh-CN',
          legacyBody: `您好 ${profile.name}`,
          status: 'sent',
          provider: 'outbox',
        },
      });
    const before = await legacy('legacy-before');
    const erased = await s.api.call('POST', `/v1/subscribers/${profile.subscriberId}/erasure`, {
      token: s.supervisor,
      body: { reason: '客户要求删除' },
    });
    expect(erased.status).toBe(200);
    expect((await prisma.smsMessage.findUniqueOrThrow({ where: { id: before.id } })).legacyBody).toBeNull();

    // As an erasure of this release's predecessor left it: a plain body beside a deleted key.
    const left = await legacy('legacy-left');
    const log = createLogger('test', 'silent');
    await expect(encryptLegacyOutbox(prisma, s.api.journeys.protection.sealed, log)).resolves.toBe(0);
    expect((await prisma.smsMessage.findUniqueOrThrow({ where: { id: left.id } })).legacyBody).toBeNull();
  });
});

describe('one number, one journey; activations, passwords and inbound SMS', () => {
  const s = Stack.forSuite();

  it('one number, one journey: a second subscriber with a held number is refused before any workflow starts', async () => {
    const first = await s.activation();
    const second = { ...(await s.activation()), msisdn: first.msisdn };
    const answers = await Promise.all([s.start(first), s.start(second)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400]);
    const refused = answers.find((answer) => answer.status === 400)!;
    expect(refused.body.error.details).toEqual([
      { field: 'msisdn', reason: "another subscriber's journey holds this number" },
    ]);
    const started = await Promise.all(
      [first, second].map((profile) =>
        s
          .handleOf(profile.subscriberId)
          .describe()
          .then(
            () => 1,
            () => 0,
          ),
      ),
    );
    expect(started.reduce((a, b) => a + b)).toBe(1);
    for (const profile of [first, second]) await s.leave(s.handleOf(profile.subscriberId)).catch(() => undefined);
  });

  it('an expired initial password: that SMS is skipped with the reason recorded, and the journey goes on', async () => {
    const profile = { ...(await s.activation()), tier: 'standard' as const, portIn: false, locale: 'zh-CN' as const };
    const expired = await s.api.journeys.protection.secrets.seal(profile.subscriberId, '246810', -1_000);
    const handle = await s.api.journeys.env.client.workflow.start(onboardingJourney, {
      workflowId: journeyWorkflowId(profile.subscriberId),
      taskQueue: s.api.journeys.taskQueue,
      args: [{ subscriber: profile, schedule: defaultSchedule, passwordSecretId: expired }],
    });
    const state = await s.api.journeys.until(handle, (s) => s.sms.length === 2);
    expect(state.sms.map((sms) => sms.template)).toEqual(['welcome', 'help_menu']);
    expect(state.timeline.find((entry) => entry.kind === 'sms_skipped')?.detail).toEqual({
      template: 'initial_password',
      reason: 'the sealed password is unavailable',
    });
    await s.api.journeys.task(handle, 'onboarding_coaching');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await s.leave(handle);
  });

  it('1,000 inbound SMS in an hour (an auto-responder loop) get 10 replies, and the history stays small', async () => {
    const profile = await s.activation();
    expect((await s.start(profile)).status).toBe(201);
    const handle = s.handleOf(profile.subscriberId);
    await s.api.journeys.until(handle, (state) => state.sms.length === 2);
    const eventsBefore = (await rawHistory(s.api, profile.subscriberId)).length;

    const statuses: number[] = [];
    for (let batch = 0; batch < 50; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          s.inbound(profile.msisdn, `loop-${profile.subscriberId}-${batch}-${i}`, '收到'),
        ),
      );
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
    const kept = await s.api.journeys.prisma.inboundSms.groupBy({
      by: ['forwarded'],
      where: { subscriberId: profile.subscriberId },
      _count: true,
    });
    expect(Object.fromEntries(kept.map((row) => [String(row.forwarded), row._count]))).toEqual({
      true: 10,
      false: 990,
    });
    const state = await s.api.journeys.until(handle, (current) => current.sms.length === 12);
    expect(state.sms.filter((sms) => sms.idempotencyKey.includes(':sms:inbound-'))).toHaveLength(10);
    const eventsAdded = (await rawHistory(s.api, profile.subscriberId)).length - eventsBefore;
    expect(eventsAdded).toBeLessThan(150);
    await s.leave(handle);
  }, 120_000);

  it('a replayed message id reaches the journey once, whatever text it carries; replays count against the throttle', async () => {
    const [profile, neighbour] = [await s.activation(), await s.activation()];
    expect((await s.start(profile)).status).toBe(201);
    expect((await s.start(neighbour)).status).toBe(201);
    const handle = s.handleOf(profile.subscriberId);
    await s.api.journeys.until(handle, (state) => state.sms.length === 2);
    const id = `replayed-${profile.subscriberId}`;
    const signals = async () =>
      (await rawHistory(s.api, profile.subscriberId)).filter(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'inboundSms',
      ).length;

    const answers = [];
    for (let i = 0; i < 13; i++) answers.push(await s.inbound(profile.msisdn, id, '1'));
    expect(answers[0]!.body).toEqual({ routedTo: profile.subscriberId, forwarded: true });
    expect(answers.slice(1).map((answer) => [answer.status, answer.body.repeat, answer.body.forwarded])).toEqual(
      Array.from({ length: 12 }, () => [202, true, false]),
    );
    // The same id with another text is refused, and turns nothing on.
    const td = await s.inbound(profile.msisdn, id, 'TD');
    expect([td.status, td.body.error.code]).toEqual([409, 'message_id_reused']);
    await s.api.journeys.until(handle, (state) => state.sms.length === 3);
    expect(await signals()).toBe(1);
    expect((await s.api.journeys.state(handle)).dnd).toBe(false);

    // Another subscriber's message with the same id is theirs.
    expect((await s.inbound(neighbour.msisdn, id, '1')).body).toEqual({
      routedTo: neighbour.subscriberId,
      forwarded: true,
    });
    // 1 message and 13 repeats this hour: past the 10 an hour, a new message is kept but held back.
    expect((await s.inbound(profile.msisdn, `${id}-new`, '1')).body).toEqual({
      routedTo: profile.subscriberId,
      forwarded: false,
    });
    expect(await signals()).toBe(1);
    await s.leave(handle);
    await s.leave(s.handleOf(neighbour.subscriberId));
  }, 60_000);

  it('a number its holder gave back is reissued: the new subscriber gets a journey and its inbound SMS', async () => {
    const holder = await s.activation();
    expect((await s.start(holder)).status).toBe(201);
    await s.leave(s.handleOf(holder.subscriberId));
    const newcomer = { ...(await s.activation()), msisdn: holder.msisdn };
    expect((await s.start(newcomer)).status).toBe(201);
    const routed = await s.inbound(holder.msisdn, `in-reissued-${newcomer.subscriberId}`, '1');
    expect(routed.body).toEqual({ routedTo: newcomer.subscriberId, forwarded: true });
    await s.leave(s.handleOf(newcomer.subscriberId));
  });
});

// On a real dev server, whose worker restarts as in production; a day lasts a second.
describe('task updates with a deadline and an idempotency key', () => {
  const s = Stack.forSuite({ server: 'dev', schedule: compressedSchedule(1_000) });

  it('a journey whose workflow task keeps failing answers a read with 503, not 500; fixed, it answers again', async () => {
    const profile = await s.activation();
    expect((await s.start(profile)).status).toBe(201);
    const handle = s.handleOf(profile.subscriberId);
    await s.api.journeys.task(handle, 'onboarding_coaching');
    // A deployment that broke replay: every workflow task of the journey fails on it.
    await s.api.journeys.stopWorker();
    const broken = await Worker.create({
      connection: s.api.journeys.env.nativeConnection,
      taskQueue: s.api.journeys.taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./fixtures/journey-changed-unsafely'),
        logger: new DefaultLogger('WARN'),
      }),
      dataConverter: s.api.journeys.protection.workerDataConverter,
    });
    const running = broken.run();
    const read = () => s.api.call('GET', `/v1/subscribers/${profile.subscriberId}`, { token: activationToken });
    try {
      // From its third attempt on, Temporal refuses queries to such a journey at once.
      await eventually(async () => {
        expect((await handle.describe()).raw.pendingWorkflowTask?.attempt ?? 0).toBeGreaterThanOrEqual(3);
      }, 60_000);
      const unread = await read();
      expect([unread.status, unread.body.error?.code]).toEqual([503, 'journey_unavailable']);
    } finally {
      broken.shutdown();
      await running;
      await s.api.journeys.startWorker();
    }
    await eventually(async () => expect((await read()).status).toBe(200), 30_000);
    await s.leave(handle);
  }, 120_000);

  it('a task update while no worker runs answers 503 within its deadline; the same Idempotency-Key later applies once', async () => {
    const profile = await s.activation();
    expect((await s.start(profile)).status).toBe(201);
    const handle = s.handleOf(profile.subscriberId);
    const call = await s.api.journeys.task(handle, 'first_followup_call');
    // Staff reach a task through its inbox row, which follows the journey's state by an activity.
    await eventually(() => s.api.journeys.prisma.task.findUniqueOrThrow({ where: { id: call.id } }));
    const notReached = (key: string) =>
      s.api.call('POST', `/v1/tasks/${encodeURIComponent(call.id)}/complete`, {
        token: s.followup,
        body: { outcome: { result: 'not_reached' } },
        headers: { 'idempotency-key': key },
      });

    await s.api.journeys.stopWorker();
    const started = Date.now();
    const timedOut = await notReached('attempt-0001');
    const waited = Date.now() - started;
    // Reading the journey is a query its worker answers: it has a deadline too.
    const readStarted = Date.now();
    const unread = await s.api.call('GET', `/v1/subscribers/${profile.subscriberId}`, { token: activationToken });
    const readWaited = Date.now() - readStarted;
    await s.api.journeys.startWorker();
    expect([unread.status, unread.body.error.code]).toEqual([503, 'journey_unavailable']);
    expect(readWaited).toBeLessThan(15_000);
    expect(timedOut.status).toBe(503);
    expect(timedOut.body.error.code).toBe('journey_unavailable');
    expect(timedOut.headers.get('retry-after')).toBe('5');
    expect(waited).toBeLessThan(15_000);

    // The client retries with the same key (twice: it lost an answer too): one attempt is recorded.
    expect((await notReached('attempt-0001')).status).toBe(200);
    expect((await notReached('attempt-0001')).status).toBe(200);
    const state = await eventually(async () => {
      const current = await s.api.journeys.state(handle);
      expect(current.tasks.find((task) => task.id === call.id)!.attempts).toHaveLength(1);
      return current;
    });
    expect(state.tasks.find((task) => task.id === call.id)!.status).toBe('open');
    expect((await notReached('attempt-0002')).status).toBe(200);
    expect((await s.api.journeys.state(handle)).tasks.find((task) => task.id === call.id)!.attempts).toHaveLength(2);
    await s.leave(handle);
  }, 90_000);
});
