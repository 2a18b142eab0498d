// Longer than ~250 lines on purpose: the whole province is drawn here, subscriber by subscriber, so
// that one seed reproduces every activation and every event of a run.
import { BUSINESS_TIME_ZONE, defaultFirstPaymentDue, wallClock } from '../domain/calendar';
import { isVip, type PaymentType, type Tier } from '../domain/vocabulary';
import { plans, stores } from '../prisma/seed-data';
import type { BusinessEventRequest } from '../api/http/schemas';
import type { Random } from './random';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * A business event as the BSS sends it to `POST /v1/subscribers/:id/events`: the simulated province
 * resolves no network ticket, and its subscribers' SMS go through the gateway.
 */
export type BssEvent = Exclude<BusinessEventRequest, { type: 'networkTicketResolved' | 'inboundSms' }>;

/** What happens to a subscriber at a simulated instant: the BSS sends an event, or their phone an SMS. */
export type Happening =
  | { at: number; kind: 'bss'; event: BssEvent }
  | { at: number; kind: 'sms'; messageId: string; text: string; times: number };

/** One subscriber of the province: their activation, and what the BSS and their phone will do. */
export interface SimSubscriber {
  subscriberId: string;
  msisdn: string;
  name: string;
  address: string;
  storeId: string;
  planCode: string;
  paymentType: PaymentType;
  tier: Tier;
  portIn: boolean;
  contract?: { prepay: number; monthlyReturn: number };
  initialPassword?: string;
  /** Simulated instant of the activation. */
  activateAt: number;
  /** Sent by billing with the activation for some postpaid subscribers (simulated); otherwise the month's end. */
  firstPaymentDueAt?: number;
  happenings: Happening[];
  /** How the subscriber answers the marketing SMS, if it comes: nothing, TD, or naming an offered service. */
  marketingReply: 'none' | 'unsubscribe' | 'order';
  /** Took over the number of a subscriber who left (number recycling). */
  recycledFrom?: string;
}

export interface PopulationOptions {
  subscribers: number;
  /** Activations fall over this many simulated days from the start. */
  activationDays: number;
  /** Simulated instant of the start. */
  start: number;
}

const vipTiers = ['silver', 'gold', 'platinum', 'diamond'] as const;
const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰'];
const districts = ['历下区泉城路', '市中区经十路', '市南区香港中路', '槐荫区经七路', '崂山区海尔路'];
/** How customers write "stop" (退订): every variant the journey understands, full-width too. */
export const unsubscribeTexts = ['退订', 'TD', 'td', 'T', '取消', 'QX', '0000', 'ＴＤ'];
const garbage = ['？？', '你好', 'ok', '收到', '谢谢', '😀', 'abc123', '打错了'];
const leavingReasons = ['携号转出', '销户', '欠费停机转销户', '用户死亡'];

/** The province: `subscribers` activations over the first days, the plan's mix, and their 90 days of events. */
export function generatePopulation(random: Random, options: PopulationOptions): SimSubscriber[] {
  const subscribers: SimSubscriber[] = [];
  const usedNumbers = new Set<string>();
  for (let index = 0; subscribers.length < options.subscribers; index++) {
    const subscriber = drawSubscriber(random, options, index, usedNumbers);
    subscribers.push(subscriber);
    const left = subscriber.happenings.find((h) => h.kind === 'bss' && h.event.type === 'subscriberLeft');
    // Number recycling: a number given up early (inside the activation days) is issued again days later.
    const reissueAt = left ? left.at + random.int(1, 3) * DAY : Infinity;
    const activationsEnd = options.start + options.activationDays * DAY;
    if (left && reissueAt <= activationsEnd && subscribers.length < options.subscribers && random.chance(0.6)) {
      const reissued = drawSubscriber(random, options, ++index, usedNumbers, {
        msisdn: subscriber.msisdn,
        after: reissueAt,
      });
      subscribers.push({ ...reissued, recycledFrom: subscriber.subscriberId });
    }
  }
  return subscribers.sort((a, b) => a.activateAt - b.activateAt);
}

