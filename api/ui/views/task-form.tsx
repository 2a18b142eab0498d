// Longer than ~250 lines on purpose: each task type's outcome fields are one small component, beside
// the generic form.
import type { ComponentChildren } from 'preact';
import type { FollowupVerificationItem, StaffRole } from '../../../domain/vocabulary';
import { addableAtCounter, correctionFields, verificationResults, type CoachingItem } from '../../../workflows/tasks';
import { followupIssueFields, taskResults, type TaskResult } from '../forms';
import type { PlanChoice } from '../../../domain/plan-fit-analysis';
import type { Localized } from '../../../domain/localized';
import {
  followupIssueGuidance,
  followupVerificationItems,
  followupVerificationLabels,
} from '../../../domain/service-plan';
import type { Ui } from '../page';
import type { TaskPlanContent } from '../task-plan-content';
import { checklistOf, isTaskType, offersOf, type Offer, type TaskPayload } from '../task-payloads';

/**
 * The form at the foot of a task page: none once the task has ended, reassignment for the
 * supervisor, otherwise the outcome fields of the task's type (`outcomeFromForm` reads them back).
 */
export type TaskForm = { kind: 'ended' } | ReassignForm | CompletionForm;

interface FormBase {
  action: string;
  /** A resubmitted form (a double click, a reload after a lost answer) is applied once. */
  requestId: string;
}

export interface ReassignForm extends FormBase {
  kind: 'reassign';
  candidates: { id: string; name: string; storeId: string | null; current: boolean }[];
}

export interface CompletionForm extends FormBase {
  kind: 'complete';
  results: readonly TaskResult[];
  checklist: readonly CoachingItem[];
  /**
   * The follow-up call: each activation detail to verify with what the activation gave (null: not
   * given), its issue categories (with their fields, choices and the plan's guidance) and feedback.
   */
  followup?: {
    onFile: Record<FollowupVerificationItem, string | null>;
    plans: readonly PlanChoice[];
    promotions: TaskPlanContent['promotions'];
  };
  /** The club's work order: its levels and services to record. */
  clubWorkOrder?: {
    levels: readonly { code: string; name: Localized }[];
    services: readonly { code: string; name: Localized; typicalMinutes: number }[];
  };
  /** Checklist items the clerk may add at the counter (not on this subscriber's checklist). */
  addable: readonly CoachingItem[];
  /** The supervisor's pick of a VIP's manager: the managers who could take them. */
  managers?: TaskPlanContent['managers'];
  offers: readonly Offer[];
  club: boolean;
  tierRights: boolean;
  answer: boolean;
  note: boolean;
}

/** The active staff of the task's role a supervisor may hand it to. */
export type Candidate = { id: string; displayName: string; storeId: string | null };

/** What the subscriber's row holds of the details the follow-up call verifies. */
export interface DetailsOnFile {
  name: string | null;
  msisdn: string | null;
  address: string | null;
  idNumberLast4: string | null;
}

export function taskForm(
  task: {
    id: string;
    type: string;
    role: StaffRole;
    status: string;
    assigneeId: string | null;
    subscriber: DetailsOnFile;
  },
  payload: TaskPayload | undefined,
  view: { viewer: StaffRole; candidates: readonly Candidate[]; requestId: string; content: TaskPlanContent },
): TaskForm {
  if (task.status !== 'open') return { kind: 'ended' };
  const base = { requestId: view.requestId, action: `/ui/tasks/${encodeURIComponent(task.id)}` };
  // A supervisor hands other roles' tasks on; their own (a fault, a manager to pick, a ticket to chase) they do.
  if (view.viewer === 'supervisor' && task.role !== 'supervisor') {
    const candidates = view.candidates.map((candidate) => ({
      id: candidate.id,
      name: candidate.displayName,
      storeId: candidate.storeId,
      current: candidate.id === task.assigneeId,
    }));
    return { kind: 'reassign', ...base, action: `${base.action}/reassign`, candidates };
  }
  const type = task.type;
  return {
    kind: 'complete',
    ...base,
    action: `${base.action}/complete`,
    results: isTaskType(type) ? taskResults[type] : [],
    checklist: checklistOf(payload),
    addable:
      type === 'onboarding_coaching' ? addableAtCounter.filter((item) => !checklistOf(payload).includes(item)) : [],
    ...(type === 'vip_assignment' ? { managers: view.content.managers } : {}),
    ...(type === 'first_followup_call'
      ? {
          followup: { onFile: onFile(task.subscriber), plans: view.content.plans, promotions: view.content.promotions },
        }
      : {}),
    ...(payload?.type === 'club_service_order' ? { clubWorkOrder: payload.workOrder } : {}),
    offers: offersOf(payload),
    club: type === 'vip_service_recommendation',
    tierRights: type === 'vip_first_call',
    answer: type === 'callback',
    note: type !== 'onboarding_coaching' && type !== 'first_followup_call' && type !== 'callback',
  };
}

