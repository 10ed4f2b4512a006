import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAuth } from './auth';
import { canOpen, menuFor, type Area } from './menu';

declare module 'vue-router' {
  interface RouteMeta {
    area?: Area;
    public?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./LoginView.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('./MainLayout.vue'),
    children: [
      {
        path: '',
        name: 'dashboard',
        component: () => import('@/modules/dashboard/DashboardView.vue'),
        meta: { area: 'dashboard' },
      },
      {
        path: 'units',
        name: 'units',
        component: () => import('@/modules/units/UnitsView.vue'),
        meta: { area: 'units' },
      },
      {
        path: 'staff',
        name: 'staff',
        component: () => import('@/modules/staff/StaffView.vue'),
        meta: { area: 'staff' },
      },
      {
        path: 'customers',
        name: 'customers',
        component: () => import('@/modules/customers/CustomersView.vue'),
        meta: { area: 'customers' },
      },
      {
        path: 'customers/:id',
        name: 'customer',
        component: () => import('@/modules/customers/CustomerDetailView.vue'),
        meta: { area: 'customers' },
        props: true,
      },
      {
        path: 'encounters',
        name: 'encounters',
        component: () => import('@/modules/encounters/EncountersView.vue'),
        meta: { area: 'encounters' },
      },
      {
        path: 'imports',
        name: 'imports',
        component: () => import('@/modules/imports/ImportsView.vue'),
        meta: { area: 'imports' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/modules/users/UsersView.vue'),
        meta: { area: 'users' },
      },
      {
        path: 'tokens',
        name: 'tokens',
        component: () => import('@/modules/tokens/TokensView.vue'),
        meta: { area: 'tokens' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/modules/audit/AuditView.vue'),
        meta: { area: 'audit' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const auth = useAuth();
  const signedIn = await auth.restore();
  if (to.meta.public) {
    return signedIn && to.name === 'login' ? { path: '/' } : true;
  }
  if (!signedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  }
  if (to.meta.area && !canOpen(auth.role, to.meta.area)) {
    return menuFor(auth.role)[0]?.path ?? '/login';
  }
  return true;
});
