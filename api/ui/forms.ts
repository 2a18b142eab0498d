import { followupVerificationItems } from '../../domain/service-plan';
import {
  addableAtCounter,
  correctionFields,
  type CoachingItem,
  type TaskOutcome,
  type TaskType,
} from '../../workflows/tasks';

type Form = Record<string, unknown>;

/** The results an outcome of task type `T` may have (none for the onboarding checklist). */
export type TaskResult<T extends TaskType = TaskType> =
  TaskOutcome<T> extends infer Outcome ? (Outcome extends { result: infer Result } ? Result : never) : never;

/** The results the task form offers per task type, the first one chosen. */
export const taskResults: { [T in TaskType]: readonly TaskResult<T>[] } = {
  onboarding_coaching: [],
  first_followup_call: ['reached', 'not_reached'],
  vip_first_call: ['reached', 'not_reached'],
  payment_reminder_call: ['reached', 'not_reached'],
  hotline_callback: ['reached', 'not_reached'],
  vas_telemarketing: ['accepted', 'declined', 'do_not_disturb', 'not_reached'],
  vip_service_recommendation: ['reached', 'not_reached'],
  plan_fit_consultation: ['accepted', 'declined', 'not_reached'],
  callback: ['answered', 'not_reached'],
  club_service_order: ['served', 'not_reached'],
  vas_order: ['ordered', 'declined', 'not_reached'],
  journey_fault: ['resolved'],
  vip_assignment: ['assigned'],
  network_ticket: ['resolved'],
  network_ticket_overdue: ['followed_up'],
  plan_change_refused: ['reached', 'not_reached'],
};

/** Issue categories the follow-up form offers, with the fields each one asks for. */
export const followupIssueFields = {
  tariff: ['handling', 'recommendBetterPlan', 'changePlanTo'],
  signal: ['address', 'description'],
  billing: ['handling'],
  promotion: ['handling', 'offerLaunched', 'promotionCode'],
  other: ['question', 'answer', 'replyBy'],
} as const;

/** The follow-up call's fields that are choices from a list the page offers (a select), not free text. */
export const followupChoiceFields = ['changePlanTo', 'promotionCode'] as const;

/**
 * Turns a submitted task form into the outcome the workflow expects. It only reshapes (empty fields
 * dropped, checkboxes to booleans); the outcome schema and the workflow's validator judge it, also
 * for a task type this code does not know yet (a newer worker's).
 */
export function outcomeFromForm(type: string, form: Form, checklist: readonly CoachingItem[]): unknown {
  const result = text(form.result);
  const note = text(form.note);
  const withNote = { ...(note ? { note } : {}) };
  if (result === 'not_reached') return { result, ...withNote };
  switch (type) {
    case 'onboarding_coaching': {
      const answers: Record<string, unknown> = {};
      for (const item of checklist) {
        const state = text(form[`item_${item}`]);
        const club = item === 'club_recommendation' ? { clubAccepted: form.clubAccepted === 'on' } : {};
        if (state === 'done') answers[item] = { done: true, ...club };
        else if (state === 'skipped')
          answers[item] = { done: false, skippedReason: text(form[`reason_${item}`]) ?? '' };
      }
      // Done at the counter though the activation did not ask for it (a number replaced that it did not name).
      for (const item of addableAtCounter) {
        if (!checklist.includes(item) && form[`add_${item}`] === 'on') answers[item] = { done: true };
      }
      return { checklist: answers, serviceGuideHandedOut: form.serviceGuide === 'on' };
    }
    case 'first_followup_call': {
      const issues = Object.entries(followupIssueFields)
        .filter(([category]) => form[`issue_${category}`] === 'on')
        .map(([category, fields]) => {
          const issue: Record<string, unknown> = { category };
          for (const field of fields) {
            const value = form[`${category}_${field}`];
            if (field === 'recommendBetterPlan' || field === 'offerLaunched') issue[field] = value === 'on';
            else if (field === 'replyBy') {
              const local = text(value);
              // The form's datetime-local is the business clock (Asia/Shanghai).
              if (local) issue[field] = `${local.length === 16 ? `${local}:00` : local}+08:00`;
            } else if (text(value)) issue[field] = text(value);
          }
          return issue;
        });
      const feedback = text(form.feedback);
      // An item left unanswered is left out, for the schema to name it.
      const verification = Object.fromEntries(
        followupVerificationItems.flatMap((item) => {
          const answer = text(form[`verify_${item}`]);
          return answer ? [[item, answer]] : [];
        }),
      );
      const corrections = Object.fromEntries(
        Object.values(correctionFields).flatMap((field) => {
          const value = text(form[field]);
          return value ? [[field, value]] : [];
        }),
      );
      return { result, issues, verification, ...corrections, ...(feedback ? { feedback } : {}) };
    }
    case 'club_service_order': {
      const services = Object.fromEntries(
        Object.entries(form)
          .filter(([name]) => name.startsWith('service_'))
          .map(([name, value]) => [name.slice('service_'.length), value === 'done' ? { done: true } : { done: false }]),
      );
      return {
        result,
        level: text(form.level),
        services,
        joinedClub: form.joinedClub === 'on',
        activitiesTold: form.activitiesTold === 'on',
        ...withNote,
      };
    }
    case 'vas_telemarketing':
      return result === 'accepted' ? { result, accepted: list(form.accepted), ...withNote } : { result, ...withNote };
    case 'vip_service_recommendation':
      return { result, accepted: list(form.accepted), clubInvitationAccepted: form.club === 'on', ...withNote };
    case 'vip_first_call':
      return { result, tierRightsExplained: form.tierRights === 'on', ...withNote };
    case 'callback':
      return { result, answer: text(form.answer) };
    case 'vip_assignment':
      return { result, managerId: text(form.managerId) ?? '', ...withNote };
    default:
      return { result, ...withNote };
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}
