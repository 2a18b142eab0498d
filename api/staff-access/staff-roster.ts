import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { PrismaClient } from '../../platform/database';
import { locales, staffRoles } from '../../domain/vocabulary';
import { storeRoles } from './auth';

/**
 * A staff roster as an administrator keeps it: a CSV file with a header row naming these columns
 * (any order; the first four required, the others may be left out or empty).
 */
export const rosterColumns = [
  'username',
  'displayName',
  'role',
  'region',
  'storeId',
  'capacity',
  'locale',
  'active',
] as const;
const requiredColumns: readonly string[] = rosterColumns.slice(0, 4);

const rosterRow = z
  .strictObject({
    username: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2 to 64 lowercase letters, digits, dots, dashes or underscores'),
    displayName: z.string().min(1, 'required').max(100, 'at most 100 characters'),
    role: z.enum(staffRoles, { error: `one of ${staffRoles.join(', ')}` }),
    region: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a region code such as jinan'),
    storeId: z.string().max(32, 'at most 32 characters').optional(),
    capacity: z.coerce
      .number({ error: 'a whole number' })
      .int('a whole number')
      .min(0, 'zero or more')
      .max(10_000, 'at most 10000')
      .default(0),
    locale: z.enum(locales, { error: `one of ${locales.join(', ')}` }).default('zh-CN'),
    active: z
      .enum(['true', 'false'], { error: 'true or false' })
      .transform((value) => value === 'true')
      .default(true),
  })
  .superRefine((row, context) => {
    if (storeRoles.includes(row.role) && !row.storeId) {
      context.addIssue({ code: 'custom', path: ['storeId'], message: `required for ${row.role} staff` });
    }
  });

/** One staff member of a roster, with the line of the file it came from. */
export type RosterMember = z.output<typeof rosterRow> & { line: number };

/** Why a roster is refused: the line of the file, the column and the reason. */
export interface RosterProblem {
  line: number;
  field: string;
  reason: string;
}

/** Reads a roster file: its members, or every problem found (the file is then refused whole). */
export function parseRoster(csv: string): { members: RosterMember[]; problems: RosterProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with the line it ends on.
    records = parse(csv, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { members: [], problems: [{ line: Number(error.lines ?? 0), field: '(file)', reason: error.message }] };
  }
  const [header, ...rows] = records;
  if (!header) return { members: [], problems: [{ line: 1, field: '(file)', reason: 'empty: no header row' }] };
  const columns = header.record;
  const problems: RosterProblem[] = [
    ...columns
      .filter((column) => !(rosterColumns as readonly string[]).includes(column))
      .map((column) => ({
        line: header.info.lines,
        field: column,
        reason: `unknown column (columns: ${rosterColumns.join(', ')})`,
      })),
    ...requiredColumns
      .filter((column) => !columns.includes(column))
      .map((column) => ({ line: header.info.lines, field: column, reason: 'missing column' })),
  ];
  if (problems.length > 0) return { members: [], problems };

  const members: RosterMember[] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== columns.length) {
      problems.push({ line, field: '(row)', reason: `${record.length} fields where the header has ${columns.length}` });
      continue;
    }
    // An empty cell is a column left out: its default applies.
    const cells = Object.fromEntries(
      columns.flatMap((column, index) => (record[index] ? [[column, record[index]]] : [])),
    );
    const parsed = rosterRow.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, field: String(issue.path[0] ?? '(row)'), reason: issue.message });
      }
      continue;
    }
    const earlier = lineOf.get(parsed.data.username);
    if (earlier !== undefined) {
      problems.push({ line, field: 'username', reason: `also on line ${earlier}` });
      continue;
    }
    lineOf.set(parsed.data.username, line);
    members.push({ ...parsed.data, line });
  }
  return { members, problems };
}

/** What an import did: staff created (no usable password yet) and staff whose fields were brought up to date. */
export interface RosterImport {
  created: { id: string; username: string }[];
  updated: { id: string; username: string }[];
}

/**
 * Imports a roster into the staff table, all or nothing: problems (of the file, or an unknown store)
 * and nothing written, or every member created or updated in one transaction. Matched by username;
 * a new member's id is the username and their password unset. Passwords are never touched.
 */
export async function importRoster(
  prisma: PrismaClient,
  csv: string,
): Promise<{ problems: RosterProblem[] } | RosterImport> {
  const { members, problems } = parseRoster(csv);
  const stores = new Set((await prisma.store.findMany({ select: { id: true } })).map((store) => store.id));
  for (const member of members) {
    if (member.storeId && !stores.has(member.storeId)) {
      problems.push({ line: member.line, field: 'storeId', reason: `no store ${member.storeId}` });
    }
  }
  const usernames = members.map((member) => member.username);
  const existing = await prisma.staff.findMany({
    where: { OR: [{ username: { in: usernames } }, { id: { in: usernames } }] },
    select: { id: true, username: true },
  });
  const byUsername = new Map(existing.map((row) => [row.username, row]));
  for (const member of members) {
    const holder = existing.find((row) => row.id === member.username && row.username !== member.username);
    if (!byUsername.has(member.username) && holder) {
      problems.push({ line: member.line, field: 'username', reason: `already the id of ${holder.username}` });
    }
  }
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };

  return prisma.$transaction(async (tx) => {
    const result: RosterImport = { created: [], updated: [] };
    for (const { line: _line, username, ...fields } of members) {
      const data = { ...fields, storeId: fields.storeId ?? null };
      const current = byUsername.get(username);
      if (current) {
        await tx.staff.update({ where: { id: current.id }, data });
        result.updated.push(current);
      } else {
        await tx.staff.create({ data: { ...data, id: username, username, passwordHash: null } });
        result.created.push({ id: username, username });
      }
    }
    return result;
  });
}
