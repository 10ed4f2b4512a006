// The units module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';
import { ALL, MANAGERS } from '@/shared/roles';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'units',
    name: 'units',
    component: () => import('./UnitsView.vue'),
    meta: { area: 'units' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'units',
    path: '/units',
    icon: 'OfficeBuilding',
    order: 70,
    roles: ALL,
    writers: MANAGERS,
  },
];
