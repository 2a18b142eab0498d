import type { Prisma } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/database';
import type { StaffMember } from './auth';
import { ApiError } from '../http/errors';

/**
 * Who may see what: the one rule behind the inbox, the task page, the journey page and
 * `GET /v1/subscribers/:id`. Supervisors see everything. Everyone else sees the tasks they may work
 * (their role's open pool — a clerk's of their store — or tasks given to them by name) and the tasks
 * they completed; a subscriber only through such a task, a clerk also the subscribers activated at
 * their store, an account manager also the VIPs they serve. Anything else is answered as if it did
 * not exist (404), so ids cannot be probed.
 */
export function visibleTasks(staff: StaffMember): Prisma.TaskWhereInput {
  if (staff.role === 'supervisor') return {};
  const pool: Prisma.TaskWhereInput = {
    status: 'open',
    role: staff.role,
    assigneeId: null,
    // A clerk's pool is their store's; a clerk without a store has none.
    ...(staff.role === 'store' || staff.role === 'club' ? { storeId: staff.storeId ?? '' } : {}),
  };
  return { OR: [pool, { assigneeId: staff.staffId }, { completedById: staff.staffId }] };
}

/** The subscribers a staff member may see (see {@link visibleTasks}). */
export function visibleSubscribers(staff: StaffMember): Prisma.SubscriberWhereInput {
  if (staff.role === 'supervisor') return {};
  const own: Prisma.SubscriberWhereInput[] = [{ tasks: { some: visibleTasks(staff) } }];
  if ((staff.role === 'store' || staff.role === 'club') && staff.storeId) own.push({ storeId: staff.storeId });
  if (staff.role === 'account_manager') {
    own.push({ vipAssignments: { some: { managerId: staff.staffId, endedAt: null } } });
  }
  return { OR: own };
}

/** 404 unless the staff member may see the subscriber. */
export async function assertSubscriberVisible(
  prisma: PrismaClient,
  staff: StaffMember,
  subscriberId: string,
): Promise<void> {
  const visible = await prisma.subscriber.count({ where: { AND: [{ id: subscriberId }, visibleSubscribers(staff)] } });
  if (visible === 0) throw new ApiError(404, 'subscriber_not_found', `no journey for subscriber ${subscriberId}`);
}

/** 404 unless the staff member may see the task. */
export async function assertTaskVisible(prisma: PrismaClient, staff: StaffMember, taskId: string): Promise<void> {
  const visible = await prisma.task.count({ where: { AND: [{ id: taskId }, visibleTasks(staff)] } });
  if (visible === 0) throw new ApiError(404, 'task_not_found', 'no such task');
}
