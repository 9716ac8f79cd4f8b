// Ordinary calls into three libraries: the same output whether or not every one of their
// modules was automatically virtualized (vnet0 only).
// Deep imports, as size-conscious code writes them: only the modules used are bundled.
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { parseISO } from 'date-fns/parseISO';
import { eachDayOfInterval } from 'date-fns/eachDayOfInterval';
import chunk from 'lodash-es/chunk.js';
import cloneDeep from 'lodash-es/cloneDeep.js';
import groupBy from 'lodash-es/groupBy.js';
import merge from 'lodash-es/merge.js';
import template from 'lodash-es/template.js';
import uniqueId from 'lodash-es/uniqueId.js';
import memoize from 'lodash-es/memoize.js';
import sortBy from 'lodash-es/sortBy.js';
import debounce from 'lodash-es/debounce.js';
import { firstValueFrom, from, lastValueFrom, of, Subject } from 'rxjs';
import { filter, map, reduce, scan, take, toArray } from 'rxjs/operators';

const out: unknown[] = [];
const d = parseISO('2024-02-27T10:00:00Z');
out.push(format(addDays(d, 3), 'yyyy-MM-dd'), differenceInCalendarDays(addDays(d, 10), d), formatDistanceStrict(d, addDays(d, 45)));
out.push(eachDayOfInterval({ start: d, end: addDays(d, 3) }).map((x) => format(x, 'EEE')).join(' '));
out.push(chunk([1, 2, 3, 4, 5], 2), merge({ a: { b: 1 } }, { a: { c: 2 } }), groupBy(['one', 'two', 'three'], 'length'));
out.push(cloneDeep({ x: [1, { y: 2 }] }), template('hi <%= name %>')({ name: 'vnet' }), uniqueId('u'), uniqueId('u'));
const sq = memoize((n: number) => n * n);
out.push(sq(4), sq(4), sortBy([{ n: 3 }, { n: 1 }], 'n'));
out.push(typeof debounce(() => 1, 10));
out.push(await lastValueFrom(of(1, 2, 3, 4).pipe(filter((x) => x % 2 === 0), map((x) => x * 10), toArray())));
out.push(await firstValueFrom(from([5, 6, 7]).pipe(scan((a, b) => a + b, 0), take(2), reduce((a, b) => a + b, 0))));
const subject = new Subject<number>();
const seen: number[] = [];
subject.subscribe((v) => seen.push(v));
subject.next(1);
subject.next(2);
out.push(seen);
console.log(JSON.stringify(out));
