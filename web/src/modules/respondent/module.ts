// The respondent module: the pages customers answer surveys on, with no session and no app shell.
import type { RouteRecordRaw } from 'vue-router';

export const bareRoutes: RouteRecordRaw[] = [
  {
    path: '/s/:token',
    name: 'respond-token',
    component: () => import('./RespondentView.vue'),
    meta: { public: true },
    props: (r) => ({ kind: 'token', id: String(r.params.token) }),
  },
  {
    path: '/k/:code',
    name: 'respond-kiosk',
    component: () => import('./RespondentView.vue'),
    meta: { public: true },
    props: (r) => ({ kind: 'kiosk', id: String(r.params.code) }),
  },
];
