/**
 * `npm run tools`: finds or builds (once, cached) the Temporal dev server and the time-skipping test
 * server, and prints where they are. CI runs it before the tests so the build is timed on its own.
 */
import { runMain } from '../platform/main';
import { resolveDevServer, resolveTestServer, toolsDir } from '../platform/temporal-binaries';

runMain('tools', async (log) => {
  const devServer = await resolveDevServer(log);
  const testServer = await resolveTestServer(log);
  log.info({ toolsDir: toolsDir(), devServer, testServer }, 'Temporal servers ready');
});
