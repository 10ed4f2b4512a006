// The audit log's server calls (docs/api.md).
import { api, type Page, type Query } from '@/app/api';
import type { AuditEntry } from '@/shared/types';

/** GET /audit: filters entity, actor, action, from, to; page, page_size. */
export function listAudit(filters: Query): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/audit', filters);
}
