// The dashboard module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';
import { ALL } from '@/shared/roles';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'dashboard',
    component: () => import('./DashboardView.vue'),
    meta: { area: 'dashboard' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'dashboard',
    path: '/',
    icon: 'DataLine',
    order: 10,
    roles: ALL,
  },
];
