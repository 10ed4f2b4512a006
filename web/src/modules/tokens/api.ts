// The API tokens module's server calls, one typed function each (docs/api.md).
import { api, type Page, type Query } from '@/app/api';
import type { ApiToken } from '@/shared/types';

export function listTokens(query: Query): Promise<Page<ApiToken>> {
  return api.get<Page<ApiToken>>('/api-tokens', query);
}

/** The answer holds the secret `token`, shown once. */
export function createToken(body: { name: string; user: string }): Promise<ApiToken> {
  return api.post<ApiToken>('/api-tokens', body);
}

export function revokeToken(id: number): Promise<void> {
  return api.del<void>(`/api-tokens/${id}`);
}
