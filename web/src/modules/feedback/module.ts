// The feedback module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';
import { ALL, MANAGERS, RECEIVERS } from '@/shared/roles';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'feedback/new',
    name: 'feedback-new',
    component: () => import('./FeedbackIntakeView.vue'),
    meta: { area: 'feedbackNew' },
  },
  {
    path: 'feedback',
    name: 'feedback',
    component: () => import('./FeedbackListView.vue'),
    meta: { area: 'feedback' },
  },
  {
    path: 'feedback/queue',
    name: 'feedback-queue',
    component: () => import('./FeedbackQueueView.vue'),
    meta: { area: 'feedbackQueue' },
  },
  {
    path: 'feedback/overdue',
    name: 'feedback-overdue',
    component: () => import('./FeedbackOverdueView.vue'),
    meta: { area: 'feedbackOverdue' },
  },
  {
    path: 'feedback/dashboard',
    name: 'feedback-dashboard',
    component: () => import('./FeedbackDashboardView.vue'),
    meta: { area: 'feedbackDashboard' },
  },
  {
    path: 'feedback/:id(\\d+)',
    name: 'feedback-case',
    component: () => import('./FeedbackCaseView.vue'),
    meta: { area: 'feedback' },
    props: true,
  },
  {
    path: 'feedback/:id(\\d+)/letter',
    name: 'feedback-letter',
    component: () => import('./FeedbackLetterView.vue'),
    meta: { area: 'feedback' },
    props: true,
  },
  {
    path: 'sla',
    name: 'sla',
    component: () => import('./SlaSettingsView.vue'),
    meta: { area: 'sla' },
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'feedbackNew',
    path: '/feedback/new',
    icon: 'EditPen',
    order: 20,
    roles: RECEIVERS,
    writers: RECEIVERS,
  },
  {
    area: 'feedback',
    path: '/feedback',
    icon: 'ChatLineSquare',
    order: 30,
    roles: ALL,
  },
  {
    area: 'feedbackQueue',
    path: '/feedback/queue',
    icon: 'Bell',
    order: 40,
    roles: ALL,
  },
  {
    area: 'feedbackOverdue',
    path: '/feedback/overdue',
    icon: 'AlarmClock',
    order: 50,
    roles: ALL,
  },
  {
    area: 'feedbackDashboard',
    path: '/feedback/dashboard',
    icon: 'PieChart',
    order: 60,
    roles: ALL,
  },
  {
    area: 'sla',
    path: '/sla',
    icon: 'Timer',
    order: 150,
    roles: MANAGERS,
    writers: MANAGERS,
  },
];
