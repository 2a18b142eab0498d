import type { ClubActivity, ClubService, ClubServiceLevel } from '../domain/club';
import type { Localized } from '../domain/localized';
import type { PlanFitResult } from '../domain/plan-fit-analysis';
import type { Promotion } from '../domain/promotions';
import type { SmsCategory, SmsRequest, SmsTemplate } from '../domain/sms-templates';
import type { TieredService } from '../domain/tiered-services';
import type { RankedService } from '../domain/vas-ranking';
import type { Locale, PlanTerms, StaffRole, Tier, UsageMonth } from '../domain/vocabulary';
import type { WorkingDeadline } from '../domain/working-time';
import type { ActivationProfile, JourneyState, JourneySummary, Moment } from './state';
import type { JourneyTask } from './tasks';

/**
 * Every activity the workflows may call, as they call it, and what they exchange with it. Workflow
 * code proxies this contract (activity-proxies.ts) rather than the worker's implementation, so it
 * never reaches into activities/ (lint refuses that); activities/index.ts `satisfies` it, so an
 * implementation that drifts from what the journeys send or expect fails the typecheck.
 */
export interface ActivityContract {
  /** Proves the worker's database connection works (the platform probe). */
  describeDatabase: () => Promise<{ serverVersion: string }>;

  registerJourney: (request: { journeyId: string; subscriber: ActivationProfile }) => Promise<{ plan: PlanTerms }>;
  recordJourneyEnd: (request: {
    journeyId: string;
    status: 'completed' | 'cancelled';
    summary: JourneySummary;
  }) => Promise<void>;
  updateSubscriber: (change: SubscriberChange) => Promise<void>;
  loadPlan: (request: { planCode: string }) => Promise<PlanTerms>;
  recordUsage: (request: { subscriberId: string; usage: UsageMonth }) => Promise<void>;
  recordAudit: (event: AuditEntry) => Promise<void>;

  recordMoment: (request: { journeyId: string; moment: Moment; record?: JourneyRecordWrite }) => Promise<void>;
  recordJourneyState: (record: JourneyRecordWrite) => Promise<void>;

  saveTask: (write: TaskWrite & { audit?: AuditEntry }) => Promise<void>;
  openTask: (write: TaskWrite & { deadline: Omit<TaskDeadlinesRequest, 'openedAt'> }) => Promise<TaskDeadlines>;

  sendSms: (request: SendSmsRequest) => Promise<SentSms>;
  keepLaunchPromise: (request: LaunchPromiseInput) => Promise<{ sent: boolean }>;
  replyToInboundSms: (request: Omit<SendSmsRequest, 'sms'> & { text: string }) => Promise<SentSms>;

  assignAccountManager: (request: AccountManagerRequest) => Promise<AccountManagerAssignment>;

  analysePlanFit: (request: {
    planCode: string;
    usage: UsageMonth[];
    overageThreshold: number;
  }) => Promise<PlanFitResult>;
  recommendServices: (request: {
    planCode: string;
    usage: UsageMonth[];
    min: number;
    max: number;
  }) => Promise<RankedService[]>;

  clubWorkOrder: (request: {
    storeId: string;
    from: string;
  }) => Promise<{ levels: ClubServiceLevel[]; services: ClubService[]; activities: ClubActivity[] }>;
  vipServiceOffer: (request: {
    tier: Tier;
    storeId: string;
    from: string;
  }) => Promise<{ tieredServices: TieredService[]; clubActivities: ClubActivity[] }>;
  /** Null for a code the catalog does not hold. */
  findPromotion: (request: { code: string }) => Promise<Promotion | null>;

  openNetworkTicket: (request: NetworkTicketRequest) => Promise<{ ticketId: string }>;
  resolveNetworkTicket: (request: { ticketId: string }) => Promise<void>;

  placeBssOrder: (request: { audit: AuditEntry; order: BssOrderRequest }) => Promise<{ orderId: string }>;
}

/** One entry of the audit trail, written once per idempotency key. */
export interface AuditEntry {
  idempotencyKey: string;
  journeyId: string;
  subscriberId: string;
  type: string;
  actor: string;
  data: Record<string, unknown>;
}

/** A write of the journey's record: the state as the journey holds it, and the journey's write counter. */
export interface JourneyRecordWrite {
  state: JourneyState;
  revision: number;
}

/** A task as the journey holds it, for the staff inbox table. */
export interface TaskWrite {
  journeyId: string;
  subscriberId: string;
  task: JourneyTask;
}

export interface TaskDeadlinesRequest {
  role: StaffRole;
  /** The store whose hours count for store, club and account-manager tasks. */
  storeId?: string;
  openedAt: string;
  deadline: WorkingDeadline;
  /** How long an overdue task stays open, in working hours. */
  overdueGraceHours: number;
}

export interface TaskDeadlines {
  dueAt: string;
  /** When the task expires if it is still open after its escalation. */
  expiresAt: string;
  calendarVersion: string;
  /** The calendar left no working time in the plan's window: `dueAt` is the window's end. */
  dueAtWindowEnd: boolean;
}

/** What the journey asks the SMS activity to send. */
export interface SendSmsRequest {
  /** `<journey id>:sms:<purpose>`: the same key never sends twice. */
  idempotencyKey: string;
  subscriberId: string;
  msisdn: string;
  locale: Locale;
  sms: SmsRequest;
}

/** What an SMS sent was, as the journey notes it. */
export interface SentSms {
  template: SmsTemplate;
  category: SmsCategory;
}

/** What a journey hands over when a promotion the customer asked about launches after its day 90. */
export interface LaunchPromiseInput {
  journeyId: string;
  subscriberId: string;
  locale: Locale;
  promotion: { code: string; name: Localized; description: Localized };
  /** The launch day's first instant outside quiet hours, as the journey's clock read it (ISO). */
  sendAt: string;
}

/** A VIP's request for an account manager, once per `assignmentKey`. */
export interface AccountManagerRequest {
  assignmentKey: string;
  subscriberId: string;
  storeId: string;
  tier: Tier;
  /** The journey's clock at the request (ISO): the assignment is never dated before it. */
  requestedAt: string;
  /** When the subscriber became VIP (ISO): the assignment SLA (3 days) counts from it. */
  ratedAt?: string;
  /** The manager the supervisor picked (a `vip_assignment` task): that one, if still eligible. */
  managerId?: string;
}

/** The manager a VIP was given. */
export interface AccountManagerAssignment {
  staffId: string;
  name: string;
  assignedAt: string;
}

/** What the journey asks the BSS to do: a plan change the customer asked for on the follow-up call. */
export interface BssOrderRequest {
  kind: 'plan_change';
  fromPlanCode: string;
  toPlanCode: string;
}

/** A change of the subscriber's row: what the journey learnt (tier, DND, plan, contact details). */
export interface SubscriberChange {
  subscriberId: string;
  tier?: Tier;
  dnd?: boolean;
  planCode?: string;
  name?: string;
  address?: string;
  idNumberLast4?: string;
}

/** A signal problem for the network department, once per idempotency key. */
export interface NetworkTicketRequest {
  idempotencyKey: string;
  journeyId: string;
  subscriberId: string;
  taskId: string;
  address: string;
  description: string;
}
