import { addMinutes, format, isWeekend, setHours, startOfDay } from 'date-fns';
import { activePromotions, getService } from './registry.js';
import { cached } from './state/cache.js';
import { isOn } from './state/flags.js';

/** The price of a service on a day: its list price, the weekend surcharge, then promotions. */
export function quote(code: string, day: Date): number {
  const service = getService(code);
  let price = service.price;
  if (isWeekend(day) && isOn('weekend-surcharge')) price = Math.round(price * 1.25);
  if (isOn('promotions')) for (const p of activePromotions()) price = p.apply(price, service, day);
  return price;
}

/** The start times of a service on a day, from opening to closing, memoized per service and day. */
export function slots(code: string, day: Date): string[] {
  const service = getService(code);
  return cached(`slots:${code}:${format(day, 'yyyy-MM-dd')}`, () => {
    const times: string[] = [];
    const close = setHours(startOfDay(day), service.closes);
    let t = setHours(startOfDay(day), service.opens);
    for (; addMinutes(t, service.minutes) <= close; t = addMinutes(t, service.minutes)) {
      times.push(format(t, 'HH:mm'));
    }
    return times;
  });
}
