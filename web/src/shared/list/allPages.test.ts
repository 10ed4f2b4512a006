import { describe, expect, it, vi } from 'vitest';
import type { Page, Query } from '@/app/api';
import { allPages } from './allPages';

function server(rows: number[]) {
  return vi.fn(async (q: Query): Promise<Page<number>> => {
    const size = Number(q.page_size);
    const start = (Number(q.page) - 1) * size;
    return {
      items: rows.slice(start, start + size),
      total: rows.length,
      page: Number(q.page),
      page_size: size,
    };
  });
}

describe('allPages', () => {
  it('asks page after page until the total has come, keeping the filters', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => i);
    const fetch = server(rows);
    const r = await allPages(fetch, { unit: 'K01' }, 100);
    expect(r.items).toEqual(rows);
    expect(r.total).toBe(250);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(fetch.mock.calls[2][0]).toEqual({ unit: 'K01', page: 3, page_size: 100 });
  });

  it('stops after one request when the first page holds everything', async () => {
    const fetch = server([1, 2, 3]);
    const r = await allPages(fetch, {}, 100);
    expect(r.items).toEqual([1, 2, 3]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('stops on an exact multiple of the page size without an extra request', async () => {
    const fetch = server(Array.from({ length: 200 }, (_, i) => i));
    await allPages(fetch, {}, 100);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
