// The audit module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';
import { MANAGERS } from '@/shared/roles';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'audit',
    name: 'audit',
    component: () => import('./AuditView.vue'),
    meta: { area: 'audit' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'audit',
    path: '/audit',
    icon: 'Document',
    order: 140,
    roles: MANAGERS,
  },
];
