import { hashSecretToken } from '../api/staff-access/secret-tokens';
import { sessionLifetime } from '../api/staff-access/staff-sessions';
import { useApiHarness } from './support/api';
import { testStaffPassword } from './support/postgres';

// Finding 10: sessions are rows in PostgreSQL, read again with the staff row on every request, so
// signing out, deactivation and a changed role or store count from the very next request.
describe('staff sessions are revocable', () => {
  const harness = useApiHarness();

  const inbox = (token: string, query = '') =>
    harness().call('GET', `/v1/tasks${query}`, { token, route: '/v1/tasks' });
  const sessionOf = (token: string) =>
    harness().journeys.prisma.staffSession.findUnique({ where: { tokenHash: hashSecretToken(token) } });

  it('a session token is random and the database keeps only its SHA-256', async () => {
    const [first, second] = [await harness().signIn('followup.zhang'), await harness().signIn('followup.zhang')];
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const rows = await harness().journeys.prisma.staffSession.findMany({ where: { staffId: 'S-FOLLOWUP' } });
    expect(rows.map((row) => row.tokenHash).sort()).toEqual([hashSecretToken(first), hashSecretToken(second)].sort());
    expect(JSON.stringify(rows)).not.toContain(first);
  });

  it('the cookie is HTTP-only, same-site strict, for 8 hours', async () => {
    const { headers } = await harness().call('POST', '/v1/sessions', {
      body: { username: 'tm.liu', password: testStaffPassword },
    });
    expect(headers.get('set-cookie')).toMatch(
      /^journey_session=[\w-]{43}; Max-Age=28800; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
    );
  });

  it('signing out in the staff pages ends the session at once, for the cookie and the same token as bearer', async () => {
    const token = await harness().signIn('store.jn001');
    expect((await harness().page('/ui/tasks', { session: token })).status).toBe(200);
    const signOut = await harness().page('/ui/logout', { session: token, form: {} });
    expect({ status: signOut.status, location: signOut.location }).toEqual({ status: 303, location: '/ui/login' });
    expect(signOut.headers.get('set-cookie')).toMatch(/^journey_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await sessionOf(token)).toBeNull();
    // A copy of the old cookie (stolen, or a second tab) is refused too.
    expect(await harness().page('/ui/tasks', { session: token })).toMatchObject({ status: 303, location: '/ui/login' });
    expect((await inbox(token)).status).toBe(401);
  });

  it('deactivating a staff member refuses their next request, and activating them again does not revive it', async () => {
    const token = await harness().signIn('followup.wang');
    expect((await inbox(token)).status).toBe(200);
    await harness().journeys.prisma.staff.update({ where: { id: 'S-FOLLOWUP-WANG' }, data: { active: false } });
    expect((await inbox(token)).status).toBe(401);
    await harness().journeys.prisma.staff.update({ where: { id: 'S-FOLLOWUP-WANG' }, data: { active: true } });
    expect((await inbox(token)).status).toBe(401);
    expect(await sessionOf(token)).toBeNull();
  });

  it('a changed store counts from the next request', async () => {
    const token = await harness().signIn('store.jn002');
    expect((await inbox(token, '?storeId=JN002')).status).toBe(200);
    expect((await inbox(token, '?storeId=JN001')).status).toBe(403);
    await harness().journeys.prisma.staff.update({ where: { id: 'S-STORE-JN002' }, data: { storeId: 'JN001' } });
    expect((await inbox(token, '?storeId=JN001')).status).toBe(200);
    expect((await inbox(token, '?storeId=JN002')).status).toBe(403);
  });

  it('a changed role counts from the next request: a demoted supervisor loses the reports', async () => {
    const token = await harness().signIn('supervisor.sun');
    expect((await harness().call('GET', '/v1/reports/journeys', { token })).status).toBe(200);
    expect((await harness().page('/ui/dashboard', { session: token })).status).toBe(200);
    await harness().journeys.prisma.staff.update({ where: { id: 'S-SUPERVISOR' }, data: { role: 'hotline' } });
    expect((await harness().call('GET', '/v1/reports/journeys', { token })).status).toBe(403);
    expect((await harness().page('/ui/dashboard', { session: token })).status).toBe(403);
    expect((await inbox(token, '?role=hotline')).status).toBe(200);
  });

  it('a session ends after an hour without a request', async () => {
    const token = await harness().signIn('am.li');
    const idle = (minutes: number) =>
      harness().journeys.prisma.staffSession.update({
        where: { tokenHash: hashSecretToken(token) },
        data: { lastSeenAt: new Date(Date.now() - minutes * 60_000) },
      });
    await idle(50);
    expect((await inbox(token)).status).toBe(200);
    // The request counted as activity: the idle clock started again.
    expect((await sessionOf(token))!.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
    await idle(sessionLifetime.idleMs / 60_000 + 1);
    expect((await inbox(token)).status).toBe(401);
    expect(await sessionOf(token)).toBeNull();
  });

  it('a session ends 8 hours after sign-in however busy', async () => {
    const token = await harness().signIn('am.wang');
    const session = (await sessionOf(token))!;
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(8 * 3_600_000);
    await harness().journeys.prisma.staffSession.update({
      where: { id: session.id },
      data: { expiresAt: new Date(Date.now() - 1_000), lastSeenAt: new Date() },
    });
    expect((await inbox(token)).status).toBe(401);
  });
});
