import type { Experiment } from '../domain/control-group';
import type { DndSource } from '../domain/do-not-disturb';
import type { Locale, PaymentType, PlanTerms, Tier, UsageMonth } from '../domain/vocabulary';
import type { JourneySchedule } from './schedule';
import type { TaskStatus, TaskType, JourneyTask } from './tasks';

/** The subscriber as the activation system describes them (never with the initial password). */
export interface ActivationProfile {
  subscriberId: string;
  msisdn: string;
  name: string;
  address?: string;
  /**
   * The last four characters of the ID number (身份证号码后四位), which the follow-up call verifies;
   * the activation carries no more of the number. Personal data, like the name and address.
   */
  idNumberLast4?: string;
  /** ISO time; the journey's offsets count from here. */
  activatedAt: string;
  storeId: string;
  planCode: string;
  paymentType: PaymentType;
  tier: Tier;
  /** The number came from another operator (携号转网): the customer keeps it, so nothing changes for their contacts. */
  portIn: boolean;
  /**
   * The number this one replaces (换号入网: a new number instead of an old one), which brings
   * number-change coaching. Personal data, like the number.
   */
  previousMsisdn?: string;
  /** Contract plan (合约计划): prepaid amount and the monthly return, in yuan. */
  contract?: { prepay: number; monthlyReturn: number };
  /** Do-not-disturb; when absent, diamond subscribers are DND by default and everyone else is not. */
  dnd?: boolean;
  /** ISO time of the first payment due date from billing; by default derived from `activatedAt`. */
  firstPaymentDueAt?: string;
  locale: Locale;
}

/** The workflow id of a subscriber's journey: one journey per subscriber, whoever starts it. */
export function journeyWorkflowId(subscriberId: string): string {
  return `journey-${subscriberId}`;
}

/**
 * The workflow id of a promise the journey hands over at its end (workflows/launch-promise.ts): the
 * journey's own id and a suffix, so its payloads are sealed with the same subscriber's data key and an
 * erasure leaves them unreadable too.
 */
export function launchPromiseWorkflowId(subscriberId: string, promotionCode: string): string {
  return `${journeyWorkflowId(subscriberId)}:launch-${promotionCode}`;
}

/** What starts a journey. */
export interface JourneyInput {
  subscriber: ActivationProfile;
  /** Id of the sealed initial service password, read once by the SMS activity; never the password. */
  passwordSecretId?: string;
  schedule: JourneySchedule;
  /**
   * The plan's terms as the API accepted the activation: the welcome SMS then goes out beside the
   * journey's registration rather than after it. Without them the journey registers first.
   */
  plan?: PlanTerms;
  /**
   * The subscriber's group in the control-group experiment (docs/control-group.md), decided by the API
   * at activation; a control journey skips `touch`. Absent: outside the experiment (VIPs, experiment
   * off, journeys started before it existed), and every touch happens.
   */
  experiment?: Experiment;
}

/** The moments of the timeline, in order; `moment` in the state is the latest one that began. */
export const moments = [
  'activation',
  'onboarding_coaching',
  'first_followup',
  'payment_coaching',
  'service_recommendation',
  'plan_fit',
  'completed',
  'cancelled',
] as const;
export type Moment = (typeof moments)[number];

export interface TimelineEntry {
  at: string;
  kind: string;
  detail?: Record<string, unknown>;
}

export interface SmsRecord {
  idempotencyKey: string;
  template: string;
  category: 'service' | 'marketing';
  at: string;
}

/** The VIP's account manager, as assigned by the assignment activity. */
export interface AccountManager {
  staffId: string;
  name: string;
  assignedAt: string;
}

export type { DndSource };

/**
 * A signal problem forwarded to the network department, tracked until the BSS or the network team says
 * it is resolved.
 */
export interface NetworkTicketState {
  ticketId: string;
  status: 'open' | 'resolved';
  /** When the network department should have answered (tickets opened before deadlines have none). */
  dueAt?: string;
  escalatedAt?: string;
  /** The network team's task for it (tickets opened before the team had an inbox have none). */
  taskId?: string;
  /** Who said it is resolved: the BSS's event, or the network team's task. */
  resolvedBy?: 'bss' | 'network';
}

/** Everything a journey knows, returned by the `journeyState` query. */
export interface JourneyState {
  journeyId: string;
  status: 'running' | 'completed' | 'cancelled';
  moment: Moment;
  subscriber: ActivationProfile;
  plan?: PlanTerms;
  tier: Tier;
  dnd: boolean;
  /** Why DND is as it is: the diamond default follows the tier; a customer's own wish stays. */
  dndSource?: DndSource;
  accountManager?: AccountManager;
  firstPaymentDueAt: string;
  paymentMadeAt?: string;
  usage: UsageMonth[];
  tasks: JourneyTask[];
  sms: SmsRecord[];
  networkTickets: NetworkTicketState[];
  /** The services the marketing SMS offered: a reply naming one becomes an order. */
  marketingOffers?: { code: string; name: string; nameEn: string }[];
  timeline: TimelineEntry[];
  /** As recorded at the start (see {@link JourneyInput.experiment}). */
  experiment?: Experiment;
  endedAt?: string;
  endReason?: string;
}

/** The journey's result, recorded at the end (day 90, or when the subscriber leaves). */
export interface JourneySummary {
  journeyId: string;
  subscriberId: string;
  status: 'completed' | 'cancelled';
  endReason: string;
  endedAt: string;
  momentsReached: Moment[];
  tier: Tier;
  tasks: { id: string; type: TaskType; status: TaskStatus; escalated: boolean; outcome?: unknown }[];
  tasksByStatus: Record<TaskStatus, number>;
  /** Tasks that passed their due time while open (each escalated once). */
  slaBreaches: { taskId: string; type: TaskType; dueAt: string; escalatedAt: string }[];
  smsSent: number;
}
