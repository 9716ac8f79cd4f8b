import { format, getDefaultOptions, setDefaultOptions, startOfWeek } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { book } from '../src/booking.js';
import type { Area } from '../src/catalog/area.js';
import * as catalog from '../src/catalog/index.js';
import { quote, slots } from '../src/pricing.js';
import { activePromotions, countServices, getService, registerPromotion } from '../src/registry.js';
import { countAccounts, getAccount, openAccount } from '../src/state/accounts.js';
import { entries } from '../src/state/audit.js';
import { cacheStats } from '../src/state/cache.js';
import { now, setNow } from '../src/state/clock.js';
import { isOn, setFlag } from '../src/state/flags.js';

const monday = new Date(2026, 0, 5);
const wednesday = new Date(2026, 0, 7);
const saturday = new Date(2026, 0, 10);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The tests of one area of the catalog. Every file runs the same tests, so every file opens
 * the same accounts, books, flips the same flags and sets date-fns's default options: each
 * test expects the modules as a fresh import leaves them for what it touches. Within a file the
 * tests touch disjoint accounts, and those that check a default run before the one that changes
 * it, so per-file isolation is enough for them; without any isolation the files leak into each
 * other and fail.
 */
export function clinicTests(area: Area): void {
  const [first, second] = area.services.map((m) => m.service);

  describe(`area ${area.id}`, () => {
    it('is part of a catalog of 24 areas and 240 registered services', () => {
      expect(Object.keys(catalog)).toHaveLength(24);
      expect(countServices()).toBe(240);
      for (const m of area.services) expect(getService(m.service.code)).toEqual(m.service);
    });

    it('opens the clinic account once, and refuses a second one of that name', () => {
      openAccount('clinic');
      expect(countAccounts()).toBe(1);
      expect(() => openAccount('clinic')).toThrow('account "clinic" already exists');
    });

    it('numbers bookings from B-1', () => {
      openAccount('numbers');
      expect(book('numbers', first!.code, monday).id).toBe('B-1');
      expect(book('numbers', second!.code, monday).id).toBe('B-2');
      const days = getAccount('numbers').bookings.map((b) => b.day);
      expect(days).toEqual(['2026-01-05', '2026-01-05']);
    });

    it('prices every service at list price on a weekday, with the surcharge on a weekend', () => {
      for (const { service } of area.services) {
        expect(quote(service.code, monday)).toBe(service.price);
        expect(quote(service.code, saturday)).toBe(Math.round(service.price * 1.25));
      }
    });

    it('lists the slots of a day from opening to closing, and memoizes them', () => {
      const before = cacheStats();
      for (const { service } of area.services) {
        const times = slots(service.code, wednesday);
        const open = (service.closes - service.opens) * 60;
        expect(times).toHaveLength(Math.floor(open / service.minutes));
        expect(times[0]).toBe(`${String(service.opens).padStart(2, '0')}:00`);
        expect(slots(service.code, wednesday)).toBe(times);
      }
      expect(cacheStats().hits - before.hits).toBe(10);
    });

    it('labels services with the day, in date-fns format', () => {
      expect(area.services[0]!.label(saturday)).toBe(`${first!.name} on Sat 10 Jan 2026`);
    });

    it('has the weekend surcharge on by default', () => {
      expect(isOn('weekend-surcharge')).toBe(true);
    });

    it('charges the list price on weekends once the surcharge is off', () => {
      setFlag('weekend-surcharge', false);
      expect(quote(first!.code, saturday)).toBe(first!.price);
    });

    it('applies no promotion until one is registered', () => {
      expect(activePromotions()).toHaveLength(0);
    });

    it('applies a registered promotion to every quote', () => {
      registerPromotion({ name: 'tenth off', apply: (price) => Math.round(price * 0.9) });
      expect(quote(second!.code, monday)).toBe(Math.round(second!.price * 0.9));
      expect(activePromotions().map((p) => p.name)).toEqual(['tenth off']);
    });

    it('starts weeks on Sunday with date-fns defaults', () => {
      expect(getDefaultOptions()).toEqual({});
      expect(format(startOfWeek(wednesday), 'EEEE')).toBe('Sunday');
    });

    it('starts weeks on Monday after setDefaultOptions', () => {
      setDefaultOptions({ weekStartsOn: 1 });
      expect(format(startOfWeek(wednesday), 'EEEE')).toBe('Monday');
    });

    it('follows the system clock until a clock is set', () => {
      expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(5_000);
      setNow(monday);
      expect(format(now(), 'yyyy-MM-dd')).toBe('2026-01-05');
    });

    it('audits every booking of an account, across awaits', async () => {
      openAccount('audited');
      const booked = await Promise.all(
        [3, 1, 2].map(async (ms) => {
          await pause(ms);
          return book('audited', first!.code, wednesday);
        }),
      );
      expect(new Set(booked.map((b) => b.id)).size).toBe(3);
      expect(
        entries('audited')
          .map((e) => e.ref)
          .sort(),
      ).toEqual(booked.map((b) => b.id).sort());
    });
  });

  describe.concurrent(`area ${area.id}, concurrent tests`, () => {
    for (const name of ['north', 'south', 'east']) {
      it(`books for the ${name} desk while the others book`, async () => {
        openAccount(name);
        for (const { service } of area.services.slice(0, 3)) {
          await pause(1);
          book(name, service.code, monday);
        }
        const booked = getAccount(name).bookings.map((b) => b.service);
        expect(booked).toEqual(area.services.slice(0, 3).map((m) => m.service.code));
        expect(entries(name)).toHaveLength(3);
      });
    }
  });
}