function drawSubscriber(
  random: Random,
  options: PopulationOptions,
  index: number,
  usedNumbers: Set<string>,
  recycled?: { msisdn: string; after: number },
): SimSubscriber {
  const plan = random.pick(plans);
  const store = random.pick(stores);
  const paymentType: PaymentType = random.chance(0.4) ? 'postpaid' : 'prepaid';
  const tier: Tier = random.chance(0.06) ? random.pick(vipTiers) : 'standard';
  const activateAt = recycled ? recycled.after : activationTime(random, options);
  const subscriber: SimSubscriber = {
    subscriberId: `SIM-${String(index).padStart(5, '0')}`,
    msisdn: recycled?.msisdn ?? newNumber(random, usedNumbers),
    name: random.pick(surnames) + random.pick(givenNames) + (random.chance(0.5) ? random.pick(givenNames) : ''),
    address: `${store.region === 'qingdao' ? '青岛市' : '济南市'}${random.pick(districts)}${random.int(1, 300)}号`,
    storeId: store.id,
    planCode: plan.code,
    paymentType,
    tier,
    portIn: random.chance(0.1),
    ...(random.chance(0.3) ? { contract: { prepay: 950, monthlyReturn: Math.min(39, plan.monthlyFee - 10) } } : {}),
    ...(random.chance(0.5) ? { initialPassword: String(random.int(100_000, 999_999)) } : {}),
    activateAt,
    happenings: [],
    marketingReply: random.weighted({ none: 75, unsubscribe: 15, order: 10 }),
  };
  if (paymentType === 'postpaid' && random.chance(0.3))
    subscriber.firstPaymentDueAt = activateAt + random.int(12, 40) * DAY;
  subscriber.happenings = happeningsOf(random, subscriber, plan);
  return subscriber;
}

/** Activations at all hours: mostly in opening hours, some late at night, bursts on the 25th and the eve of 国庆. */
function activationTime(random: Random, options: PopulationOptions): number {
  for (;;) {
    const day = random.int(0, options.activationDays - 1);
    const dayStart = startOfBusinessDay(options.start + day * DAY);
    const date = wallClock(dayStart, BUSINESS_TIME_ZONE);
    // A day's chance to be drawn: the 25th (a billing date) three times, the eve of 国庆 twice.
    const weight = date.day === 25 ? 1 : date.month === 9 && date.day === 30 ? 0.67 : 0.33;
    if (!random.chance(weight)) continue;
    const when = random.weighted({ opening: 70, evening: 12, half_past_eleven: 8, night: 10 });
    const minute = {
      opening: () => random.int(9 * 60, 20 * 60),
      evening: () => random.int(20 * 60, 23 * 60 + 59),
      half_past_eleven: () => 23 * 60 + 30,
      night: () => random.int(0, 8 * 60),
    }[when]();
    const at = dayStart + minute * 60_000;
    if (at >= options.start) return at;
  }
}

/** Midnight in Beijing of the day holding `instant` (China has no daylight saving). */
function startOfBusinessDay(instant: number): number {
  const local = instant + 8 * HOUR;
  return local - (local % DAY) - 8 * HOUR;
}

