/**
 * The ledger of patches: every id the journey passes to `patched()` or `deprecatePatch()`, what it
 * changed and when it reached main. Workflow code names a patch only through this ledger (test/patches.test.ts
 * holds every call to it), and `npm run patches` asks Temporal which running journeys may still take
 * each old branch. A patch retires in two steps (docs/architecture.md#retiring-a-patch): `deprecatePatch`
 * once no journey from before it is running (set `deprecated`), then deleted from the code and from here
 * once no journey from before the deprecation is running.
 */
export interface Patch {
  /** The marker's id in histories and in the `TemporalChangeVersion` search attribute: never changed. */
  id: string;
  /** The day the `patched()` call reached main (`git log -S"'<id>'" --format=%ad --date=short`). */
  shipped: string;
  /**
   * The first release fixture (test/fixtures/release-*) whose code has the patch; null while none has.
   * Every release before it ran the old branch, so the old branch cannot be assumed never to have run.
   */
  firstRelease: '0.1.0' | '0.2.0' | null;
  change: string;
  /** The day the call became `deprecatePatch()`: only a journey started before it may hold the marker of `patched()`. */
  deprecated?: string;
}

export const patches = {
  skipUnavailablePassword: {
    id: 'skip-unavailable-password',
    shipped: '2026-11-25',
    firstRelease: '0.2.0',
    change: 'A password SMS whose sealed password can no longer be opened is skipped; the journey goes on',
  },
  escalationInOneActivity: {
    id: 'escalation-in-one-activity',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: "An escalation's inbox row and audit entry are written by one activity, not two",
  },
  followupMomentBesidePlanFit: {
    id: 'followup-moment-beside-plan-fit',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: "Day 4's moment is recorded beside the follow-up's plan-fit analysis, not before it",
  },
  followupShowsPlanFit: {
    id: 'followup-shows-plan-fit',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: "The follow-up call's task carries the plan-fit analysis of the usage so far",
  },
  inboxRowWithinUpdate: {
    id: 'inbox-row-within-update',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: "A staff update writes its task's inbox row before it answers, not later from saveChanges()",
  },
  marketingReplies: {
    id: 'marketing-replies',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: 'Replies to marketing SMS are answered by the journey (opt-out, interest), not by the help menu alone',
  },
  networkTicketDeadline: {
    id: 'network-ticket-deadline',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: 'A network ticket from the follow-up call is followed to its deadline',
  },
  planFitWaitsForVip: {
    id: 'plan-fit-waits-for-vip',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: 'Plan fit waits for a VIP rated after day 60, or whose manager came late, inside the window',
  },
  tierChangeFollowThrough: {
    id: 'tier-change-follow-through',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: 'A tier change follows through: a downgrade frees the manager, an upgrade starts VIP service',
  },
  vipTieredServices: {
    id: 'vip-tiered-services',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: "VIP service recommendation offers the tier's tiered services and the club's activities",
  },
  welcomeBesideRegistration: {
    id: 'welcome-beside-registration',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: "The welcome SMS goes out beside the journey's registration when the activation brings the plan",
  },
  workingTimeDeadlines: {
    id: 'working-time-deadlines',
    shipped: '2026-11-26',
    firstRelease: '0.2.0',
    change: 'Tasks fall due in working time on the business calendars, not in calendar hours',
  },
  assignmentPickedBySupervisor: {
    id: 'assignment-picked-by-supervisor',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'When no manager can be assigned by the SLA, the supervisor picks one (a task)',
  },
  lateRatingKeepsRegularFollowup: {
    id: 'late-rating-keeps-regular-followup',
    shipped: '2026-12-01',
    firstRelease: null,
    change: "A VIP rated after the follow-up window keeps the regular follow-up call, then the manager's",
  },
  launchPromiseWorkflow: {
    id: 'launch-promise-workflow',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'A promotion launching after day 90 is told by a child workflow that outlives the journey',
  },
  momentBoundary: {
    id: 'moment-boundary',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'An unexpected error ends its moment alone (recorded), instead of failing the workflow task',
  },
  networkTicketOverdueTask: {
    id: 'network-ticket-overdue-task',
    shipped: '2026-12-01',
    firstRelease: null,
    change: "An overdue network ticket opens a supervisor's task",
  },
  networkTicketQueue: {
    id: 'network-ticket-queue',
    shipped: '2026-12-01',
    firstRelease: null,
    change: "Network tickets go to the network team's queue as tasks",
  },
  numberChangeByPreviousNumber: {
    id: 'number-change-by-previous-number',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'Number-change coaching is for a customer who gave up a number (previousMsisdn), not for a port-in',
  },
  paymentReminderRechecksTier: {
    id: 'payment-reminder-rechecks-tier',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'The payment reminder re-checks the tier when it falls due',
  },
  planChangeBssOrder: {
    id: 'plan-change-bss-order',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'A plan change asked for on the follow-up call becomes an order for the BSS',
  },
  planFitRechecksManager: {
    id: 'plan-fit-rechecks-manager',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'Plan fit gives its task to the manager of that moment, not the one it started with',
  },
  vipReratingAfterFirstRound: {
    id: 'vip-rerating-after-first-round',
    shipped: '2026-12-01',
    firstRelease: null,
    change: 'Journeys from before the rounds take later ratings once their first round is over',
  },
  vipServiceRounds: {
    id: 'vip-service-rounds',
    shipped: '2026-12-01',
    firstRelease: null,
    change:
      'VIP service comes in rounds (a re-rated customer gets a manager again); payment coaching is a moment of its own',
  },
  assignmentAfterDowngradeReleased: {
    id: 'assignment-after-downgrade-released',
    shipped: '2026-12-02',
    firstRelease: null,
    change: "A downgrade during the manager's assignment releases that manager too, and the round ends",
  },
  telemarketingRechecksDnd: {
    id: 'telemarketing-rechecks-dnd',
    shipped: '2026-12-02',
    firstRelease: null,
    change: 'DND set while telemarketing ranks its services opens no call',
  },
  escalationOutlivesLeaving: {
    id: 'escalation-outlives-leaving',
    shipped: '2026-12-02',
    firstRelease: null,
    change: "An escalation's write is not cancelled by the subscriber leaving; the journey's end waits for it",
  },
  journeyRecord: {
    id: 'journey-record',
    shipped: '2026-12-02',
    firstRelease: null,
    change:
      'After a business event that changed it, the journey writes its record (at most hourly): PostgreSQL keeps what the workflow holds',
  },
  dndDefaultWithTier: {
    id: 'dnd-default-with-tier',
    shipped: '2026-12-02',
    firstRelease: null,
    change:
      'A tier change sets its DND default before either is written; a telemarketing call opened while DND came is cancelled at once',
  },
  smsOutlivesLeaving: {
    id: 'sms-outlives-leaving',
    shipped: '2026-12-02',
    firstRelease: null,
    change: "An SMS under way when the subscriber leaves finishes and is recorded; the journey's end waits for it",
  },
  dndWishOverDefault: {
    id: 'dnd-wish-over-default',
    shipped: '2026-12-02',
    firstRelease: null,
    change: "A customer's own DND wish while the diamond default holds is recorded as theirs: leaving diamond keeps it",
  },
} as const satisfies Record<string, Patch>;