/** The details the follow-up call verifies, as the activation gave them: the contact number is the subscriber's own. */
function onFile(subscriber: DetailsOnFile): Record<FollowupVerificationItem, string | null> {
  return {
    name: subscriber.name,
    id_number: subscriber.idNumberLast4,
    contact_phone: subscriber.msisdn,
    mailing_address: subscriber.address,
  };
}

/** A task form: posted to its action with its request id, a title above and the submit button below. */
function FormCard(props: { form: FormBase; title: string; submit: string; children: ComponentChildren }) {
  return (
    <form method="post" action={props.form.action} class="card">
      <h2>{props.title}</h2>
      <input type="hidden" name="requestId" value={props.form.requestId} />
      {props.children}
      <button class="primary" type="submit">
        {props.submit}
      </button>
    </form>
  );
}

export function ReassignFormView({ ui, form }: { ui: Ui; form: ReassignForm }) {
  const { t } = ui;
  return (
    <FormCard form={form} title={t('task.reassign')} submit={t('task.reassign')}>
      <label>
        {t('task.reassignTo')}{' '}
        <select name="assigneeId">
          {form.candidates.map((candidate) => (
            <option value={candidate.id} disabled={candidate.current}>
              {`${candidate.name} (${candidate.id}${candidate.storeId ? ` · ${candidate.storeId}` : ''})`}
            </option>
          ))}
        </select>
      </label>
    </FormCard>
  );
}

export function CompletionFormView({ ui, form }: { ui: Ui; form: CompletionForm }) {
  const { t } = ui;
  return (
    <FormCard form={form} title={t('task.form')} submit={t('task.submit')}>
      {form.results.length > 0 && (
        <fieldset>
          <legend>{t('field.result')}</legend>
          {form.results.map((result, index) => (
            <label>
              <input type="radio" name="result" value={result} checked={index === 0} /> {t(`result.${result}`)}
            </label>
          ))}
        </fieldset>
      )}
      {form.checklist.map((item) => (
        <fieldset data-item={item}>
          <legend>{t.code(item)}</legend>
          <label>
            <input type="radio" name={`item_${item}`} value="done" checked /> {t('field.done')}
          </label>
          <label>
            <input type="radio" name={`item_${item}`} value="skipped" /> {t('field.skipped')}
          </label>
          <input type="text" name={`reason_${item}`} aria-label={`${t('field.skipped')} ${t.code(item)}`} />
          {item === 'club_recommendation' && <Checkbox name="clubAccepted" label={t('field.clubAccepted')} />}
        </fieldset>
      ))}
      {form.addable.map((item) => (
        <fieldset data-addable={item}>
          <legend>{t('field.addAtCounter')}</legend>
          <Checkbox name={`add_${item}`} label={`${t.code(item)}（${t('field.addAtCounterHint')}）`} />
        </fieldset>
      ))}
      {form.checklist.length > 0 && <Checkbox name="serviceGuide" label={t('field.handbookHandedOut')} />}
      {form.managers && (
        <label data-testid="manager-pick">
          {t('field.managerPick')}{' '}
          <select name="managerId" required>
            <option value="">—</option>
            {form.managers.map((manager) => (
              <option value={manager.id}>
                {`${manager.name} (${manager.id}${manager.storeId ? ` · ${manager.storeId}` : ''}) ${manager.load}/${manager.capacity}`}
              </option>
            ))}
          </select>
          {form.managers.length === 0 && <p class="notice">{t('field.noManagerFree')}</p>}
        </label>
      )}
      {form.followup && <FollowupIssues ui={ui} followup={form.followup} />}
      {form.clubWorkOrder && <ClubWorkOrderFields ui={ui} workOrder={form.clubWorkOrder} />}
      {form.offers.length > 0 && (
        <fieldset>
          <legend>{t('field.accepted')}</legend>
          {form.offers.map((offer) => (
            <label>
              <input type="checkbox" name="accepted" value={offer.code} /> {ui.nameOf(offer)}
            </label>
          ))}
        </fieldset>
      )}
      {form.club && <Checkbox name="club" label={t('field.club')} />}
      {form.tierRights && <Checkbox name="tierRights" label={t('field.tierRights')} />}
      {form.answer && <TextArea name="answer" label={t('field.answer')} rows={3} />}
      {form.note && <TextArea name="note" label={t('field.note')} rows={2} />}
    </FormCard>
  );
}

