import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { hoursFor, workingCalendar } from '../activities/business-calendar';
import { BUSINESS_TIME_ZONE, wallClock } from '../domain/calendar';
import type { StaffRole } from '../domain/vocabulary';
import { isWorkingDay, minutesOfDay, type WorkingCalendar } from '../domain/working-time';
import type { PrismaClient } from '../platform/database';
import { stores } from '../prisma/seed-data';
import type { ApiClient } from './api-client';
import type { SimClock } from './clock';
import { outcomeFor, type SeenTask } from './outcomes';
import type { Random } from './random';

const HOUR = 3_600_000;

/** A staff member the administrator imported, signed in. */
export interface SignedInStaff {
  username: string;
  staffId: string;
  role: StaffRole;
  storeId?: string;
  token: string;
}

/**
 * Staff come as in production: the administrator imports the roster (`npm run staff:import`), hands
 * each new member the one-time link it prints, and each sets a password on the link's page and signs in.
 */
export async function onboardStaff(
  importOutput: string,
  api: ApiClient,
  prisma: PrismaClient,
): Promise<SignedInStaff[]> {
  const links = [...importOutput.matchAll(/^(\S+)\s+(http\S+set-password\?token=(\S+))/gm)];
  if (links.length === 0) throw new Error(`the roster import printed no set-password links:\n${importOutput}`);
  const signedIn: SignedInStaff[] = [];
  for (const [, username, , token] of links) {
    const password = randomBytes(12).toString('base64url');
    const set = await api.call('POST', '/ui/set-password', {
      form: { token: token!, password, confirmation: password },
    });
    if (set.status !== 303) throw new Error(`setting ${username}'s password answered ${set.status}`);
    const session = await api.call<{ token: string }>('POST', '/v1/sessions', { body: { username, password } });
    if (session.status !== 200) throw new Error(`${username} could not sign in: ${session.status}`);
    const row = await prisma.staff.findUniqueOrThrow({ where: { username: username! } });
    signedIn.push({
      username: username!,
      staffId: row.id,
      role: row.role,
      ...(row.storeId ? { storeId: row.storeId } : {}),
      token: session.body.token,
    });
  }
  return signedIn;
}

/** How staff work: how much they get through, and how often they are late or do not reach the customer. */
export interface StaffBehaviour {
  /** Tasks each staff member works per simulated working hour. */
  tasksPerHour: number;
  /** Of the tasks they take up: done late (past the due time), left alone, calls not reached. */
  late: number;
  neglected: number;
  notReached: number;
  /** Supervisors give this share of escalated tasks to a colleague. */
  reassign: number;
}

export interface InboxTask {
  id: string;
  type: string;
  role: StaffRole;
  subscriberId: string;
  availableAt: string;
  dueAt: string;
  escalatedAt: string | null;
  assigneeId: string | null;
}

/** What the bots did, for the report. */
export interface StaffLedger {
  completed: number;
  notReached: number;
  reassigned: number;
  refused: Map<string, number>;
  unknownTypes: Set<string>;
}

/**
 * One staff member working their inbox through the API within their calendar's hours (simulated
 * time): each task taken up is done, done late, left alone, or (a call) not reached, as `behaviour` says.
 */
export class StaffBot {
  private readonly plans = new Map<string, 'do' | 'late' | 'neglect'>();
  private calendar?: { calendar: WorkingCalendar; opens: number; closes: number };

  constructor(
    readonly member: SignedInStaff,
    private readonly colleagues: SignedInStaff[],
    private readonly api: ApiClient,
    private readonly clock: SimClock,
    private readonly random: Random,
    private readonly behaviour: StaffBehaviour,
    private readonly ledger: StaffLedger,
  ) {}

  async run(prisma: PrismaClient, until: () => boolean): Promise<void> {
    const hours = await hoursFor(
      prisma,
      this.member.role === 'supervisor' ? 'store' : this.member.role,
      this.member.storeId,
    );
    this.calendar = {
      calendar: workingCalendar(hours.hours, this.clock.now()),
      opens: minutesOfDay(hours.hours.opens),
      closes: minutesOfDay(hours.hours.closes),
    };
    // A look at the inbox every two simulated hours of work (at least every quarter of a second: a
    // compressed day must not turn staff into a load test of the inbox).
    const pause = Math.max(250, this.clock.realSpan(2 * HOUR));
    const perLook = Math.max(1, Math.round((this.behaviour.tasksPerHour * pause * this.clock.clock.factor) / HOUR));
    while (!until()) {
      if (this.onShift()) await this.workInbox(perLook);
      await sleep(pause);
    }
  }

