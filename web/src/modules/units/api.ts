// The units module's server calls, one typed function each (docs/api.md, GET /openapi.json).
import { api, type Page, type Query, type RequestOptions } from '@/app/api';
import type { Unit } from '@/shared/types';

export interface UnitPatch {
  name?: string;
  parent?: string | null;
  head?: string | null;
}

/** GET /units: filters q (name or code), tree; page, page_size. */
export function listUnits(filters: Query, opts: RequestOptions = {}): Promise<Page<Unit>> {
  return api.get<Page<Unit>>('/units', filters, opts);
}

/** GET /units?tree=1: every unit (with its path) in one page, whatever page_size says. */
export function getUnitTree(): Promise<Page<Unit>> {
  return listUnits({ tree: 1 });
}

export function createUnit(body: {
  code: string;
  name: string;
  parent: string | null;
}): Promise<Unit> {
  return api.post<Unit>('/units', body);
}

export function updateUnit(id: number, body: UnitPatch): Promise<Unit> {
  return api.patch<Unit>(`/units/${id}`, body);
}