/** The club's work order: the level the customer's time allows, and each service done or declined. */
function ClubWorkOrderFields({ ui, workOrder }: { ui: Ui; workOrder: NonNullable<CompletionForm['clubWorkOrder']> }) {
  const { t } = ui;
  const say = (text: Localized) => text[ui.layout.locale];
  return (
    <>
      <fieldset data-testid="club-level">
        <legend>{t('field.level')}</legend>
        {workOrder.levels.map((level, index) => (
          <label>
            <input type="radio" name="level" value={level.code} checked={index === 0} /> {say(level.name)}
          </label>
        ))}
      </fieldset>
      <fieldset data-testid="club-services">
        <legend>{t('field.services')}</legend>
        {workOrder.services.map((service) => (
          <p data-service={service.code}>
            {say(service.name)}（{service.typicalMinutes} {t('field.minutes')}）{' '}
            <label>
              <input type="radio" name={`service_${service.code}`} value="done" /> {t('field.done')}
            </label>{' '}
            <label>
              <input type="radio" name={`service_${service.code}`} value="declined" /> {t('field.serviceDeclined')}
            </label>
          </p>
        ))}
      </fieldset>
      <Checkbox name="joinedClub" label={t('field.joinedClub')} />
      <Checkbox name="activitiesTold" label={t('field.activitiesTold')} />
    </>
  );
}

/** The follow-up call's issues: a category ticked opens its fields (`outcomeFromForm` keeps the ticked ones). */
function FollowupIssues({ ui, followup }: { ui: Ui; followup: NonNullable<CompletionForm['followup']> }) {
  const { t } = ui;
  return (
    <>
      <fieldset data-testid="verification">
        <legend>{t('field.verification')}</legend>
        {followupVerificationItems.map((item) => (
          <VerificationItem ui={ui} item={item} onFile={followup.onFile[item]} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('field.issues')}</legend>
        {Object.entries(followupIssueFields).map(([category, fields]) => (
          <fieldset data-issue={category}>
            <legend>
              <Checkbox name={`issue_${category}`} label={t.code(category)} />
            </legend>
            <p class="notice" data-guidance={category}>
              {followupIssueGuidance[category as keyof typeof followupIssueGuidance].text[ui.layout.locale]}
            </p>
            {fields.map((field) => {
              const name = `${category}_${field}`;
              const label = t(`field.${field}`);
              if (field === 'recommendBetterPlan' || field === 'offerLaunched')
                return <Checkbox name={name} label={label} />;
              if (field === 'changePlanTo')
                return (
                  <Select
                    name={name}
                    label={label}
                    options={followup.plans.map((plan) => ({
                      value: plan.code,
                      label: `${ui.nameOf(plan)} (${plan.code})`,
                    }))}
                  />
                );
              if (field === 'promotionCode')
                return (
                  <Select
                    name={name}
                    label={label}
                    options={followup.promotions.map((promotion) => ({
                      value: promotion.code,
                      label: `${promotion.name[ui.layout.locale]}（${t.code(promotion.status)}）`,
                    }))}
                  />
                );
              return (
                <label>
                  {label} <input type={field === 'replyBy' ? 'datetime-local' : 'text'} name={name} />
                </label>
              );
            })}
          </fieldset>
        ))}
      </fieldset>
      <TextArea name="feedback" label={t('field.feedback')} rows={2} />
    </>
  );
}

/**
 * One activation detail to verify: what the activation gave, and verified, corrected (with the
 * detail as the customer gives it) or not confirmed; the browser asks for a choice before posting.
 */
function VerificationItem({ ui, item, onFile }: { ui: Ui; item: FollowupVerificationItem; onFile: string | null }) {
  const { t } = ui;
  const label = followupVerificationLabels[item][ui.layout.locale];
  const given = onFile === null ? t('field.notOnFile') : item === 'id_number' ? t('field.lastFour') + onFile : onFile;
  return (
    <fieldset data-verify={item}>
      <legend>
        {label}: <strong data-on-file={item}>{given}</strong>
      </legend>
      {verificationResults.map((result) => (
        <label>
          <input type="radio" name={`verify_${item}`} value={result} required /> {t(`verification.${result}`)}
        </label>
      ))}
      <label>
        {t('field.correctedTo')}{' '}
        <input type="text" name={correctionFields[item]} aria-label={`${label} ${t('field.correctedTo')}`} />
      </label>
    </fieldset>
  );
}

/** A choice from a list, or none (the empty first option). */
function Select({
  name,
  label,
  options,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label>
      {label}{' '}
      <select name={name}>
        <option value="">—</option>
        {options.map((option) => (
          <option value={option.value}>{option.label}</option>
        ))}
      </select>
    </label>
  );
}

function Checkbox({ name, label }: { name: string; label: string }) {
  return (
    <label>
      <input type="checkbox" name={name} /> {label}
    </label>
  );
}

function TextArea({ name, label, rows }: { name: string; label: string; rows: number }) {
  return (
    <p>
      <label>
        {label}
        <br />
        <textarea name={name} rows={rows}></textarea>
      </label>
    </p>
  );
}
