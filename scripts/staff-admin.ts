/**
 * The administrator's staff commands:
 *
 *   npm run staff:import -- staff.csv            create or update staff from a roster (api/staff-access/staff-roster.ts)
 *   npm run staff:reset-password -- <username>   a new one-time set-password link
 *
 * New staff have no usable password: each gets a one-time link (72 h) to set one, printed here for
 * the administrator to hand over. Problems go to stderr with the line and field; exit code 65 then,
 * 64 for a wrong command line, 66 for an unreadable file.
 */
import { BUSINESS_TIME_ZONE } from '../domain/calendar';
import { readFile } from 'node:fs/promises';
import { issuePasswordLink } from '../api/staff-access/password-links';
import { importRoster } from '../api/staff-access/staff-roster';
import { loadConfig, type Config } from '../platform/config';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import type { Logger } from '../platform/logger';
import { runMain } from '../platform/main';
import { assertDatabaseReachable } from '../platform/preflight';
import { applyMigrations } from '../prisma/migrate';

const exitCodes = { usage: 64, badData: 65, noInput: 66 };

const commands: Record<string, (context: Context, argument: string) => Promise<void>> = {
  /** Creates or updates staff from a roster; a link for each new member. */
  async import({ prisma, linkBase }, file) {
    let csv: string;
    try {
      csv = await readFile(file, 'utf8');
    } catch (error) {
      return fail(exitCodes.noInput, `cannot read ${file}: ${(error as Error).message}`);
    }
    const result = await importRoster(prisma, csv);
    if ('problems' in result) {
      for (const { line, field, reason } of result.problems)
        process.stderr.write(`${file} line ${line}, ${field}: ${reason}\n`);
      return fail(exitCodes.badData, `nothing imported: ${result.problems.length} problem(s) in ${file}`);
    }
    process.stdout.write(
      `${result.created.length} staff created, ${result.updated.length} updated (passwords unchanged)\n`,
    );
    for (const member of result.created) await printLink(prisma, linkBase, member);
  },

  /** A new set-password link for one staff member; their earlier unused links stop working. */
  async 'reset-password'({ prisma, linkBase }, username) {
    const member = await prisma.staff.findUnique({
      where: { username },
      select: { id: true, username: true, active: true },
    });
    if (!member) return fail(exitCodes.badData, `no staff member with username ${username}`);
    if (!member.active)
      return fail(exitCodes.badData, `${username} is deactivated: activate them first (active=true in the roster)`);
    await printLink(prisma, linkBase, member);
  },
};

interface Context {
  prisma: PrismaClient;
  linkBase: string;
}

async function printLink(prisma: PrismaClient, linkBase: string, member: { id: string; username: string }) {
  const { url, expiresAt } = await issuePasswordLink(prisma, member.id, linkBase);
  const until = new Intl.DateTimeFormat('sv-SE', {
    timeZone: BUSINESS_TIME_ZONE,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  process.stdout.write(`${member.username}  ${url}  (once, until ${until.format(expiresAt)} ${BUSINESS_TIME_ZONE})\n`);
}

function fail(code: number, message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = code;
}

/** Where the links point: PUBLIC_URL, or the API's own address when it is unset. */
function linkBaseOf(config: Config, log: Logger): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const base = `http://${config.HOST}:${config.API_PORT}`;
  log.warn({ base }, 'PUBLIC_URL is not set: the links point at the API itself');
  return base;
}

runMain('staff', async (log) => {
  const [command = '', argument] = process.argv.slice(2);
  const run = commands[command];
  if (!run || !argument) {
    return fail(
      exitCodes.usage,
      'usage: npm run staff:import -- <roster.csv> | npm run staff:reset-password -- <username>',
    );
  }
  const config = loadConfig();
  await assertDatabaseReachable(config.DATABASE_URL);
  await applyMigrations(config.DATABASE_URL, log);
  const prisma = createPrismaClient(config.DATABASE_URL);
  try {
    await run({ prisma, linkBase: linkBaseOf(config, log) }, argument);
  } finally {
    await prisma.$disconnect();
  }
});
