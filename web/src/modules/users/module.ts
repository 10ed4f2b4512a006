// The users module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'users',
    name: 'users',
    component: () => import('./UsersView.vue'),
    meta: { area: 'users' },
  },
  {
    path: 'settings',
    name: 'org-settings',
    component: () => import('./OrgSettingsView.vue'),
    meta: { area: 'orgSettings' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'users',
    path: '/users',
    icon: 'UserFilled',
    order: 120,
    roles: ['admin'],
    writers: ['admin'],
  },
  {
    area: 'orgSettings',
    path: '/settings',
    icon: 'Setting',
    order: 160,
    roles: ['admin'],
    writers: ['admin'],
  },
];
