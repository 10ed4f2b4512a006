// The users module's server calls, one typed function each (docs/api.md, GET /openapi.json).
import { api, type Page, type Query, type RequestOptions } from '@/app/api';
import type { OrgSettings } from '@/app/auth';
import type { Role, User } from '@/shared/types';

export interface UserBody {
  login?: string;
  name?: string;
  role?: Role;
  unit?: string | null;
  password?: string;
  active?: boolean;
  employee_code?: string;
}

/** GET /users: filters q (login or name), role; page, page_size. */
export function listUsers(filters: Query, opts: RequestOptions = {}): Promise<Page<User>> {
  return api.get<Page<User>>('/users', filters, opts);
}

export function createUser(body: UserBody): Promise<User> {
  return api.post<User>('/users', body);
}

export function updateUser(id: number, body: UserBody): Promise<User> {
  return api.patch<User>(`/users/${id}`, body);
}

export function getSettings(): Promise<OrgSettings> {
  return api.get<OrgSettings>('/settings');
}

export function putSettings(body: OrgSettings): Promise<OrgSettings> {
  return api.put<OrgSettings>('/settings', body);
}
