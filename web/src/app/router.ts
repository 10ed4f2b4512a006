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
  // the respondent pages are for customers: no session, no app shell
  {
    path: '/s/:token',
    name: 'respond-token',
    component: () => import('@/modules/respondent/RespondentView.vue'),
    meta: { public: true },
    props: (r) => ({ kind: 'token', id: String(r.params.token) }),
  },
  {
    path: '/k/:code',
    name: 'respond-kiosk',
    component: () => import('@/modules/respondent/RespondentView.vue'),
    meta: { public: true },
    props: (r) => ({ kind: 'kiosk', id: String(r.params.code) }),
  },
  // a print document: signed in, but without the shell around the A4 pages
  {
    path: '/campaigns/:id(\\d+)/letters',
    name: 'campaign-letters',
    component: () => import('@/modules/surveys/CampaignLettersView.vue'),
    meta: { area: 'campaigns' },
    props: true,
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
        path: 'feedback/new',
        name: 'feedback-new',
        component: () => import('@/modules/feedback/FeedbackIntakeView.vue'),
        meta: { area: 'feedbackNew' },
      },
      {
        path: 'feedback',
        name: 'feedback',
        component: () => import('@/modules/feedback/FeedbackListView.vue'),
        meta: { area: 'feedback' },
      },
      {
        path: 'feedback/queue',
        name: 'feedback-queue',
        component: () => import('@/modules/feedback/FeedbackQueueView.vue'),
        meta: { area: 'feedbackQueue' },
      },
      {
        path: 'feedback/overdue',
        name: 'feedback-overdue',
        component: () => import('@/modules/feedback/FeedbackOverdueView.vue'),
        meta: { area: 'feedbackOverdue' },
      },
      {
        path: 'feedback/dashboard',
        name: 'feedback-dashboard',
        component: () => import('@/modules/feedback/FeedbackDashboardView.vue'),
        meta: { area: 'feedbackDashboard' },
      },
      {
        path: 'feedback/:id(\\d+)',
        name: 'feedback-case',
        component: () => import('@/modules/feedback/FeedbackCaseView.vue'),
        meta: { area: 'feedback' },
        props: true,
      },
      {
        path: 'feedback/:id(\\d+)/letter',
        name: 'feedback-letter',
        component: () => import('@/modules/feedback/FeedbackLetterView.vue'),
        meta: { area: 'feedback' },
        props: true,
      },
      {
        path: 'sla',
        name: 'sla',
        component: () => import('@/modules/feedback/SlaSettingsView.vue'),
        meta: { area: 'sla' },
      },
      {
        path: 'settings',
        name: 'org-settings',
        component: () => import('@/modules/users/OrgSettingsView.vue'),
        meta: { area: 'orgSettings' },
      },
      {
        path: 'surveys',
        name: 'surveys',
        component: () => import('@/modules/surveys/SurveyListView.vue'),
        meta: { area: 'surveys' },
      },
      {
        path: 'surveys/analysis',
        name: 'survey-analysis-latest',
        component: () => import('@/modules/surveys/SurveyAnalysisView.vue'),
        meta: { area: 'surveyAnalysis' },
      },
      {
        path: 'surveys/paper',
        name: 'survey-paper',
        component: () => import('@/modules/surveys/PaperEntryView.vue'),
        meta: { area: 'surveyPaper' },
      },
      {
        path: 'surveys/:id(\\d+)',
        name: 'survey',
        component: () => import('@/modules/surveys/SurveyDetailView.vue'),
        meta: { area: 'surveys' },
        props: true,
      },
      {
        path: 'surveys/:id(\\d+)/analysis',
        name: 'survey-analysis',
        component: () => import('@/modules/surveys/SurveyAnalysisView.vue'),
        meta: { area: 'surveyAnalysis' },
        props: true,
      },
      {
        path: 'campaigns',
        name: 'campaigns',
        component: () => import('@/modules/surveys/CampaignListView.vue'),
        meta: { area: 'campaigns' },
      },
      {
        path: 'campaigns/:id(\\d+)',
        name: 'campaign',
        component: () => import('@/modules/surveys/CampaignDetailView.vue'),
        meta: { area: 'campaigns' },
        props: true,
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
        path: 'customers/duplicates',
        name: 'customer-duplicates',
        component: () => import('@/modules/customers/CustomerDuplicatesView.vue'),
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
