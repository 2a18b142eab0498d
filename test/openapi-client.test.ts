import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { v1Routes, type V1Dependencies } from '../api/v1';
import { useApiHarness } from './support/api';

// A client generated from the published document, as clients make theirs (openapi-typescript on
// /v1/openapi.json): a completion's outcome is typed by the task's type, so tsc refuses a wrong one
// before the API ever answers 422.

const root = join(__dirname, '..');

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>>;
}

describe('a typed client of /v1/openapi.json', () => {
  const api = useApiHarness();
  let dir: string;
  let document: OpenApi;
  let example: unknown;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
    const { status, body } = await api().call('GET', '/v1/openapi.json');
    expect(status).toBe(200);
    document = body;
    example = body.paths['/v1/tasks/{id}/complete'].post.requestBody.content['application/json'].example;
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(body));
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

  it('gives every operation that takes a body an example that its schemas accept', () => {
    // The route table's schemas are built without its dependencies (only the handlers use them).
    const bodies = v1Routes({} as V1Dependencies).filter((route) => route.body);
    expect(bodies.length).toBeGreaterThan(5);
    for (const route of bodies) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method]!;
      const documented = operation.requestBody!.content['application/json']!.example;
      const where = `${route.method.toUpperCase()} ${route.path}`;
      expect({ where, example: documented === undefined ? 'none' : 'given' }).toEqual({ where, example: 'given' });
      for (const schema of [route.body!, route.documentedBody ?? route.body!]) {
        const parsed = schema.safeParse(documented);
        expect({ where, issues: parsed.error?.issues ?? [] }).toEqual({ where, issues: [] });
      }
    }
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
