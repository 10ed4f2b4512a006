// Which areas each role may open (docs/api.md "Roles and scope"); the side menu and the router
// guard both read this one table so a hidden page is also an unreachable one.
import type { Role } from '@/shared/types';

export type Area =
  | 'dashboard'
  | 'feedbackNew'
  | 'feedback'
  | 'feedbackQueue'
  | 'feedbackOverdue'
  | 'feedbackDashboard'
  | 'units'
  | 'staff'
  | 'customers'
  | 'encounters'
  | 'imports'
  | 'users'
  | 'tokens'
  | 'audit'
  | 'sla'
  | 'orgSettings'
  | 'surveys'
  | 'surveyAnalysis'
  | 'campaigns'
  | 'surveyPaper';

export interface MenuEntry {
  area: Area;
  path: string;
  icon: string;
  roles: Role[];
}

const ALL: Role[] = ['admin', 'quality', 'director', 'head', 'staff', 'auditor'];
/** who may log feedback (docs/api.md: any signed-in role but auditor and director) */
const RECEIVERS: Role[] = ['admin', 'quality', 'head', 'staff'];
/** who may type in paper survey forms (docs/api.md "Surveys": any role but director and auditor) */
const PAPER_ENTRY: Role[] = ['admin', 'quality', 'head', 'staff'];

export const MENU: MenuEntry[] = [
  { area: 'dashboard', path: '/', icon: 'DataLine', roles: ALL },
  { area: 'feedbackNew', path: '/feedback/new', icon: 'EditPen', roles: RECEIVERS },
  { area: 'feedback', path: '/feedback', icon: 'ChatLineSquare', roles: ALL },
  { area: 'feedbackQueue', path: '/feedback/queue', icon: 'Bell', roles: ALL },
  { area: 'feedbackOverdue', path: '/feedback/overdue', icon: 'AlarmClock', roles: ALL },
  { area: 'feedbackDashboard', path: '/feedback/dashboard', icon: 'PieChart', roles: ALL },
  { area: 'units', path: '/units', icon: 'OfficeBuilding', roles: ALL },
  {
    area: 'staff',
    path: '/staff',
    icon: 'Avatar',
    roles: ['admin', 'quality', 'director', 'head', 'auditor'],
  },
  {
    area: 'customers',
    path: '/customers',
    icon: 'User',
    roles: ['admin', 'quality', 'director', 'head', 'staff', 'auditor'],
  },
  {
    area: 'encounters',
    path: '/encounters',
    icon: 'Calendar',
    roles: ['admin', 'quality', 'director', 'head', 'staff'],
  },
  { area: 'imports', path: '/imports', icon: 'Upload', roles: ['admin', 'quality'] },
  { area: 'users', path: '/users', icon: 'UserFilled', roles: ['admin'] },
  { area: 'tokens', path: '/tokens', icon: 'Key', roles: ['admin'] },
  { area: 'audit', path: '/audit', icon: 'Document', roles: ['admin', 'quality'] },
  { area: 'sla', path: '/sla', icon: 'Timer', roles: ['admin', 'quality'] },
  { area: 'orgSettings', path: '/settings', icon: 'Setting', roles: ['admin'] },
  { area: 'surveys', path: '/surveys', icon: 'Tickets', roles: ALL },
  { area: 'surveyAnalysis', path: '/surveys/analysis', icon: 'TrendCharts', roles: ALL },
  { area: 'campaigns', path: '/campaigns', icon: 'Promotion', roles: ALL },
  { area: 'surveyPaper', path: '/surveys/paper', icon: 'DocumentAdd', roles: PAPER_ENTRY },
];

export function menuFor(role: Role | null | undefined): MenuEntry[] {
  if (!role) return [];
  return MENU.filter((m) => m.roles.includes(role));
}

export function canOpen(role: Role | null | undefined, area: Area): boolean {
  return menuFor(role).some((m) => m.area === area);
}

/** Write permissions per area (the server decides; this only hides buttons that would fail). */
const WRITERS: Partial<Record<Area, Role[]>> = {
  units: ['admin', 'quality'],
  staff: ['admin', 'quality', 'head'],
  customers: ['admin', 'quality'],
  encounters: ['admin', 'quality', 'head'],
  imports: ['admin', 'quality'],
  users: ['admin'],
  tokens: ['admin'],
  feedbackNew: RECEIVERS,
  sla: ['admin', 'quality'],
  orgSettings: ['admin'],
  surveys: ['admin', 'quality'],
  campaigns: ['admin', 'quality'],
  surveyPaper: PAPER_ENTRY,
};

export function canWrite(role: Role | null | undefined, area: Area): boolean {
  return !!role && (WRITERS[area] ?? []).includes(role);
}

/** Areas a head writes only inside their own unit subtree (admin and quality write anywhere). */
const SCOPED: Area[] = ['staff', 'encounters'];

/** Whether `user` may write a record of `area` that sits in the unit whose path (root first) is
 * `unitPath`; without a path it answers for "somewhere" (e.g. a create button). */
export function canWriteAt(
  user: { role: Role; unit: string | null } | null | undefined,
  area: Area,
  unitPath?: string[] | null,
): boolean {
  if (!user || !canWrite(user.role, area)) return false;
  if (user.role !== 'head' || !SCOPED.includes(area)) return true;
  if (!user.unit) return false;
  return unitPath ? unitPath.includes(user.unit) : true;
}
