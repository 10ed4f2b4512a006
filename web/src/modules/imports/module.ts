// The imports module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';
import { MANAGERS } from '@/shared/roles';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'imports',
    name: 'imports',
    component: () => import('./ImportsView.vue'),
    meta: { area: 'imports' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'imports',
    path: '/imports',
    icon: 'Upload',
    order: 110,
    roles: MANAGERS,
    writers: MANAGERS,
  },
];
