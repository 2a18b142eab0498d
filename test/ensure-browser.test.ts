import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserMissing, ensureBrowser } from '../scripts/ensure-browser';
import { startProjectProcess } from './support/processes';

// `npm test` obtains the browser before any test runs, or stops with the command to run. Nothing is
// uninstalled here: a missing browser is a CHROMIUM_PATH naming no file, and apt-get and fc-list are
// stand-ins on PATH that record what they were asked and "install" by creating that file.
const installCommand = /Run: (sudo )?apt-get update && (sudo )?apt-get install -y chromium fonts-noto-cjk/;

describe('npm test without a browser', () => {
  let root: string;
  let chromium: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'journey-ensure-browser-'));
    chromium = join(root, 'chromium');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stops with one line naming what is missing and the command to install it', async () => {
    const process = startProjectProcess('scripts/ensure-browser.ts', {
      CHROMIUM_PATH: chromium,
      TEST_INSTALL_BROWSER: '0',
    });
    const { code } = await process.exited;
    const lines = process.stderr().trim().split('\n');
    expect({ code, lines }).toEqual({
      code: 1,
      lines: [expect.stringMatching(/^npm test: the browser tests need Chromium at \S+\/chromium \(CHROMIUM_PATH\)/)],
    });
    expect(lines[0]).toMatch(installCommand);
    expect(lines[0]).toMatch(/TEST_INSTALL_BROWSER=0/);
    expect(process.stdout()).toBe('');
  });

  it('says nothing and goes on where Chromium and a CJK font are installed', async () => {
    const process = startProjectProcess('scripts/ensure-browser.ts', {});
    expect(await process.exited).toEqual({ code: 0, signal: null });
    expect(process.stdout() + process.stderr()).toBe('');
  });

  describe('with stand-ins for apt-get and fc-list', () => {
    let bin: string;
    let aptLog: string;
    let fontInstalled: string;
    let said: string[];

    /** apt-get that records its arguments, then succeeds (creating the browser and the font on `install` when asked) or fails. */
    async function fakeApt(behaviour: 'installs' | 'installs nothing' | 'fails') {
      const onInstall = {
        installs: `printf '#!/bin/sh\\n' > '${chromium}'; chmod +x '${chromium}'; : > '${fontInstalled}'`,
        'installs nothing': ':',
        fails: `echo 'E: Unable to locate package chromium' >&2; exit 100`,
      }[behaviour];
      await writeFile(
        join(bin, 'apt-get'),
        `#!/bin/sh\nPATH=/usr/bin:/bin\necho "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> '${aptLog}'\n` +
          `case "$*" in *install*) ${onInstall} ;; esac\n`,
        { mode: 0o755 },
      );
    }

    async function aptCalls(): Promise<string[]> {
      return (await readFile(aptLog, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
    }

    function ensure(isRoot = true) {
      return ensureBrowser({
        env: { PATH: bin, CHROMIUM_PATH: chromium },
        isRoot,
        say: (line) => said.push(line),
      });
    }

    beforeEach(async () => {
      bin = join(root, 'bin');
      aptLog = join(root, 'apt.log');
      fontInstalled = join(root, 'font-installed');
      said = [];
      await mkdir(bin);
      // fontconfig finds a Chinese font once the stand-in apt-get has "installed" one.
      await writeFile(
        join(bin, 'fc-list'),
        `#!/bin/sh\n[ -e '${fontInstalled}' ] && echo 'Noto Sans CJK SC'\nexit 0\n`,
        { mode: 0o755 },
      );
    });

    it('installs Debian chromium and fonts-noto-cjk non-interactively as root, after one line saying why', async () => {
      await fakeApt('installs');
      await ensure();
      expect(said).toEqual([
        expect.stringMatching(
          /^npm test: installing Debian's chromium and fonts-noto-cjk with apt-get, as the browser tests need Chromium at \S+ \(CHROMIUM_PATH\) and a CJK font$/,
        ),
      ]);
      const calls = await aptCalls();
      expect(calls).toEqual([
        expect.stringMatching(/^DEBIAN_FRONTEND=noninteractive .*\bupdate$/),
        expect.stringMatching(/^DEBIAN_FRONTEND=noninteractive .*\binstall -y chromium fonts-noto-cjk$/),
      ]);
    });

    it('installs both packages when only the font is missing, saying so', async () => {
      await fakeApt('installs');
      await writeFile(chromium, '#!/bin/sh\n');
      await chmod(chromium, 0o755);
      await ensure();
      expect(said).toEqual([expect.stringMatching(/need a CJK font$/)]);
      expect(await aptCalls()).toHaveLength(2);
    });

    it('stops with the sudo command and runs nothing when not root', async () => {
      await fakeApt('installs');
      const refused = ensure(false);
      await expect(refused).rejects.toBeInstanceOf(BrowserMissing);
      await expect(refused).rejects.toThrow(
        /installing them needs root\. Run: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk/,
      );
      expect(await aptCalls()).toEqual([]);
      expect(said).toEqual([]);
    });

    it('stops with apt-get last words and the command when apt-get fails', async () => {
      await fakeApt('fails');
      await expect(ensure()).rejects.toThrow(
        /apt-get install failed \(E: Unable to locate package chromium\)\. Run: apt-get update/,
      );
    });

    it('stops with the command when there is no apt-get', async () => {
      await expect(ensure()).rejects.toThrow(/apt-get update failed \(no apt-get on PATH\)\. Run: apt-get update/);
    });

    it('stops when the packages installed but the browser is still not where CHROMIUM_PATH says', async () => {
      await fakeApt('installs nothing');
      await expect(ensure()).rejects.toThrow(
        /need Chromium at \S+ \(CHROMIUM_PATH\) and a CJK font, which this machine lacks; apt-get installed the packages, but that did not provide them/,
      );
    });
  });
});
