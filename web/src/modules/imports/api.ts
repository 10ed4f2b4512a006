// The imports module's server calls (docs/api.md: POST /imports/{kind}, text/csv bodies).
import { upload, type UploadOptions } from '@/app/api';
import type { ImportResult } from '@/shared/types';
import type { ImportKind } from './csv';

export interface ImportOptions {
  dry_run?: boolean;
  encoding: string;
  date_order: string;
}

/** Uploads a CSV file with progress; a refusal is an ApiError naming the lines. */
export function importCsv(
  kind: ImportKind,
  file: Blob,
  o: ImportOptions,
  progress: Pick<UploadOptions, 'onProgress' | 'onSent'> = {},
): Promise<ImportResult> {
  return upload<ImportResult>(`/imports/${kind}`, file, {
    ...progress,
    contentType: 'text/csv; charset=utf-8',
    query: {
      ...(o.dry_run ? { dry_run: 1 } : {}),
      encoding: o.encoding,
      date_order: o.date_order,
    },
  });
}
