// The staff module's server calls, one typed function each (docs/api.md, GET /openapi.json).
import { api, type Page, type Query, type RequestOptions } from '@/app/api';
import { allPages } from '@/shared/list/allPages';
import type { Staff } from '@/shared/types';

/** GET /staff: filters q (name or employee code), unit, active; page, page_size. */
export interface StaffFilters extends Query {
  q?: string;
  unit?: string | null;
  active?: boolean;
}

export interface StaffBody {
  employee_code?: string;
  name: string;
  unit: string;
  title: string;
  active: boolean;
}

export function listStaff(filters: StaffFilters, opts: RequestOptions = {}): Promise<Page<Staff>> {
  return api.get<Page<Staff>>('/staff', filters, opts);
}

/** Every staff member matching `filters` (a unit's staff in a table), paged through. */
export function listAllStaff(
  filters: StaffFilters,
  opts: RequestOptions = {},
): Promise<Page<Staff>> {
  return allPages((q) => listStaff(q, opts), filters);
}

export function createStaff(body: StaffBody & { employee_code: string }): Promise<Staff> {
  return api.post<Staff>('/staff', body);
}

export function updateStaff(id: number, body: Partial<StaffBody>): Promise<Staff> {
  return api.patch<Staff>(`/staff/${id}`, body);
}
