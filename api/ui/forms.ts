import type { TaskType } from '../../workflows/tasks';

type Form = Record<string, unknown>;

/** Issue categories the follow-up form offers, with the fields each one asks for. */
export const followupIssueFields = {
  tariff: ['handling', 'recommendBetterPlan'],
  signal: ['address', 'description'],
  billing: ['handling'],
  promotion: ['handling', 'offerLaunched'],
  other: ['question', 'answer', 'replyBy'],
} as const;

/**
 * Turns a submitted task form into the outcome the workflow expects. It only reshapes (empty fields
 * dropped, checkboxes to booleans); the outcome schema and the workflow's validator judge it.
 */
export function outcomeFromForm(type: TaskType, form: Form, payload: Record<string, unknown>): unknown {
  const result = text(form.result);
  const note = text(form.note);
  const withNote = { ...(note ? { note } : {}) };
  if (result === 'not_reached') return { result, ...withNote };
  switch (type) {
    case 'onboarding_coaching': {
      const items = (payload.checklist as string[] | undefined) ?? [];
      const checklist: Record<string, unknown> = {};
      for (const item of items) {
        const state = text(form[`item_${item}`]);
        if (state === 'done') checklist[item] = { done: true };
        else if (state === 'skipped')
          checklist[item] = { done: false, skippedReason: text(form[`reason_${item}`]) ?? '' };
      }
      return { checklist };
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
      return { result, issues, ...(feedback ? { feedback } : {}) };
    }
    case 'vas_telemarketing':
      return result === 'accepted' ? { result, accepted: list(form.accepted), ...withNote } : { result, ...withNote };
    case 'vip_service_recommendation':
      return { result, accepted: list(form.accepted), clubInvitationAccepted: form.club === 'on', ...withNote };
    case 'vip_first_call':
      return { result, tierRightsExplained: form.tierRights === 'on', ...withNote };
    case 'callback':
      return { result, answer: text(form.answer) };
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
