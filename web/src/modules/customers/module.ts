// The customers module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';
import { ALL, MANAGERS } from '@/shared/roles';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'customers',
    name: 'customers',
    component: () => import('./CustomersView.vue'),
    meta: { area: 'customers' },
  },
  {
    path: 'customers/duplicates',
    name: 'customer-duplicates',
    component: () => import('./CustomerDuplicatesView.vue'),
    meta: { area: 'customers' },
  },
  {
    path: 'customers/:id',
    name: 'customer',
    component: () => import('./CustomerDetailView.vue'),
    meta: { area: 'customers' },
    props: true,
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'customers',
    path: '/customers',
    icon: 'User',
    order: 90,
    roles: ALL,
    writers: MANAGERS,
  },
];
