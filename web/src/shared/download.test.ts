import { describe, expect, it } from 'vitest';
import { fileSlug } from './download';

describe('file names', () => {
  it('makes file names from titles in any script', () => {
    expect(fileSlug('Khảo sát sau điều trị')).toBe('khao-sat-sau-dieu-tri');
    expect(fileSlug('满意度 调查')).toBe('满意度-调查');
    expect(fileSlug('!!!')).toBe('chart');
  });
});
