// The dashboard's server calls (docs/api.md).
import { api } from '@/app/api';
import type { Overview } from '@/shared/types';

export function getOverview(): Promise<Overview> {
  return api.get<Overview>('/overview');
}
