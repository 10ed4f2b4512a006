// Which areas each role may open and write (docs/api.md "Roles and scope"), assembled from the
// modules' declarations (modules/<area>/module.ts); the side menu and the router guard both read
// this one table so a hidden page is also an unreachable one.
import type { Role } from '@/shared/types';
import { MODULES } from './modules';

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
  /** place in the side menu (the modules' entries are merged by it) */
  order: number;
  /** who may open the area */
  roles: Role[];
  /** who may write in it (the server decides; this only hides buttons that would fail) */
  writers?: Role[];
  /** a head writes only inside their own unit subtree (admin and quality write anywhere) */
  scopedWriters?: boolean;
}

/** The side menu: every module's entries in their order. */
export const MENU: MenuEntry[] = MODULES.flatMap((m) => m.menu ?? []).sort(
  (a, b) => a.order - b.order,
);

export function menuFor(role: Role | null | undefined): MenuEntry[] {
  if (!role) return [];
  return MENU.filter((m) => m.roles.includes(role));
}

export function canOpen(role: Role | null | undefined, area: Area): boolean {
  return menuFor(role).some((m) => m.area === area);
}

export function canWrite(role: Role | null | undefined, area: Area): boolean {
  const entry = MENU.find((m) => m.area === area);
  return !!role && (entry?.writers ?? []).includes(role);
}

/** Whether `user` may write a record of `area` that sits in the unit whose path (root first) is
 * `unitPath`; without a path it answers for "somewhere" (e.g. a create button). */
export function canWriteAt(
  user: { role: Role; unit: string | null } | null | undefined,
  area: Area,
  unitPath?: string[] | null,
): boolean {
  if (!user || !canWrite(user.role, area)) return false;
  if (user.role !== 'head' || !MENU.find((m) => m.area === area)?.scopedWriters) return true;
  if (!user.unit) return false;
  return unitPath ? unitPath.includes(user.unit) : true;
}
