// What the import page knows about the CSV files the server accepts (docs/api.md "imports"): the
// columns of each kind, a template with one example row, and the error report as CSV.
import type { ImportLineError } from '@/app/api';
import { BOM, csvLine } from '@/shared/csv';

export type ImportKind = 'customers' | 'encounters' | 'feedback';

export interface ColumnSpec {
  name: string;
  required: boolean;
  example: string;
}

/** The importable columns, in template order. Nothing else is accepted by the server. */
export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  customers: [
    { name: 'external_id', required: true, example: 'KH000123' },
    { name: 'name', required: true, example: 'Nguyễn Thị Hoa' },
    { name: 'phone', required: false, example: '0912345678' },
    { name: 'email', required: false, example: 'hoa.nguyen@example.vn' },
    { name: 'address', required: false, example: '12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' },
    { name: 'category', required: false, example: 'first_time' },
    { name: 'referred_by', required: false, example: '' },
    { name: 'tier', required: false, example: 'Vàng' },
    { name: 'consent_contact', required: false, example: 'true' },
    { name: 'consent_survey', required: false, example: 'false' },
  ],
  encounters: [
    { name: 'external_id', required: true, example: 'LK000456' },
    { name: 'customer_phone', required: true, example: '0912345678' },
    { name: 'unit', required: true, example: 'KHOA-NOI' },
    { name: 'staff', required: false, example: 'NV0002' },
    { name: 'service', required: true, example: 'Khám tổng quát' },
    { name: 'started_at', required: true, example: '2026-03-01T08:30:00+07:00' },
    { name: 'amount', required: false, example: '350000' },
    { name: 'converted', required: false, example: 'yes' },
  ],
  feedback: [
    { name: 'external_id', required: true, example: 'SO-2025-0417' },
    { name: 'received_at', required: true, example: '2025-04-17T09:15:00+07:00' },
    { name: 'channel', required: true, example: 'phone' },
    { name: 'kind', required: true, example: 'complaint' },
    { name: 'customer_name', required: false, example: 'Trần Văn Bình' },
    { name: 'customer_phone', required: false, example: '0912345678' },
    { name: 'customer_address', required: false, example: '45 Nguyễn Trãi, Hà Nội' },
    { name: 'content', required: true, example: 'Phải chờ hơn 2 tiếng mới được khám' },
    { name: 'unit', required: false, example: 'KHOA-NOI' },
    { name: 'staff', required: false, example: 'NV0002' },
    { name: 'category', required: false, example: 'waiting_time' },
    { name: 'severity', required: false, example: 'medium' },
    { name: 'status', required: false, example: 'closed' },
    { name: 'resolution', required: false, example: 'Đã xin lỗi và điều chỉnh lịch hẹn' },
    { name: 'closed_at', required: false, example: '2025-04-20T16:00:00+07:00' },
  ],
};

export function headerOf(kind: ImportKind): string {
  return COLUMNS[kind].map((c) => c.name).join(',');
}

/** The template file's text: BOM (so Excel reads UTF-8), the header and one example row. */
export function templateCsv(kind: ImportKind): string {
  const cols = COLUMNS[kind];
  return `${BOM}${headerOf(kind)}\r\n${csvLine(cols.map((c) => c.example))}\r\n`;
}

/** The error report: one line per error, with a BOM for Excel. `message` gives the text shown. */
export function errorReportCsv(
  errors: ImportLineError[],
  headers: [string, string, string, string],
  message: (e: ImportLineError) => string,
): string {
  const rows = errors.map((e) => csvLine([e.line, e.field ?? '', e.code ?? '', message(e)]));
  return `${BOM}${[csvLine(headers), ...rows].join('\r\n')}\r\n`;
}

/** Lines of a text as an editor counts them (a final line break does not start a new line). */
export function countLines(text: string): number {
  if (!text) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** "1.2 MB"-style size; `fmt` formats the number in the current locale. */
export function fmtBytes(bytes: number, fmt: (n: number) => string): string {
  if (bytes < 1024) return `${fmt(bytes)} B`;
  if (bytes < 1024 * 1024) return `${fmt(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${fmt(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}
