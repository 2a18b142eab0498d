/**
 * `npm run tools`: finds or builds (once, cached) the Temporal dev server, the time-skipping test
 * server and the cluster's programs (server, SQL tool, Web UI), and prints where they are. CI runs it
 * before the tests so the builds are timed on their own.
 */
import { formatForTerminal } from '../platform/logger';
import { runMain } from '../platform/main';
import { resolveClusterBinaries, resolveDevServer, resolveTestServer, toolsDir } from '../devtools/temporal-binaries';

process.env.LOG_FORMAT ??= formatForTerminal();

runMain('tools', async (log) => {
  const devServer = await resolveDevServer(log);
  const testServer = await resolveTestServer(log);
  const cluster = await resolveClusterBinaries(log);
  log.info({ toolsDir: toolsDir(), devServer, testServer, cluster }, 'Temporal servers ready');
});
