import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { useApiHarness } from './support/api';

// A client generated from the published document, as clients make theirs (openapi-typescript on
// /v1/openapi.json): a completion's outcome is typed by the task's type, so tsc refuses a wrong one
// before the API ever answers 422.

const root = join(__dirname, '..');

describe('a typed client of /v1/openapi.json', () => {
  const api = useApiHarness();
  let dir: string;
  let example: unknown;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
    const { status, body: document } = await api().call('GET', '/v1/openapi.json');
    expect(status).toBe(200);
    example = document.paths['/v1/tasks/{id}/complete'].post.requestBody.content['application/json'].example;
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(document));
    await promisify(execFile)(join(root, 'node_modules', '.bin', 'openapi-typescript'), [
      join(dir, 'openapi.json'),
      '--output',
      join(dir, 'api.d.ts'),
    ]);
  }, 60_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** tsc's errors for a completion body written against the generated client (none: it compiles). */
  async function compile(body: string): Promise<string[]> {
    const file = join(dir, `client-${Math.random().toString(36).slice(2)}.ts`);
    await writeFile(
      file,
      [
        "import type { paths } from './api';",
        "type Completion = paths['/v1/tasks/{id}/complete']['post']['requestBody']['content']['application/json'];",
        `export const body: Completion = ${body};`,
      ].join('\n'),
    );
    const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
    return ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }

  it("compiles an outcome of the task's type", async () => {
    expect(
      await compile(
        "{ taskType: 'vas_telemarketing', outcome: { result: 'accepted', accepted: ['CAILING'], note: '客户同意开通' } }",
      ),
    ).toEqual([]);
  });

  it("compiles the document's example", async () => {
    expect(await compile(JSON.stringify(example))).toEqual([]);
  });

  it("refuses an outcome of another task's type", async () => {
    // A right outcome of the follow-up call, sent as the VIP manager's first call (which says whether
    // the tier's rights were explained).
    const errors = await compile("{ taskType: 'vip_first_call', outcome: { result: 'reached', issues: [] } }");
    expect(errors.join('\n')).toMatch(/tierRightsExplained/);
  });

  it('refuses an outcome the schema has no such value for', async () => {
    expect(await compile("{ taskType: 'first_followup_call', outcome: { result: 'maybe' } }")).not.toEqual([]);
  });

  it('refuses a completion without its task type', async () => {
    expect(await compile("{ outcome: { result: 'reached' } }")).not.toEqual([]);
  });
});
