import type { Ui } from '../page';
import { type TaskPayload } from '../task-payloads';
import type { Localized } from '../../../domain/localized';
import { finalCustomerReminder, followupVerification } from '../../../domain/service-plan';
import { PlanFitShownView } from './plan-fit-view';
import type { TaskPlanContent } from '../task-plan-content';
import { taskHref } from './task-rows';
/** The figures of the task's own payload, and the plan's content, that go with the script. */
export function TaskFigures({ ui, payload, content }: { ui: Ui; payload: TaskPayload; content: TaskPlanContent }) {
  const { t } = ui;
  const say = (text: Localized) => text[ui.layout.locale];
  switch (payload.type) {
    case 'onboarding_coaching':
      return (
        <>
          <p class="notice" data-testid="final-customer">
            {t('field.finalCustomerReminder')}: {say(finalCustomerReminder.text)}
          </p>
          {payload.checklist.map((item) => (
            <section data-points={item}>
              <h3>{t.code(item)}</h3>
              <ul>
                {(content.points[item] ?? []).map((point) => (
                  <li data-point={point.code}>{say(point.text)}</li>
                ))}
              </ul>
            </section>
          ))}
        </>
      );
    case 'first_followup_call':
      return (
        <>
          <p data-testid="verification">{say(followupVerification.text)}</p>
          <ol>
            {payload.script.map((step) => (
              <li>{t.code(step)}</li>
            ))}
          </ol>
          {payload.planFit && (
            <section data-testid="plan-fit-on-call">
              <h3>{t('field.planFitOnCall')}</h3>
              <PlanFitShownView ui={ui} planFit={payload.planFit} />
            </section>
          )}
        </>
      );
    case 'vip_first_call':
      return (
        <>
          {payload.deeperFollowup && (
            <p class="notice" data-testid="deeper-followup">
              {t('field.deeperFollowup')}
            </p>
          )}
          <section data-testid="tier-rights">
            <h3>{t.code('tier_rights')}</h3>
            <ul>
              {(content.points.tier_rights ?? []).map((point) => (
                <li data-point={point.code}>{say(point.text)}</li>
              ))}
            </ul>
          </section>
        </>
      );
    case 'plan_fit_consultation':
      return <PlanFitShownView ui={ui} planFit={payload.planFit} />;
    case 'vip_service_recommendation':
      return (
        <>
          {payload.tieredServices && (
            <section data-testid="tiered-services">
              <h3>{t('field.tieredServices')}</h3>
              <ul>
                {payload.tieredServices.map((service) => (
                  <li>
                    <strong>{say(service.name)}</strong>：{say(service.detail)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {payload.clubActivities && <ClubActivities ui={ui} activities={payload.clubActivities} />}
        </>
      );
    case 'club_service_order':
      return (
        <>
          <section data-testid="club-levels">
            <h3>{t('field.level')}</h3>
            <ul>
              {payload.workOrder.levels.map((level) => (
                <li>
                  <strong>{say(level.name)}</strong>（{level.minMinutes}–{level.maxMinutes} {t('field.minutes')}）：
                  {say(level.forCustomers)}
                </li>
              ))}
            </ul>
          </section>
          <ClubActivities ui={ui} activities={payload.workOrder.activities} />
        </>
      );
    case 'vas_order':
      return (
        <p data-testid="ordered-service">
          {t('field.orderedService')}: <strong>{ui.nameOf(payload.service)}</strong> ({payload.service.code})
        </p>
      );
    case 'callback':
      return (
        <p data-testid="question">
          {t('field.question')}: {payload.question}
        </p>
      );
    case 'payment_reminder_call':
      return (
        <p>
          {t('field.firstPaymentDueAt')}: {ui.time(payload.firstPaymentDueAt)}
        </p>
      );
    case 'hotline_callback':
      return (
        <p>
          {t('field.hangupAt')}: {ui.time(payload.hangupAt)}
        </p>
      );
    case 'journey_fault':
      return (
        <dl data-testid="journey-fault">
          <dt>{t('field.faultPart')}</dt>
          <dd>{t.code(payload.part)}</dd>
          <dt>{t('field.faultReason')}</dt>
          <dd>
            <code>{payload.reason}</code>
          </dd>
          <dt>{t('field.failedAt')}</dt>
          <dd>{ui.time(payload.failedAt)}</dd>
        </dl>
      );
    case 'vip_assignment':
      return (
        <dl data-testid="vip-assignment">
          <dt>{t('field.tier')}</dt>
          <dd>{t.code(payload.tier)}</dd>
          <dt>{t('col.store')}</dt>
          <dd>{payload.storeId}</dd>
          <dt>{t('field.ratedAt')}</dt>
          <dd>{ui.time(payload.ratedAt)}</dd>
          <dt>{t('field.slaDeadline')}</dt>
          <dd>{ui.time(payload.slaDeadline)}</dd>
          <dt>{t('field.assignmentAttempts')}</dt>
          <dd>{payload.attempts}</dd>
        </dl>
      );
    case 'network_ticket':
      return (
        <dl data-testid="network-ticket">
          <dt>{t('field.address')}</dt>
          <dd>{payload.address}</dd>
          <dt>{t('field.description')}</dt>
          <dd>{payload.description}</dd>
          <dt>{t('field.reportedAt')}</dt>
          <dd>{ui.time(payload.reportedAt)}</dd>
          <dt>{t('field.ticketId')}</dt>
          <dd>{payload.ticketId}</dd>
        </dl>
      );
    case 'network_ticket_overdue':
      return (
        <dl data-testid="network-ticket-overdue">
          <dt>{t('field.ticketId')}</dt>
          <dd>
            {payload.ticketTaskId ? <a href={taskHref(payload.ticketTaskId)}>{payload.ticketId}</a> : payload.ticketId}
          </dd>
          <dt>{t('journey.ticketDue')}</dt>
          <dd>{ui.time(payload.dueAt)}</dd>
        </dl>
      );
    case 'plan_change_refused':
      return (
        <dl data-testid="plan-change-refused">
          <dt>{t('field.planChangeAsked')}</dt>
          <dd>
            {payload.fromPlanCode} → {payload.toPlanCode}
          </dd>
          <dt>{t('field.bssReason')}</dt>
          <dd>{payload.reason}</dd>
        </dl>
      );
    default:
      return null;
  }
}

/** The club's coming activities near the customer, to invite them to. */
function ClubActivities({
  ui,
  activities,
}: {
  ui: Ui;
  activities: readonly { id: string; title: Localized; venue: Localized; startsAt: string }[];
}) {
  const { t } = ui;
  const say = (text: Localized) => text[ui.layout.locale];
  return (
    <section data-testid="club-activities">
      <h3>{t('field.clubActivities')}</h3>
      {activities.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <ul>
          {activities.map((activity) => (
            <li>
              {ui.time(activity.startsAt)} · {say(activity.title)} · {say(activity.venue)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