  private onShift(): boolean {
    const { calendar, opens, closes } = this.calendar!;
    const now = this.clock.now();
    const local = wallClock(now, BUSINESS_TIME_ZONE);
    const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
    const minute = local.hour * 60 + local.minute;
    const allDay = closes <= opens;
    return isWorkingDay(calendar, date) && (allDay || (minute >= opens && minute < closes));
  }

  private async workInbox(capacity: number): Promise<void> {
    const page = await this.api.call<{ tasks: InboxTask[] }>('GET', '/v1/tasks?status=open&limit=100', {
      token: this.member.token,
    });
    if (page.status !== 200) return;
    let done = 0;
    for (const task of page.body.tasks) {
      if (done >= capacity) return;
      if (Date.parse(task.availableAt) > Date.now()) continue;
      if (this.member.role === 'supervisor' && task.role !== 'supervisor') {
        // Escalated work, and a manager's call with no manager yet, are the supervisor's to route.
        const unassigned = task.role === 'account_manager' && !task.assigneeId;
        if ((task.escalatedAt || unassigned) && !this.plans.has(task.id) && (await this.route(task, unassigned)))
          done++;
        continue;
      }
      const plan = this.planFor(task);
      if (plan === 'neglect') continue;
      if (plan === 'late' && Date.now() < Date.parse(task.dueAt) + this.clock.realSpan(6 * HOUR)) continue;
      if (await this.work(task)) done++;
    }
  }

  private planFor(task: InboxTask): 'do' | 'late' | 'neglect' {
    let plan = this.plans.get(task.id);
    if (!plan) {
      const { late, neglected } = this.behaviour;
      plan = this.random.weighted({ do: 1 - late - neglected, late, neglect: neglected });
      this.plans.set(task.id, plan);
    }
    return plan;
  }

  /** Opens the task's journey as its page does, records the outcome, and says whether it was taken. */
  private async work(task: InboxTask): Promise<boolean> {
    const journey = await this.api.call<{ tasks: SeenTask[] }>('GET', `/v1/subscribers/${task.subscriberId}`, {
      token: this.member.token,
    });
    const seen = journey.status === 200 ? journey.body.tasks.find((candidate) => candidate.id === task.id) : undefined;
    if (!seen) return false;
    const notReached = this.random.chance(this.behaviour.notReached);
    const outcome = outcomeFor(seen, this.random, {
      notReached,
      realDay: this.clock.msPerDay,
      managersOf: (storeId) => {
        const region = stores.find((store) => store.id === storeId)?.region;
        const regionStores = stores.filter((store) => store.region === region).map((store) => store.id);
        return this.colleagues
          .filter((colleague) => colleague.role === 'account_manager' && regionStores.includes(colleague.storeId ?? ''))
          .map((colleague) => colleague.staffId);
      },
    });
    if (!outcome) {
      this.ledger.unknownTypes.add(task.type);
      this.plans.set(task.id, 'neglect');
      return false;
    }
    const answer = await this.api.call('POST', `/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      token: this.member.token,
      body: { outcome },
      idempotencyKey: randomBytes(8).toString('hex'),
    });
    if (answer.status === 200) {
      if (outcome.result === 'not_reached') this.ledger.notReached++;
      else this.ledger.completed++;
      return true;
    }
    const key = `${task.type} ${answer.status}`;
    this.ledger.refused.set(key, (this.ledger.refused.get(key) ?? 0) + 1);
    return false;
  }

  /** A supervisor gives some escalated tasks (and every unassigned one) to a colleague of the task's role. */
  private async route(task: InboxTask, always: boolean): Promise<boolean> {
    this.plans.set(task.id, 'do');
    if (!always && !this.random.chance(this.behaviour.reassign)) return false;
    const row = await this.api.call<{ tasks: { id: string; storeId?: string }[] }>(
      'GET',
      `/v1/subscribers/${task.subscriberId}`,
      { token: this.member.token },
    );
    const storeId = row.body?.tasks?.find((candidate) => candidate.id === task.id)?.storeId;
    const others = this.colleagues.filter(
      (colleague) =>
        colleague.role === task.role &&
        colleague.staffId !== task.assigneeId &&
        (task.role !== 'store' || !storeId || colleague.storeId === storeId),
    );
    if (others.length === 0) return false;
    const answer = await this.api.call('POST', `/v1/tasks/${encodeURIComponent(task.id)}/reassign`, {
      token: this.member.token,
      body: { assigneeId: this.random.pick(others).staffId },
      idempotencyKey: randomBytes(8).toString('hex'),
    });
    if (answer.status === 200) this.ledger.reassigned++;
    return answer.status === 200;
  }
}
