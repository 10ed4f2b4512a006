// The feature modules of the SPA, each declaring its routes and menu entries (module.ts); the
// router and the side menu are assembled from this list.
import type { RouteRecordRaw } from 'vue-router';
import type { MenuEntry } from './menu';
import * as audit from '@/modules/audit/module';
import * as customers from '@/modules/customers/module';
import * as dashboard from '@/modules/dashboard/module';
import * as encounters from '@/modules/encounters/module';
import * as feedback from '@/modules/feedback/module';
import * as imports from '@/modules/imports/module';
import * as respondent from '@/modules/respondent/module';
import * as staff from '@/modules/staff/module';
import * as surveys from '@/modules/surveys/module';
import * as tokens from '@/modules/tokens/module';
import * as units from '@/modules/units/module';
import * as users from '@/modules/users/module';

export interface AppModule {
  /** pages inside the app shell (paths relative to /) */
  routes?: RouteRecordRaw[];
  /** pages without the shell (respondent pages, print documents) */
  bareRoutes?: RouteRecordRaw[];
  menu?: MenuEntry[];
}

export const MODULES: AppModule[] = [
  dashboard,
  feedback,
  units,
  staff,
  customers,
  encounters,
  imports,
  users,
  tokens,
  audit,
  surveys,
  respondent,
];
