import { describe, expect, it } from 'vitest';
import { BOM, csvField } from '@/shared/csv';
import { COLUMNS, countLines, errorReportCsv, headerOf, templateCsv } from './csv';

describe('import CSV helpers', () => {
  it('lists exactly the columns the server accepts', () => {
    expect(headerOf('customers')).toBe(
      'external_id,name,phone,email,address,category,referred_by,tier,consent_contact,consent_survey',
    );
    expect(headerOf('encounters')).toBe(
      'external_id,customer_phone,unit,staff,service,started_at,amount,converted',
    );
  });

  it('builds a template: BOM, header, one example row with quoted commas', () => {
    const text = templateCsv('customers');
    expect(text.startsWith(`${BOM}${headerOf('customers')}\r\n`)).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội"');
    for (const k of ['customers', 'encounters'] as const) {
      const names = COLUMNS[k].filter((c) => c.required).map((c) => c.name);
      expect(names.length).toBeGreaterThan(0);
      for (const c of COLUMNS[k]) if (c.required) expect(c.example, c.name).not.toBe('');
    }
  });

  it('quotes fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(17)).toBe('17');
  });

  it('writes the error report with translated headers', () => {
    const csv = errorReportCsv(
      [{ line: 3, field: 'phone', code: 'customer.phone_invalid', detail: 'bad, really' }],
      ['Dòng', 'Cột', 'Mã', 'Lỗi'],
      (e) => e.detail ?? '',
    );
    expect(csv).toBe(`${BOM}Dòng,Cột,Mã,Lỗi\r\n3,phone,customer.phone_invalid,"bad, really"\r\n`);
  });

  it('counts lines with or without a final line break', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('a\r\nb\r\n')).toBe(2);
  });
});
