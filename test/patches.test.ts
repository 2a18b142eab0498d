import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { patches } from '../workflows/patches';

// A patch nobody can find cannot be retired: every patch of the journey is named through the ledger
// (workflows/patches.ts), and the ledger holds no patch the code has dropped.

const root = join(__dirname, '..');
const ledger = patches as Record<string, { id: string; shipped: string; deprecated?: string }>;

interface PatchCall {
  at: string;
  call: 'patched' | 'deprecatePatch';
  /** The ledger entry the argument names (`patches.<name>.id`), or undefined when it names none. */
  name: string | undefined;
  argument: string;
}

function patchCalls(): PatchCall[] {
  const files = readdirSync(join(root, 'workflows'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(root, 'workflows', name));
  const calls: PatchCall[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    source.forEachChild(function walk(node): void {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        (node.expression.text === 'patched' || node.expression.text === 'deprecatePatch')
      ) {
        const [argument] = node.arguments;
        const entry =
          argument &&
          ts.isPropertyAccessExpression(argument) &&
          argument.name.text === 'id' &&
          ts.isPropertyAccessExpression(argument.expression) &&
          ts.isIdentifier(argument.expression.expression) &&
          argument.expression.expression.text === 'patches'
            ? argument.expression.name.text
            : undefined;
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        calls.push({
          at: `${relative(root, file)}:${line}`,
          call: node.expression.text,
          name: entry !== undefined && entry in ledger ? entry : undefined,
          argument: argument?.getText(source) ?? '',
        });
      }
      node.forEachChild(walk);
    });
  }
  return calls;
}

describe('the ledger of patches', () => {
  const calls = patchCalls();

  it('finds the calls it holds to', () => {
    expect(calls.length).toBeGreaterThanOrEqual(Object.keys(ledger).length);
  });

  it('every patched() and deprecatePatch() names its patch through the ledger', () => {
    const outside = calls.filter((call) => call.name === undefined).map((call) => `${call.at}: ${call.argument}`);
    expect(outside).toEqual([]);
  });

  it('every patch of the ledger is still called, as its stage says', () => {
    const wrong = Object.entries(ledger).flatMap(([name, patch]) => {
      const used = calls.filter((call) => call.name === name);
      if (used.length === 0) return [`${name}: no call left; delete it from the ledger`];
      const expected = patch.deprecated === undefined ? 'patched' : 'deprecatePatch';
      return used
        .filter((call) => call.call !== expected)
        .map((call) => `${call.at}: ${call.call}, ledger says ${expected}`);
    });
    expect(wrong).toEqual([]);
  });

  it('ids are unique and the dates are days, a deprecation after the shipping', () => {
    const ids = Object.values(ledger).map((patch) => patch.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const patch of Object.values(ledger)) {
      expect(patch.shipped).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (patch.deprecated !== undefined) expect(patch.deprecated >= patch.shipped).toBe(true);
    }
  });
});
