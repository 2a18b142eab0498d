import { spawn } from 'node:child_process';
import { join } from 'node:path';

// The boundaries the compiler cannot see, kept by lint (eslint.config.mjs): workflow code is replayed,
// so it does no I/O and no unseeded randomness, and it knows the activities by their contract alone;
// domain/ holds pure rules that workflow code imports.
describe('lint keeps workflow code and domain rules free of I/O', () => {
  const root = join(__dirname, '..');

  /** ESLint's findings for `code` as if it were `file`, by its command line (its config is an ES module). */
  function problems(file: string, code: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const eslint = spawn(
        join(root, 'node_modules', '.bin', 'eslint'),
        ['-f', 'json', '--stdin', '--stdin-filename', file],
        {
          cwd: root,
        },
      );
      let stdout = '';
      eslint.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      eslint.on('error', reject);
      eslint.on('close', () => {
        const [result] = JSON.parse(stdout) as { messages: { ruleId: string; message: string }[] }[];
        resolve(result!.messages.map((message) => `${message.ruleId}: ${message.message}`));
      });
      eslint.stdin.end(code);
    });
  }

  it.each([
    ['workflows/moments/example.ts', "import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n"],
    [
      'workflows/moments/example.ts',
      "import { createActivities } from '../../activities';\nexport const f = createActivities;\n",
    ],
    ['workflows/example.ts', "import { PrismaClient } from '@prisma/client';\nexport const f = PrismaClient;\n"],
    [
      'domain/example.ts',
      "import { proxyActivities } from '@temporalio/workflow';\nexport const f = proxyActivities;\n",
    ],
    [
      'domain/example.ts',
      "import { createPrismaClient } from '../platform/database';\nexport const f = createPrismaClient;\n",
    ],
  ])('%s may not import I/O: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
  });

  it('workflow code may not use Math.random or setTimeout', async () => {
    const found = await problems(
      'workflows/example.ts',
      'export const pick = () => Math.random();\nexport const later = (f: () => void) => setTimeout(f, 1);\n',
    );
    expect(found).toEqual([
      expect.stringMatching(/^no-restricted-properties: /),
      expect.stringMatching(/^no-restricted-globals: /),
    ]);
  });

  it('workflow code and domain rules may not assert journey state present (a downgrade removes the manager)', async () => {
    const code =
      "import type { JourneyState } from './state';\nexport const staffOf = (state: JourneyState) => state.accountManager!.staffId;\n";
    for (const file of ['workflows/moments/example.ts', 'domain/example.ts']) {
      expect(await problems(file, code)).toEqual([
        expect.stringMatching(/^@typescript-eslint\/no-non-null-assertion: /),
      ]);
    }
    expect(await problems('api/example.ts', code)).toEqual([]);
  });

  it('workflow code takes not even a type from activities/: it calls them through the activity contract', async () => {
    for (const from of ["'../activities'", "'../activities/journeys'", "'../../activities/sms'"]) {
      expect(
        await problems('workflows/moments/example.ts', `import type { A } from ${from};\nexport type B = A;\n`),
      ).toEqual([
        expect.stringMatching(/^no-restricted-imports: .* workflows call activities through the activity contract/),
      ]);
    }
    expect(
      await problems(
        'workflows/example.ts',
        "import type { ActivityContract } from './activity-contract';\nexport type A = ActivityContract;\n",
      ),
    ).toEqual([]);
  });

  it('type imports and pure code pass, and activities may do I/O', async () => {
    expect(
      await problems(
        'workflows/example.ts',
        "import type { Logger } from '../platform/logger';\nexport type L = Logger;\n",
      ),
    ).toEqual([]);
    expect(
      await problems('domain/example.ts', "import { tiers } from './vocabulary';\nexport const top = tiers.at(-1);\n"),
    ).toEqual([]);
    expect(
      await problems(
        'activities/example.ts',
        "import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n",
      ),
    ).toEqual([]);
  });
});
