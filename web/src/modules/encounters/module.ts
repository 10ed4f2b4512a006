// The encounters module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'encounters',
    name: 'encounters',
    component: () => import('./EncountersView.vue'),
    meta: { area: 'encounters' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'encounters',
    path: '/encounters',
    icon: 'Calendar',
    order: 100,
    roles: ['admin', 'quality', 'director', 'head', 'staff'],
    writers: ['admin', 'quality', 'head'],
    scopedWriters: true,
  },
];
