import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAuth } from './auth';
import { canOpen, menuFor, type Area } from './menu';
import { MODULES } from './modules';

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
  ...MODULES.flatMap((m) => m.bareRoutes ?? []),
  {
    path: '/',
    component: () => import('./MainLayout.vue'),
    children: MODULES.flatMap((m) => m.routes ?? []),
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  // public pages other than the login (the respondent's) neither need nor look up a session
  if (to.meta.public && to.name !== 'login') return true;
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
