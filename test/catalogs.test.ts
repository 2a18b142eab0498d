import {
  clubActivitiesFor,
  clubServiceLevels,
  clubServices,
  promotions,
  tieredServicesOf,
} from '../activities/catalog';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { seedDatabase } from '../prisma/seed';
import * as seed from '../prisma/seed-data';
import { tieredServicesPerTier, vipTiers } from '../domain/tiered-services';
import { createTestDatabase } from './support/postgres';

/** The same instant written the way the seed writes it (+08:00) or the way PostgreSQL returns it (Z). */
const instant = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());

let prisma: PrismaClient;
beforeAll(async () => {
  prisma = createPrismaClient(await createTestDatabase());
});
afterAll(() => prisma.$disconnect());

describe('the service plan’s catalogs in PostgreSQL, read back through their typed loaders', () => {
  it('the 3G Club’s levels: 标准版 5–10 min, 升级版 10–30 min, 专业版 30–60 min', async () => {
    const levels = await clubServiceLevels(prisma);
    expect(levels).toEqual(seed.clubServiceLevels);
    expect(levels.map((level) => [level.name['zh-CN'], level.minMinutes, level.maxMinutes])).toEqual([
      ['标准版', 5, 10],
      ['升级版', 10, 30],
      ['专业版', 30, 60],
    ]);
  });

  it('the club work order: app installs per system, contacts, coaching and 3G classes, internet set-up, the clubs', async () => {
    const services = await clubServices(prisma);
    expect(services).toEqual(seed.clubServices);
    const systems = services.flatMap((service) => (service.kind === 'app_install' ? [service.phoneSystem] : []));
    expect(systems).toEqual(['ios', 'android', 'symbian', 'windows_mobile']);
    const clubs = services.flatMap((service) => (service.kind === 'join_club' ? [service.club] : []));
    expect(clubs).toEqual(['3g_club', 'film_club', 'music_club']);
    const names = services.map((service) => service.name['zh-CN']);
    expect(names).toEqual(
      expect.arrayContaining(['电话号码转存', '3G课堂', '3G手机使用辅导', '手机激活', '加入影迷俱乐部']),
    );
    const setup = services.find((service) => service.kind === 'internet_setup')!;
    expect(setup.description['zh-CN']).toContain('WCDMA终端管理平台');
  });

  it.each(vipTiers)(
    'the %s tier has 3 to 5 tiered services of its own, none of them a value-added service',
    async (tier) => {
      const services = await tieredServicesOf(prisma, tier);
      expect(services).toEqual(seed.tieredServices.filter((service) => service.tier === tier));
      expect(services.length).toBeGreaterThanOrEqual(tieredServicesPerTier.min);
      expect(services.length).toBeLessThanOrEqual(tieredServicesPerTier.max);
      const addOns = new Set(seed.valueAddedServices.flatMap((service) => [service.code, service.name]));
      for (const service of services) {
        expect(addOns.has(service.code) || addOns.has(service.name['zh-CN'])).toBe(false);
      }
    },
  );

  it('a standard customer has no tiered services; diamonds get the lounges and service at home', async () => {
    expect(await tieredServicesOf(prisma, 'standard')).toEqual([]);
    const diamond = await tieredServicesOf(prisma, 'diamond');
    expect(diamond.map((service) => service.code)).toEqual([
      'AIRPORT_LOUNGE',
      'RAIL_LOUNGE',
      'HOME_SERVICE',
      'BACKUP_PHONE',
      'BIRTHDAY',
    ]);
    expect(diamond[0]!.detail['zh-CN']).toContain('每年8次');
  });

  it('club activities of a store: its own and its region’s, in the window, earliest first', async () => {
    const store = { id: 'JN001', region: 'jinan' };
    const december = await clubActivitiesFor(prisma, store, '2026-12-01T00:00:00+08:00', '2027-02-01T00:00:00+08:00');
    expect(december.map((activity) => activity.id)).toEqual([
      'JN001-2026-12-06-CLASS',
      'JINAN-2026-12-20-FILM',
      'JINAN-2027-01-16-MUSIC',
    ]);
    const film = seed.clubActivities.find((activity) => activity.id === 'JINAN-2026-12-20-FILM')!;
    expect(december[1]).toEqual({ ...film, startsAt: instant(film.startsAt), endsAt: instant(film.endsAt) });
    expect(december[1]!.startsAt).toBe('2026-12-20T11:00:00.000Z');
    const neighbour = await clubActivitiesFor(prisma, { id: 'JN002', region: 'jinan' }, '2027-01-01', '2027-02-01');
    expect(neighbour.map((activity) => activity.id)).toEqual(['JN002-2027-01-09-CLASS', 'JINAN-2027-01-16-MUSIC']);
  });

  it('promotions keep their launch dates (some not yet launched) and their regions', async () => {
    const loaded = await promotions(prisma);
    expect(loaded).toEqual(
      [...seed.promotions]
        .map((promotion) => ({
          ...promotion,
          launchAt: instant(promotion.launchAt)!,
          endsAt: instant(promotion.endsAt),
        }))
        .sort((a, b) => a.launchAt.localeCompare(b.launchAt)),
    );
    expect(loaded.filter((promotion) => Date.parse(promotion.launchAt) > Date.parse('2026-12-10'))).not.toHaveLength(0);
  });

  it('the seed is idempotent for the new catalogs', async () => {
    const counts = () =>
      Promise.all([
        prisma.clubServiceLevel.count(),
        prisma.clubService.count(),
        prisma.tieredService.count(),
        prisma.clubActivity.count(),
        prisma.promotion.count(),
      ]);
    const before = await counts();
    await seedDatabase(prisma);
    expect(await counts()).toEqual(before);
    expect(before).toEqual([3, seed.clubServices.length, seed.tieredServices.length, 8, 6]);
  });
});

describe('the catalogs refuse rows the application could not read', () => {
  const violates = (constraint: string) => expect.objectContaining({ message: expect.stringContaining(constraint) });

  it('an app install without its phone system, or a phone system on anything else', async () => {
    const service = {
      code: 'BAD',
      kind: 'app_install',
      name: '坏',
      nameEn: 'Bad',
      description: '坏',
      descriptionEn: 'Bad',
      typicalMinutes: 5,
      position: 99,
    };
    await expect(prisma.clubService.create({ data: service })).rejects.toEqual(violates('club_service_phone_system'));
    await expect(
      prisma.clubService.create({ data: { ...service, kind: 'contacts_transfer', phoneSystem: 'ios' } }),
    ).rejects.toEqual(violates('club_service_phone_system'));
    await expect(prisma.clubService.create({ data: { ...service, kind: 'teleport' } })).rejects.toEqual(
      violates('club_service_kind'),
    );
  });

  it('a tiered service for a customer who is not VIP, a promotion that ends before it launches', async () => {
    const row = { code: 'X', name: '坏', nameEn: 'Bad', detail: '坏', detailEn: 'Bad', position: 9 };
    await expect(prisma.tieredService.create({ data: { ...row, tier: 'standard' } })).rejects.toEqual(
      violates('tiered_service_vip_only'),
    );
    await expect(
      prisma.promotion.create({
        data: {
          code: 'BAD',
          name: '坏',
          nameEn: 'Bad',
          description: '坏',
          descriptionEn: 'Bad',
          launchAt: new Date('2027-01-01'),
          endsAt: new Date('2026-12-01'),
        },
      }),
    ).rejects.toEqual(violates('promotion_times'));
  });
});
