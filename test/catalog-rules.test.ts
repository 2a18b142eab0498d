import { clubServiceLevelFor, upcomingClubActivities, workOrderMinutes } from '../domain/club';
import { launchedBetween, promotionStatus, runningPromotions } from '../domain/promotions';
import { tieredServicesFor } from '../domain/tiered-services';
import { clubActivities, clubServiceLevels, clubServices, promotions, tieredServices } from '../prisma/seed-data';

const service = (code: string) => clubServices.find((candidate) => candidate.code === code)!;
const promotion = (code: string) => promotions.find((candidate) => candidate.code === code)!;

describe('the 3G Club’s level for a visit', () => {
  it.each([
    [3, 'standard'],
    [8, 'standard'],
    [10, 'standard'],
    [11, 'extended'],
    [30, 'extended'],
    [45, 'professional'],
    [90, 'professional'],
  ])('%i minutes → %s', (minutes, level) => {
    expect(clubServiceLevelFor([...clubServiceLevels].reverse(), minutes).code).toBe(level);
  });

  it('an iPhone’s apps, its contacts and internet set-up take 10 + 5 + 5 = 20 minutes: 升级版', () => {
    const order = [service('APP_IOS'), service('CONTACTS_TRANSFER'), service('INTERNET_SETUP')];
    expect(workOrderMinutes(order)).toBe(20);
    expect(clubServiceLevelFor(clubServiceLevels, workOrderMinutes(order)).name['zh-CN']).toBe('升级版');
    expect(() => clubServiceLevelFor([], 5)).toThrow(/empty/);
  });
});

describe('club activities a store’s customer is invited to', () => {
  it('the store’s own and its region’s, never another store’s or region’s, earliest first', () => {
    const qingdao = upcomingClubActivities(
      clubActivities,
      { id: 'QD001', region: 'qingdao' },
      '2026-12-01',
      '2027-03-01',
    );
    expect(qingdao.map((activity) => activity.id)).toEqual([
      'QD001-2026-12-13-CLASS',
      'QINGDAO-2026-12-31-MUSIC',
      'QINGDAO-2027-02-20-FILM',
    ]);
  });

  it('only those starting in the window (from included, to excluded)', () => {
    const jinan = { id: 'JN001', region: 'jinan' };
    expect(
      upcomingClubActivities(clubActivities, jinan, '2026-12-06T14:00:00+08:00', '2027-01-16T19:30:00+08:00').map(
        (activity) => activity.id,
      ),
    ).toEqual(['JN001-2026-12-06-CLASS', 'JINAN-2026-12-20-FILM']);
  });
});

describe('promotions and their launch dates', () => {
  const at = '2026-12-10T09:00:00+08:00';

  it('an offer whose launch date is in the future is not yet launched; one past its end has ended', () => {
    expect(promotionStatus(promotion('SPRING_FESTIVAL_DATA'), at)).toBe('not_launched');
    expect(promotionStatus(promotion('WINTER_DATA_HALF_PRICE'), at)).toBe('running');
    expect(promotionStatus(promotion('CONTRACT_PHONE_2026'), at)).toBe('running');
    expect(promotionStatus(promotion('WINTER_DATA_HALF_PRICE'), '2027-02-28T00:00:00+08:00')).toBe('ended');
    expect(promotionStatus(promotion('SPRING_FESTIVAL_DATA'), '2027-01-20T00:00:00+08:00')).toBe('running');
  });

  it('running offers for a region: its own and the province’s', () => {
    expect(runningPromotions(promotions, 'jinan', at).map((offer) => offer.code)).toEqual([
      'CONTRACT_PHONE_2026',
      'FAMILY_NUMBERS_FREE',
      'WINTER_DATA_HALF_PRICE',
    ]);
    expect(runningPromotions(promotions, 'qingdao', '2027-07-01').map((offer) => offer.code)).toEqual([
      'CONTRACT_PHONE_2026',
      'CAMPUS_WO_2027',
      'QINGDAO_SUMMER_DATA',
    ]);
  });

  it('the offers that launched since a customer asked: the ones to tell them about', () => {
    expect(launchedBetween(promotions, at, '2027-03-01').map((offer) => offer.code)).toEqual([
      'SPRING_FESTIVAL_DATA',
      'CAMPUS_WO_2027',
    ]);
    expect(launchedBetween(promotions, '2027-01-20T00:00:00+08:00', '2027-02-01')).toEqual([]);
  });
});

describe('tiered services per tier', () => {
  it('in the order the manager presents them; none for a customer who is not VIP', () => {
    expect(tieredServicesFor('gold', [...tieredServices].reverse()).map((item) => item.position)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(tieredServicesFor('standard', tieredServices)).toEqual([]);
  });
});