function newNumber(random: Random, used: Set<string>): string {
  for (;;) {
    const msisdn = `1${random.pick(['30', '31', '32', '55', '56', '85', '86', '76'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    if (!used.has(msisdn)) {
      used.add(msisdn);
      return msisdn;
    }
  }
}

/** The subscriber's 90 days as the BSS and their phone will act them out. */
function happeningsOf(random: Random, subscriber: SimSubscriber, plan: (typeof plans)[number]): Happening[] {
  const start = subscriber.activateAt;
  const happenings: Happening[] = [];
  const bss = (at: number, event: BssEvent) => happenings.push({ at, kind: 'bss', event });
  let messages = 0;
  const sms = (at: number, text: string, times = 1) =>
    happenings.push({ at, kind: 'sms', messageId: `${subscriber.subscriberId}-m${++messages}`, text, times });

  // VIP ratings inside and after day 10, after day 60; downgrades, and back up.
  if (!isVip(subscriber.tier) && random.chance(0.18)) {
    const window = random.weighted({ early: 55, late: 30, after60: 15 });
    const ratedDay = {
      early: () => random.int(1, 9),
      late: () => random.int(11, 59),
      after60: () => random.int(61, 85),
    }[window]();
    const ratedAt = start + ratedDay * DAY + random.int(0, 23) * HOUR;
    bss(ratedAt, { type: 'vipRated', tier: random.pick(vipTiers) });
    if (random.chance(0.35)) {
      const downAt = ratedAt + random.int(1, 15) * DAY;
      bss(downAt, { type: 'tierChanged', tier: 'standard' });
      if (random.chance(0.5))
        bss(downAt + random.int(1, 10) * DAY, { type: 'tierChanged', tier: random.pick(vipTiers) });
    } else if (random.chance(0.2)) {
      bss(ratedAt + random.int(1, 20) * DAY, { type: 'tierChanged', tier: random.pick(vipTiers) });
    }
  }

  // Payments of the first bill: early, on the due day, or never.
  if (subscriber.paymentType === 'postpaid') {
    const due = subscriber.firstPaymentDueAt ?? defaultFirstPaymentDue(start, BUSINESS_TIME_ZONE);
    const when = random.weighted({ early: 35, due: 35, never: 30 });
    const at =
      when === 'early' ? due - random.int(6, 10) * DAY : when === 'due' ? due - random.int(2, 20) * HOUR : undefined;
    if (at !== undefined && at > start) bss(at, { type: 'paymentMade', at: new Date(at).toISOString() });
  }

  // Monthly usage, from light to several times the plan.
  for (let month = 1; month <= 3; month++) {
    const at = start + month * 30 * DAY - random.int(1, 12) * HOUR;
    const use = [0.2, 0.6, 1, 1.5, 3, 4][random.int(0, 5)]!;
    const clock = wallClock(at - 15 * DAY, BUSINESS_TIME_ZONE);
    bss(at, {
      type: 'usageReported',
      month: `${clock.year}-${String(clock.month).padStart(2, '0')}`,
      voiceMinutes: Math.round(plan.voiceMinutes * use),
      dataMB: Math.round(plan.dataMB * use),
      sms: Math.round(plan.sms * use),
    });
  }
  if (random.chance(0.05))
    bss(start + random.int(5, 80) * DAY, { type: 'planChanged', planCode: random.pick(plans).code });
  if (random.chance(0.01)) bss(start + random.int(5, 80) * DAY, { type: 'planChanged', planCode: 'X99' });
  if (random.chance(0.03)) bss(start + random.int(1, 80) * DAY, { type: 'dndChanged', on: true });
  if (random.chance(0.08)) {
    const at = start + random.int(1, 88) * DAY + random.int(0, 23) * HOUR;
    bss(at, { type: 'hotlineAbnormalHangup', at: new Date(at).toISOString() });
  }
  if (random.chance(0.06)) {
    bss(start + random.int(1, 88) * DAY - random.int(0, 20) * HOUR, {
      type: 'subscriberLeft',
      reason: random.pick(leavingReasons),
    });
  }

  // The phone: help-menu digits, garbage, a flood, a duplicate delivery of one message.
  if (random.chance(0.12)) sms(start + random.int(0, 20) * DAY + random.int(0, 23) * HOUR, String(random.int(1, 5)));
  if (random.chance(0.04)) sms(start + random.int(0, 80) * DAY, random.pick(garbage));
  if (random.chance(0.02)) sms(start + random.int(0, 80) * DAY, '1', 15);
  if (random.chance(0.03)) sms(start + random.int(0, 80) * DAY, String(random.int(1, 5)), 2);
  return happenings.sort((a, b) => a.at - b.at);
}

/** The roster the administrator imports (CSV with the roster's columns), sized to the province. */
export function rosterOf(subscribers: number, managerCapacity: number): string {
  const rows: string[] = ['username,displayName,role,region,storeId,capacity'];
  const add = (username: string, name: string, role: string, region: string, storeId = '', capacity = 0) =>
    rows.push([username, name, role, region, storeId, capacity].join(','));
  for (const store of stores) {
    const id = store.id.toLowerCase();
    for (const n of [1, 2]) add(`sim.store.${id}.${n}`, `${store.id}营业员${n}`, 'store', store.region, store.id);
    add(`sim.club.${id}`, `${store.id}俱乐部`, 'club', store.region, store.id);
  }
  const managers = Math.max(1, Math.ceil(subscribers / 150));
  for (const region of new Set(stores.map((store) => store.region))) {
    const first = stores.find((store) => store.region === region)!;
    for (let n = 1; n <= managers; n++)
      add(`sim.am.${region}.${n}`, `${region}客户经理${n}`, 'account_manager', region, first.id, managerCapacity);
  }
  const callCentre = Math.max(1, Math.ceil(subscribers / 200));
  for (const role of ['followup', 'telemarketing', 'hotline'] as const)
    for (let n = 1; n <= callCentre; n++) add(`sim.${role}.${n}`, `${role}${n}`, role, 'jinan');
  add('sim.network.1', '网络优化一', 'network', 'jinan');
  add('sim.supervisor.1', '督导一', 'supervisor', 'jinan');
  return `${rows.join('\n')}\n`;
}
