// The staff module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'staff',
    name: 'staff',
    component: () => import('./StaffView.vue'),
    meta: { area: 'staff' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'staff',
    path: '/staff',
    icon: 'Avatar',
    order: 80,
    roles: ['admin', 'quality', 'director', 'head', 'auditor'],
    writers: ['admin', 'quality', 'head'],
    scopedWriters: true,
  },
];
