// The encounters module's server calls, one typed function each (docs/api.md, GET /openapi.json).
import { api, type Page, type Query } from '@/app/api';
import type { Encounter } from '@/shared/types';

/** the fields a form sends; started_at is the organisation's local time, without offset */
export type EncounterBody = Pick<
  Encounter,
  'unit' | 'staff' | 'service' | 'started_at' | 'amount' | 'converted'
>;

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
