import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The documents travel with a clone: every link between them resolves, nothing points outside the
// repository, and code comments cite the documents rather than files a clone does not have.

const root = resolve(__dirname, '..');
const documents = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith('.md'),
);

/** Markdown without fenced code blocks and inline code, where nothing is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script, digits, `_`, `-` kept), spaces to `-`. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, repeated headings numbered as GitHub numbers them. */
function anchorsOf(path: string): Set<string> {
  const markdown = readFileSync(join(root, path), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = slug(heading!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Why `target` (a file path relative to the repository, optionally with `#anchor`) does not resolve, or null. */
function brokenTarget(target: string): string | null {
  const [path, anchor] = target.split('#') as [string, string | undefined];
  const absolute = resolve(root, path);
  if (relative(root, absolute).startsWith('..')) return 'points outside the repository';
  if (!existsSync(absolute)) return 'no such file';
  if (anchor === undefined) return null;
  if (!path.endsWith('.md') || statSync(absolute).isDirectory()) return null;
  return anchorsOf(path).has(anchor) ? null : `no heading #${anchor} in ${path}`;
}

/** The relative links of a document, as repository paths (with their anchors). */
function relativeLinks(path: string): { link: string; target: string }[] {
  const links: { link: string; target: string }[] = [];
  for (const [, link] of prose(readFileSync(join(root, path), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(link!)) continue; // https:, mailto: …
    const target = link!.startsWith('#') ? `${path}${link}` : relative(root, resolve(root, dirname(path), link!));
    links.push({ link: link!, target });
  }
  return links;
}

/** Every file git tracks, as repository paths. */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
}

// Spelled in pieces, so this file does not hold what it looks for.
const outsidePaths = [['..', 'shared'].join('/'), ['shared', 'spec'].join('/'), ['shared', 'seed'].join('/')];
const staleCitations = [['spec', 'journey.md'].join('/'), ['seed', '§'].join(' ')];
const source = /\.(ts|tsx|js|mjs|cjs|prisma|sql|ya?ml|sh)$|(^|\/)Dockerfile$/;

describe('the documents', () => {
  it.each(documents)('%s: every relative link and anchor resolves inside the repository', (path) => {
    const broken = relativeLinks(path)
      .map(({ link, target }) => ({ link, why: brokenTarget(target) }))
      .filter(({ why }) => why !== null);
    expect(broken).toEqual([]);
  });

  it('anchors follow GitHub: punctuation and dashes between words dropped, Chinese kept', () => {
    expect(slug('M1: onboarding coaching (days 0–3)')).toBe('m1-onboarding-coaching-days-03');
    expect(slug('Erasure (PIPL)')).toBe('erasure-pipl');
    expect(slug('Natively: `npm run start:cluster`')).toBe('natively-npm-run-startcluster');
    expect(slug('The onboarding checklist: 五告知、二推荐、三辅导')).toBe(
      'the-onboarding-checklist-五告知二推荐三辅导',
    );
  });

  it('a broken link is found', () => {
    // Spelled in pieces, so the scan of source files below does not take them for citations.
    expect(brokenTarget(['docs', 'journey.md#no-such-heading'].join('/'))).toMatch(/no heading/);
    expect(brokenTarget(['docs', 'no-such-file.md'].join('/'))).toBe('no such file');
    expect(brokenTarget('../outside.md')).toBe('points outside the repository');
  });
});

describe('a clone is self-contained', () => {
  const files = trackedFiles();

  it('no tracked file points at the shared folder beside the repository', () => {
    const offending = files.filter((file) => {
      const content = readFileSync(join(root, file));
      return outsidePaths.some((needle) => content.includes(needle));
    });
    expect(offending).toEqual([]);
  });

  it('code cites the documents, not the old specification or the plan by section', () => {
    const offending = files
      .filter((file) => source.test(file))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((line, index) => ({ at: `${file}:${index + 1}`, line }))
          .filter(({ line }) => staleCitations.some((needle) => line.includes(needle))),
      );
    expect(offending).toEqual([]);
  });

  it('every docs/…md#anchor a source file cites resolves', () => {
    const broken = files
      .filter((file) => source.test(file))
      .flatMap((file) =>
        [...readFileSync(join(root, file), 'utf8').matchAll(/\bdocs\/[\w-]+\.md(?:#[\p{L}\p{N}_-]+)?/gu)].map(
          ([target]) => ({ at: file, target, why: brokenTarget(target) }),
        ),
      )
      .filter(({ why }) => why !== null);
    expect(broken).toEqual([]);
  });
});
