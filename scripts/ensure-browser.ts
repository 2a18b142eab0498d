/**
 * The first step of `npm test`: the browser tests drive Debian's Chromium (`CHROMIUM_PATH` to use
 * another) on pages in Chinese, so they need it and a CJK font. When either is missing, this installs
 * Debian's `chromium` and `fonts-noto-cjk` with apt-get, as `playwright install --with-deps` would;
 * when it cannot (not root, no apt-get, apt-get fails, `TEST_INSTALL_BROWSER=0`), it stops before any
 * test runs with one line giving the command to run.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { promisify } from 'node:util';

export const browserPackages = ['chromium', 'fonts-noto-cjk'];
export const defaultChromiumPath = '/usr/bin/chromium';

/** The browser tests cannot run here and this process cannot fix it; the message is one line saying what to run. */
export class BrowserMissing extends Error {}

export interface EnsureBrowserOptions {
  /** The environment: CHROMIUM_PATH, TEST_INSTALL_BROWSER, and PATH to find apt-get and fc-list. */
  env: NodeJS.ProcessEnv;
  /** Whether this process may install packages. */
  isRoot: boolean;
  /** Prints a line for people. */
  say(line: string): void;
}

interface Ran {
  ok: boolean;
  /** What it printed, or why it did not run. */
  output: string;
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    return { ok: false, output: code === 'ENOENT' ? `no ${command} on PATH` : `${stdout ?? ''}${stderr ?? ''}` };
  }
}

async function isExecutableFile(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    async () => (await stat(path)).isFile(),
    () => false,
  );
}

/** What the browser tests need and this machine lacks, in words: empty when nothing is missing. */
export async function missingForBrowserTests(env: NodeJS.ProcessEnv): Promise<string[]> {
  const missing: string[] = [];
  const chromium = env.CHROMIUM_PATH || defaultChromiumPath;
  if (!(await isExecutableFile(chromium))) {
    missing.push(`Chromium at ${chromium}${env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}`);
  }
  // Any font fontconfig says covers Chinese will do; without fontconfig there is none.
  const fonts = await run('fc-list', [':lang=zh', 'family'], env);
  if (!fonts.ok || !fonts.output.trim()) missing.push('a CJK font');
  return missing;
}

/** The command a person runs to install what is missing. */
export function installCommand(env: NodeJS.ProcessEnv, isRoot: boolean): string {
  const sudo = isRoot ? '' : 'sudo ';
  const command = `${sudo}apt-get update && ${sudo}apt-get install -y ${browserPackages.join(' ')}`;
  return env.CHROMIUM_PATH ? `${command} (then unset CHROMIUM_PATH, or point it at a Chromium)` : command;
}

/** Makes sure the browser tests can run, installing Debian's packages when needed; throws {@link BrowserMissing} when it cannot. */
export async function ensureBrowser({ env, isRoot, say }: EnsureBrowserOptions): Promise<void> {
  const missing = await missingForBrowserTests(env);
  if (missing.length === 0) return;
  const them = (lacking: string[]) => (lacking.length > 1 ? 'them' : 'it');
  const cannot = (why: string, lacking = missing) =>
    new BrowserMissing(
      `npm test: the browser tests need ${lacking.join(' and ')}, which this machine lacks; ${why}. Run: ${installCommand(env, isRoot)}`,
    );
  if (env.TEST_INSTALL_BROWSER === '0') throw cannot(`not installing ${them(missing)}, as TEST_INSTALL_BROWSER=0 says`);
  if (!isRoot) throw cannot(`installing ${them(missing)} needs root`);

  say(
    `npm test: installing Debian's ${browserPackages.join(' and ')} with apt-get, as the browser tests need ${missing.join(' and ')}`,
  );
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...browserPackages]]) {
    // Another apt-get (an unattended upgrade) may hold the lock for a while: wait for it, within reason.
    const ran = await run('apt-get', ['-qq', '-o', 'DPkg::Lock::Timeout=120', ...args], aptEnv);
    if (!ran.ok) {
      const lastLine = ran.output.trim().split('\n').pop() || 'no output';
      throw cannot(`apt-get ${args[0]} failed (${lastLine})`);
    }
  }
  const still = await missingForBrowserTests(env);
  if (still.length > 0) throw cannot(`apt-get installed the packages, but that did not provide ${them(still)}`, still);
}

if (require.main === module) {
  ensureBrowser({
    env: process.env,
    isRoot: process.getuid?.() === 0,
    say: (line) => process.stdout.write(`${line}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof BrowserMissing ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
