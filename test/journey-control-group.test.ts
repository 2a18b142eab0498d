import { experimentFor } from '../api/journeys/experiment-assignment';
import type { ControlGroupSettings, ExperimentGroup } from '../domain/control-group';
import type { JourneyHandle } from './support/journey-harness';
import { activationToken, useApiHarness } from './support/api';
import type { Tier } from '../domain/vocabulary';
import { journeyWorkflowId, type JourneyState } from '../workflows/state';

const halfHeldOutOfTheCall: ControlGroupSettings = { share: 0.5, touch: 'first_followup_call' };

/** A fresh subscriber id that the hash puts in `group` of `settings` (were the subscriber standard). */
function idIn(group: ExperimentGroup, settings: ControlGroupSettings, prefix: string): string {
  for (let i = 0; ; i += 1) {
    const id = `${prefix}-${Date.now().toString(36)}-${i}`;
    if (experimentFor(id, 'standard', settings)?.group === group) return id;
  }
}

const skipped = (state: JourneyState) => state.timeline.filter((entry) => entry.kind === 'control_group_skipped');

describe('a control group held out of one paid touch', () => {
  const api = useApiHarness({ controlGroup: halfHeldOutOfTheCall });
  /** Activates a subscriber through the API, as the BSS does; the journey's handle. */
  async function activate(subscriberId: string, tier: Tier): Promise<JourneyHandle> {
    const { status } = await api().call('POST', '/v1/subscribers', {
      token: activationToken,
      body: await api().activation({ subscriberId, tier }),
    });
    expect(status).toBe(201);
    return api().journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId));
  }

  it('the day 4–10 call: the control journey skips it and says so, the treatment journey gets it, a VIP is never held out', async () => {
    const harness = api().journeys;
    const controlId = idIn('control', halfHeldOutOfTheCall, 'SUB-CTL');
    const treatmentId = idIn('treatment', halfHeldOutOfTheCall, 'SUB-TRT');
    const vipId = idIn('control', halfHeldOutOfTheCall, 'SUB-VIP');
    const [control, treatment, vip] = [
      await activate(controlId, 'standard'),
      await activate(treatmentId, 'standard'),
      await activate(vipId, 'gold'),
    ];

    // Recorded at the start: on the subscriber row, in the journey's state and as a search attribute.
    const rows = await harness.prisma.subscriber.findMany({
      where: { id: { in: [controlId, treatmentId, vipId] } },
      select: { id: true, experimentGroup: true, experimentTouch: true },
      orderBy: { id: 'asc' },
    });
    expect(Object.fromEntries(rows.map(({ id, ...experiment }) => [id, experiment]))).toEqual({
      [controlId]: { experimentGroup: 'control', experimentTouch: 'first_followup_call' },
      [treatmentId]: { experimentGroup: 'treatment', experimentTouch: 'first_followup_call' },
      [vipId]: { experimentGroup: null, experimentTouch: null },
    });
    expect((await harness.state(control)).experiment).toEqual({ group: 'control', touch: 'first_followup_call' });
    expect((await harness.state(vip)).experiment).toBeUndefined();
    await harness.until(control, (state) => state.timeline.length > 0);
    expect((await control.describe()).searchAttributes.JourneyGroup).toEqual(['control']);
    expect((await treatment.describe()).searchAttributes.JourneyGroup).toEqual(['treatment']);
    expect((await vip.describe()).searchAttributes.JourneyGroup).toBeUndefined();

    await harness.advance(4);
    expect(await harness.task(treatment, 'first_followup_call')).toMatchObject({ role: 'followup' });
    const held = await harness.until(control, (state) => skipped(state).length > 0);
    expect(skipped(held)).toEqual([expect.objectContaining({ detail: { touch: 'first_followup_call' } })]);
    expect(held.tasks.map((task) => task.type)).not.toContain('first_followup_call');
    expect(skipped(await harness.state(treatment))).toEqual([]);

    // The rest of the control journey goes on: its telemarketing call still comes at day 30.
    await harness.advance(26);
    await harness.task(control, 'vas_telemarketing');
    await harness.leave(control, treatment, vip);
  });

  it('telemarketing: the control journey skips the call (the marketing SMS still goes), the treatment journey gets it', async () => {
    const harness = api().journeys;
    const [control, treatment] = [
      await harness.startJourney(await harness.activation(), {
        experiment: { group: 'control', touch: 'vas_telemarketing' },
      }),
      await harness.startJourney(await harness.activation(), {
        experiment: { group: 'treatment', touch: 'vas_telemarketing' },
      }),
    ];

    await harness.advance(4);
    // Held out of telemarketing, not of the follow-up call.
    await harness.task(control, 'first_followup_call');
    await harness.advance(26);
    await harness.task(treatment, 'vas_telemarketing');
    const held = await harness.until(control, (state) => skipped(state).length > 0);
    expect(skipped(held)).toEqual([expect.objectContaining({ detail: { touch: 'vas_telemarketing' } })]);
    expect(held.tasks.map((task) => task.type)).not.toContain('vas_telemarketing');
    await harness.advance(1);
    await harness.until(control, (state) => state.sms.some((sms) => sms.template === 'marketing_vas'));
    await harness.leave(control, treatment);
  });
});
