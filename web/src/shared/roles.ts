// Groups of roles that several modules' menu entries and write rights name (docs/api.md "Roles
// and scope").
import { ROLES, type Role } from './types';

export const ALL: Role[] = ROLES;
/** who may log feedback (docs/api.md: any signed-in role but auditor and director) */
export const RECEIVERS: Role[] = ['admin', 'quality', 'head', 'staff'];
/** who may type in paper survey forms (docs/api.md "Surveys": any role but director and auditor) */
export const PAPER_ENTRY: Role[] = ['admin', 'quality', 'head', 'staff'];
/** who manages the organisation's reference data (units, customers, imports, questionnaires) */
export const MANAGERS: Role[] = ['admin', 'quality'];
