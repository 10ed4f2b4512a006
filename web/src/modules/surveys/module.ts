// The surveys module: its pages and side-menu entries, with the roles that open and write them.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from '@/app/menu';
import { ALL, MANAGERS, PAPER_ENTRY } from '@/shared/roles';

/** pages inside the app shell */
export const routes: RouteRecordRaw[] = [
  {
    path: 'surveys',
    name: 'surveys',
    component: () => import('./SurveyListView.vue'),
    meta: { area: 'surveys' },
  },
  {
    path: 'surveys/analysis',
    name: 'survey-analysis-latest',
    component: () => import('./SurveyAnalysisView.vue'),
    meta: { area: 'surveyAnalysis' },
  },
  {
    path: 'surveys/paper',
    name: 'survey-paper',
    component: () => import('./PaperEntryView.vue'),
    meta: { area: 'surveyPaper' },
  },
  {
    path: 'surveys/:id(\\d+)',
    name: 'survey',
    component: () => import('./SurveyDetailView.vue'),
    meta: { area: 'surveys' },
    props: true,
  },
  {
    path: 'surveys/:id(\\d+)/analysis',
    name: 'survey-analysis',
    component: () => import('./SurveyAnalysisView.vue'),
    meta: { area: 'surveyAnalysis' },
    props: true,
  },
  {
    path: 'campaigns',
    name: 'campaigns',
    component: () => import('./CampaignListView.vue'),
    meta: { area: 'campaigns' },
  },
  {
    path: 'campaigns/:id(\\d+)',
    name: 'campaign',
    component: () => import('./CampaignDetailView.vue'),
    meta: { area: 'campaigns' },
    props: true,
  },
];

/** a print document: signed in, but without the shell around the A4 pages */
export const bareRoutes: RouteRecordRaw[] = [
  {
    path: '/campaigns/:id(\\d+)/letters',
    name: 'campaign-letters',
    component: () => import('./CampaignLettersView.vue'),
    meta: { area: 'campaigns' },
    props: true,
  },
];

export const menu: MenuEntry[] = [
  {
    area: 'surveys',
    path: '/surveys',
    icon: 'Tickets',
    order: 170,
    roles: ALL,
    writers: MANAGERS,
  },
  {
    area: 'surveyAnalysis',
    path: '/surveys/analysis',
    icon: 'TrendCharts',
    order: 180,
    roles: ALL,
  },
  {
    area: 'campaigns',
    path: '/campaigns',
    icon: 'Promotion',
    order: 190,
    roles: ALL,
    writers: MANAGERS,
  },
  {
    area: 'surveyPaper',
    path: '/surveys/paper',
    icon: 'DocumentAdd',
    order: 200,
    roles: PAPER_ENTRY,
    writers: PAPER_ENTRY,
  },
];
