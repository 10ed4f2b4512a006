// The API tokens module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'tokens',
    name: 'tokens',
    component: () => import('./TokensView.vue'),
    meta: { area: 'tokens' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'tokens',
    path: '/tokens',
    icon: 'Key',
    order: 130,
    roles: ['admin'],
    writers: ['admin'],
  },
];
