/**
 * `npm run docs:sms`: writes `docs/sms.md`, every SMS the journey can send rendered from the real
 * templates for a sample subscriber, in Chinese and English. `test/sms-doc.test.ts` fails when the
 * file and the templates disagree, so the document cannot drift from what customers receive.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpDigits, renderSms, smsCategories, type SmsRequest, type SmsTemplate } from '../domain/sms-templates';
import { rankValueAddedServices, usageProfile } from '../domain/vas-ranking';
import { plans, promotions, stores, valueAddedServices } from '../prisma/seed-data';
import { locales, type PlanTerms } from '../domain/vocabulary';

export const smsDocumentPath = join(__dirname, '..', 'docs', 'sms.md');

const plan = (code: string) => plans.find((candidate) => candidate.code === code)! as PlanTerms;

/** The sample subscriber: the plan's own example (A66), a postpaid gold VIP, a data-heavy first month. */
const sample = {
  store: stores.find((store) => store.id === 'JN001')!,
  plan: plan('A66'),
  planWithoutMms: plan('A46'),
  password: '135790',
  firstPaymentDueAt: '2026-12-31T15:59:59.000Z',
  firstMonth: { month: '2026-12', voiceMinutes: 10, dataMB: 290, sms: 2 },
};

interface Section<T extends SmsTemplate> {
  title: string;
  when: string;
  examples: { label: string; request: Extract<SmsRequest, { template: T }> }[];
}

/** A promotion of the seed catalog that launches after the sample activation. */
const samplePromotion = (() => {
  const promotion = promotions.find((candidate) => Date.parse(candidate.launchAt) > Date.parse('2026-12-01'));
  if (!promotion) throw new Error('the seed catalog has no promotion launching later');
  return { code: promotion.code, name: promotion.name, description: promotion.description };
})();

const marketingServices = rankValueAddedServices(valueAddedServices, usageProfile([sample.firstMonth], sample.plan))
  .slice(0, 2)
  .map(({ name, nameEn, monthlyFee }) => ({ name, nameEn, monthlyFee }));

/** Every template, in the order a journey sends them; a new template must be added here to compile. */
const sections: { [T in SmsTemplate]: Section<T> } = {
  welcome: {
    title: 'Welcome',
    when: 'at activation (the plan allows 2 hours; the journey sends it within seconds)',
    examples: [
      {
        label: `plan ${sample.plan.code} (${sample.plan.name})`,
        request: { template: 'welcome', values: { plan: sample.plan } },
      },
      {
        label: `plan ${sample.planWithoutMms.code} (${sample.planWithoutMms.name}), which has no MMS`,
        request: { template: 'welcome', values: { plan: sample.planWithoutMms } },
      },
    ],
  },
  initial_password: {
    title: 'Initial service password',
    when: 'at activation, when the activation gave a password (the outbox keeps it masked)',
    examples: [
      {
        label: `sample password ${sample.password}`,
        request: { template: 'initial_password', values: { secretId: 'sample' } },
      },
    ],
  },
  help_menu: {
    title: 'Help menu',
    when: 'at activation, and again in answer to any text that is not a menu number',
    examples: [{ label: 'the menu', request: { template: 'help_menu', values: {} } }],
  },
  help_reply: {
    title: 'Help replies',
    when: 'in answer to a menu number from the subscriber',
    examples: helpDigits.map((digit) => ({
      label: `reply ${digit}`,
      request: { template: 'help_reply', values: { digit, store: sample.store } },
    })),
  },
  payment_reminder: {
    title: 'First payment reminder',
    when: 'before the first bill is due, to postpaid subscribers of gold tier and above',
    examples: [
      {
        label: 'due 31 December 2026',
        request: { template: 'payment_reminder', values: { dueAt: sample.firstPaymentDueAt } },
      },
    ],
  },
  marketing_vas: {
    title: 'Value-added services recommended',
    when: 'day 30–60, outside quiet hours (21:00–08:00), never to a subscriber who asked not to be disturbed',
    examples: [
      {
        label: `the two services ranked first for a data-heavy month (${sample.firstMonth.dataMB} of ${sample.plan.dataMB} MB)`,
        request: { template: 'marketing_vas', values: { services: marketingServices } },
      },
    ],
  },
  unsubscribe_confirmed: {
    title: 'Marketing stopped',
    when: 'in answer to a reply of TD (退订, T, 取消 and their usual variants) to a marketing SMS; the subscriber becomes do-not-disturb',
    examples: [{ label: 'the confirmation', request: { template: 'unsubscribe_confirmed', values: {} } }],
  },
  promotion_launched: {
    title: 'A promotion asked about has launched',
    when: 'on the launch day (after 08:00) of a promotion the subscriber asked about on the follow-up call before it launched',
    examples: [
      {
        label: `${samplePromotion.name.en} (${samplePromotion.code})`,
        request: {
          template: 'promotion_launched',
          values: {
            promotion: {
              code: samplePromotion.code,
              name: samplePromotion.name,
              description: samplePromotion.description,
            },
          },
        },
      },
    ],
  },
};

/** The document's Markdown: every section, every example in each language, with its length. */
export function smsDocument(): string {
  const lines = [
    '# Every SMS the journey sends',
    '',
    '<!-- Generated by `npm run docs:sms` from domain/sms-templates.ts. Do not edit: test/sms-doc.test.ts fails when this file and the templates disagree. -->',
    '',
    'What a subscriber receives, rendered from the templates the journey uses, for a sample subscriber',
    `on plan ${sample.plan.code} who joined at the ${sample.store.nameEn} (${sample.store.name}). Service messages are always sent; marketing messages respect do-not-disturb and quiet hours.`,
    "The welcome and password SMS are the province's mandated texts (the plan's 四.1.(1) and (2)) word for word, their",
    'placeholders filled from the plan; an allowance the plan does not have is left out, and the password text writes 登录 where the',
    'mandated text misspells it 登陆.',
    'A Chinese SMS holds 70 characters; a longer one arrives as several joined parts.',
  ];
  for (const template of Object.keys(sections) as SmsTemplate[]) {
    const section = sections[template] as Section<SmsTemplate>;
    lines.push('', `## ${section.title} (\`${template}\`, ${smsCategories[template]})`, '', `Sent ${section.when}.`);
    for (const { label, request } of section.examples) {
      lines.push('', `### ${label[0]!.toUpperCase()}${label.slice(1)}`);
      for (const locale of locales) {
        const { body } = renderSms(request, locale, { password: sample.password });
        lines.push('', `${locale} (${[...body].length} characters):`, '', `> ${body}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  writeFileSync(smsDocumentPath, smsDocument());
  console.log(`wrote ${smsDocumentPath}`);
}
