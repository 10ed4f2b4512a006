// Shapes of the API's resources (docs/api.md), shared by the modules.

export type Role = 'admin' | 'quality' | 'director' | 'head' | 'staff' | 'auditor';
export const ROLES: Role[] = ['admin', 'quality', 'director', 'head', 'staff', 'auditor'];

export interface User {
  id: number;
  login: string;
  name: string;
  role: Role;
  unit: string | null;
  employee_code: string | null;
  active: boolean;
  created_at?: string;
  /** signed in with a one-time password: every call but POST /auth/password is refused */
  must_change_password?: boolean;
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  parent: string | null;
  head: string | null;
  path: string[];
}

export interface Staff {
  id: number;
  employee_code: string;
  name: string;
  unit: string;
  title: string;
  active: boolean;
}

export type CustomerCategory = 'long_term' | 'referred' | 'first_time';
export const CUSTOMER_CATEGORIES: CustomerCategory[] = ['long_term', 'referred', 'first_time'];

export interface Customer {
  id: number;
  external_id: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  category: CustomerCategory;
  referred_by: string | null;
  tier: string | null;
  consent_contact: boolean;
  consent_survey: boolean;
  first_visit: string | null;
  last_visit: string | null;
  pii_masked: boolean;
}

export interface Encounter {
  id: number;
  external_id: string | null;
  customer: number;
  customer_name: string | null;
  unit: string;
  staff: string | null;
  service: string;
  started_at: string;
  amount: number;
  converted: boolean;
}

export interface ApiToken {
  id: number;
  name: string;
  user: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  token?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface Overview {
  units: number;
  staff: number;
  customers: number;
  encounters: number;
  encounters_by_month: { month: string; count: number; amount: number }[];
  customers_by_category: { category: string; count: number }[];
}

export interface ImportResult {
  kind: string;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
}
