import { createVnet, withVnet } from '@vimage/runtime';
import { format, setDefaultOptions, startOfWeek } from 'date-fns';
import { fr } from 'date-fns/locale/fr';

const day = new Date(2024, 0, 17, 12); // a Wednesday
const show = () => `${format(day, 'EEEE d MMMM')} | week starts ${format(startOfWeek(day), 'EEEE d')}`;
const a = createVnet('a');
const b = createVnet('b');
withVnet(a, () => setDefaultOptions({ locale: fr, weekStartsOn: 1 }));
console.log('a', withVnet(a, show));
console.log('b', withVnet(b, show));
console.log('vnet0', show());
