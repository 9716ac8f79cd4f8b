import { format } from 'date-fns';
import { quote } from './pricing.js';
import { getAccount, type Booking } from './state/accounts.js';
import { record } from './state/audit.js';
import { nextId } from './state/ids.js';

/** Books a service for an account on a day: a numbered booking at the day's price, audited. */
export function book(account: string, service: string, day: Date): Booking {
  const owner = getAccount(account);
  const date = format(day, 'yyyy-MM-dd');
  const booking = { id: nextId('B'), account, service, day: date, price: quote(service, day) };
  owner.bookings.push(booking);
  record({ type: 'booked', account, ref: booking.id });
  return booking;
}
