import type { Ui } from '../page';
import { type PlanFitRecommendation, type PlanFitShown } from '../task-payloads';
/** Any plan-fit analysis in words: a recommendation, a large overage with its outside-the-rule suggestion, or a fit. */
export function PlanFitShownView({ ui, planFit }: { ui: Ui; planFit: PlanFitShown }) {
  const { t } = ui;
  const yuan = (amount: number) => `${amount.toFixed(2)} ${t('yuan')}`;
  switch (planFit.kind) {
    case 'recommend':
      return <PlanFit ui={ui} planFit={planFit} />;
    case 'large_overage':
      return (
        <>
          <p class="notice" data-testid="large-overage">
            {t('planFit.largeOverage')}
          </p>
          <dl data-testid="plan-fit">
            <dt>{t('field.currentAverageCost')}</dt>
            <dd>{yuan(planFit.currentAverageCost)}</dd>
            <dt>{t('planFit.outsideRule')}</dt>
            <dd data-testid="outside-rule">
              {planFit.outsideRule ? (
                <>
                  <strong>
                    {ui.nameOf(planFit.outsideRule.plan)} ({planFit.outsideRule.plan.code})
                  </strong>{' '}
                  · {t('field.expectedCost')} {yuan(planFit.outsideRule.expectedMonthlyCost)} · {t('field.saving')}{' '}
                  {yuan(planFit.outsideRule.expectedMonthlySaving)}
                </>
              ) : (
                t('planFit.noCheaperPlan')
              )}
            </dd>
          </dl>
          <p class="script" data-testid="plan-fit-script">
            {ui.layout.locale === 'en' ? planFit.script.en : planFit.script.zh}
          </p>
        </>
      );
    case 'fits':
      return <p>{t('field.planFits')}</p>;
    case 'no_usage':
      return <p>{t('field.noUsage')}</p>;
  }
}

/** The plan-fit analysis's recommendation: the plan, the average costs, the saving and what to say. */
function PlanFit({ ui, planFit }: { ui: Ui; planFit: PlanFitRecommendation }) {
  const { t } = ui;
  const { recommended } = planFit;
  const yuan = (amount: number) => `${amount.toFixed(2)} ${t('yuan')}`;
  return (
    <>
      <dl data-testid="plan-fit">
        <dt>{t('field.recommendation')}</dt>
        <dd>
          <strong>
            {ui.nameOf(recommended)} ({recommended.code})
          </strong>{' '}
          · {t('field.monthlyFee')} {recommended.monthlyFee} {t('yuan')}
        </dd>
        <dt>{t('field.currentAverageCost')}</dt>
        <dd>{yuan(planFit.currentAverageCost)}</dd>
        <dt>{t('field.recommendedAverageCost')}</dt>
        <dd>{yuan(planFit.recommendedAverageCost)}</dd>
        <dt>{t('field.saving')}</dt>
        <dd data-testid="saving">{yuan(planFit.expectedMonthlySaving)}</dd>
      </dl>
      <p class="script" data-testid="plan-fit-script">
        {ui.layout.locale === 'en' ? planFit.script.en : planFit.script.zh}
      </p>
    </>
  );
}
