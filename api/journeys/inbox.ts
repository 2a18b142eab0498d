import { z } from 'zod';
import type { Prisma } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/database';
import { staffRoles } from '../../domain/vocabulary';
import { taskStatuses } from '../../workflows/tasks';
import type { StaffMember } from '../staff-access/auth';
import { ApiError } from '../http/errors';
import { visibleTasks } from '../staff-access/scope';

/** The inbox filters of `GET /v1/tasks` (query string). */
export const inboxQuerySchema = z.strictObject({
  role: z.enum(staffRoles).optional(),
  storeId: z.string().min(1).max(32).optional(),
  assigneeId: z.string().min(1).max(64).optional(),
  status: z.enum(taskStatuses).default('open'),
  overdue: z
    .enum(['true', 'false'], { error: 'true or false' })
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/**
 * The filters a staff member may not widen: the supervisor none, account managers their own tasks,
 * others their role's (a clerk their store's). What each then sees is {@link visibleTasks}.
 */
export function inboxScope(staff: StaffMember): Partial<Pick<InboxQuery, 'role' | 'storeId' | 'assigneeId'>> {
  switch (staff.role) {
    case 'supervisor':
      return {};
    case 'account_manager':
      return { role: 'account_manager', assigneeId: staff.staffId };
    case 'store':
      return { role: 'store', storeId: staff.storeId };
    default:
      return { role: staff.role };
  }
}

export interface InboxPage {
  tasks: InboxTask[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

export type InboxTask = Awaited<ReturnType<typeof findTasks>>[number];

/**
 * A page of tasks, earliest due first, keyset-paged on (due time, id) so page 1,000 costs what page 1
 * does. A filter outside the caller's scope is a 403, not an empty page.
 */
export async function listInbox(prisma: PrismaClient, staff: StaffMember, query: InboxQuery): Promise<InboxPage> {
  const scope = inboxScope(staff);
  for (const key of ['role', 'storeId', 'assigneeId'] as const) {
    if (scope[key] !== undefined && query[key] !== undefined && query[key] !== scope[key]) {
      throw new ApiError(403, 'forbidden', `${staff.role} staff see only tasks with ${key} ${scope[key]}`);
    }
  }
  const filter = { ...query, ...scope };
  const where: Prisma.TaskWhereInput = {
    status: filter.status,
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.storeId ? { storeId: filter.storeId } : {}),
    ...(filter.assigneeId ? { assigneeId: filter.assigneeId } : {}),
    ...(filter.overdue === true ? { dueAt: { lt: new Date() } } : {}),
    ...(filter.overdue === false ? { dueAt: { gte: new Date() } } : {}),
  };
  const and: Prisma.TaskWhereInput[] = [visibleTasks(staff)];
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (after) and.push({ OR: [{ dueAt: { gt: after.dueAt } }, { dueAt: after.dueAt, id: { gt: after.id } }] });
  where.AND = and;
  const rows = await findTasks(prisma, where, query.limit + 1);
  const tasks = rows.slice(0, query.limit);
  const last = tasks.at(-1);
  return { tasks, ...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last.dueAt, last.id) } : {}) };
}

function findTasks(prisma: PrismaClient, where: Prisma.TaskWhereInput, take: number) {
  return prisma.task.findMany({
    where,
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take,
    select: {
      id: true,
      type: true,
      role: true,
      storeId: true,
      assigneeId: true,
      status: true,
      availableAt: true,
      dueAt: true,
      windowEndsAt: true,
      dueAtWindowEnd: true,
      escalatedAt: true,
      endedAt: true,
      subscriberId: true,
      subscriber: { select: { name: true, msisdn: true, tier: true } },
    },
  });
}

function encodeCursor(dueAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([dueAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { dueAt: Date; id: string } {
  try {
    const [dueAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(dueAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { dueAt: date, id };
  } catch {
    throw new ApiError(400, 'invalid_request', 'cursor: not a cursor this API gave out', [
      { field: 'cursor', reason: 'not a cursor this API gave out' },
    ]);
  }
}
