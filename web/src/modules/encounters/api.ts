// The encounters module's server calls, one typed function each (docs/api.md, GET /openapi.json).
import { api, type Page, type Query } from '@/app/api';
import type { Encounter } from '@/shared/types';

export interface EncounterBody {
  unit: string;
  staff: string | null;
  service: string;
  /** the organisation's local time, without offset */
  started_at: string;
  amount: number;
  converted: boolean;
}

/** GET /encounters: filters q, unit, staff, customer, from, to; page, page_size. */
export function listEncounters(filters: Query): Promise<Page<Encounter>> {
  return api.get<Page<Encounter>>('/encounters', filters);
}

export function createEncounter(
  body: EncounterBody & { customer_phone: string; external_id?: string },
): Promise<Encounter> {
  return api.post<Encounter>('/encounters', body);
}

export function updateEncounter(id: number, body: EncounterBody): Promise<Encounter> {
  return api.patch<Encounter>(`/encounters/${id}`, body);
}
