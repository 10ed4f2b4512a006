// CSV text for Excel and the server's importers: RFC 4180 quoting, a BOM so that Excel reads UTF-8.

export const BOM = '\uFEFF';

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(fields: (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',');
}
