import { temporalServerVersion } from '../devtools/temporal-binaries';
import { describeWholeJourneys } from './support/whole-journeys';

// The journeys of test/journey-dev-server.test.ts on the production topology: the real Temporal
// server on PostgreSQL (persistence and visibility), started once for this file as
// `npm run start:cluster` starts it, with its Web UI.
//
// The worker keeps its cache here, as in production; replaying every task is journey-dev-server's
// check. With no cache this file failed once in eight runs, under load: a replay met an update's
// task with its commands in another order ("Activity machine does not handle this event:
// TimerCanceled"), likely the update-replay ordering of
// docs/known-issues.md#replaying-a-journey-with-staff-updates-can-misorder-an-update-temporal-sdk-core.
//
// A day lasts 800 ms here: a task still open on day 90 expires with the journey, and on the cluster
// each staff completion (a query for the task, then the update, each through the history service on
// PostgreSQL) is slow enough under CI's load that the VIP's tasks, done one after another, once fell
// behind the 36 s of a 400 ms-a-day journey (one task expired, in one of ~10 runs).
describeWholeJourneys('cluster', {
  replayEveryTask: false,
  msPerDay: 800,
  ui: true,
  more: (harness) => {
    it('ran on the cluster the configuration describes: server version, 16 shards, PostgreSQL for both stores', async () => {
      const info = await harness().env.connection.workflowService.getClusterInfo({});
      expect(info).toMatchObject({
        serverVersion: temporalServerVersion,
        historyShardCount: 16,
        persistenceStore: 'postgres12',
        visibilityStore: 'postgres12',
      });
    });

    it("serves the server's own metrics to Prometheus: requests, persistence, task queues, by service", async () => {
      const response = await fetch(harness().env.cluster!.metricsUrl!);
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const series of [
        /^service_requests\{.*operation="StartWorkflowExecution".*service_name="frontend"/m,
        /^persistence_latency_bucket\{/m,
        /^syncmatch_latency_bucket\{/m,
        /^service_latency_bucket\{.*service_name="history"/m,
        /^service_requests\{.*service_name="matching"/m,
      ]) {
        expect(text).toMatch(series);
      }
    });

    it("the cluster's Web UI lists the journeys and finds one by its search attributes", async () => {
      const { webUiUrl } = harness().env.cluster!;
      const list = async (query: string) => {
        const url = `${webUiUrl}/api/v1/namespaces/default/workflows?query=${encodeURIComponent(query)}`;
        const response = await fetch(url);
        expect(response.status).toBe(200);
        const { executions } = (await response.json()) as { executions: { execution: { workflowId: string } }[] };
        return executions.map((execution) => execution.execution.workflowId).sort();
      };
      const all = await list('');
      expect(all).toHaveLength(2);
      expect(await list(`JourneyTier = 'gold' AND JourneyStoreId = 'JN001'`)).toHaveLength(1);
      expect((await fetch(`${webUiUrl}/namespaces/default/workflows/${all[0]}`)).status).toBe(200);
    });
  },
});
