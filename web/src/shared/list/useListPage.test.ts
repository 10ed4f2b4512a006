import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { Page, Query } from '@/app/api';
import { useListPage } from './useListPage';

function page<T>(items: T[], total: number): Page<T> {
  return { items, total, page: 1, page_size: items.length };
}

async function routerAt(path: string): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', component: { render: () => null } }],
  });
  await router.push(path);
  return router;
}

describe('useListPage', () => {
  it('sends the filters, page and page size, and keeps items and total', async () => {
    const fetch = vi.fn<(q: Query) => Promise<Page<string>>>(async () => page(['a', 'b'], 42));
    const list = useListPage<string, { q: string }>({ fetch, filters: { q: 'x' } });
    await list.load();
    expect(fetch).toHaveBeenLastCalledWith({ q: 'x', page: 1, page_size: 20 });
    expect(list.items.value).toEqual(['a', 'b']);
    expect(list.total.value).toBe(42);
    expect(list.loading.value).toBe(false);
    expect(list.error.value).toBeNull();
  });

  it('maps the filters to the API query, and search goes back to the first page', async () => {
    const fetch = vi.fn<(q: Query) => Promise<Page<number>>>(async () => page([1], 1));
    const list = useListPage<number, { used: string }>({
      fetch,
      filters: { used: 'all' },
      query: (f) => ({ used: f.used === 'all' ? undefined : f.used }),
      pageSize: 50,
    });
    list.page.value = 3;
    await list.load();
    expect(fetch).toHaveBeenLastCalledWith({ used: undefined, page: 3, page_size: 50 });
    list.filters.used = 'true';
    await list.search();
    expect(list.page.value).toBe(1);
    expect(fetch).toHaveBeenLastCalledWith({ used: 'true', page: 1, page_size: 50 });
  });

  it('sends the sort only when there is one; a new sort starts from the first page', async () => {
    const fetch = vi.fn<(q: Query) => Promise<Page<number>>>(async () => page([], 0));
    const list = useListPage<number, object>({ fetch, filters: {}, defaultSort: '-created' });
    list.page.value = 2;
    await list.load();
    expect(fetch).toHaveBeenLastCalledWith({ sort: '-created', page: 2, page_size: 20 });
    await list.setSort('name');
    expect(fetch).toHaveBeenLastCalledWith({ sort: 'name', page: 1, page_size: 20 });
  });

  it('empties the list and keeps the error when the fetch fails', async () => {
    const boom = new Error('503');
    let fail = false;
    const list = useListPage<string, object>({
      fetch: async () => {
        if (fail) throw boom;
        return page(['a'], 1);
      },
      filters: {},
    });
    await list.load();
    fail = true;
    await list.load();
    expect(list.items.value).toEqual([]);
    expect(list.total.value).toBe(0);
    expect(list.error.value).toBe(boom);
    expect(list.loading.value).toBe(false);
    fail = false;
    await list.load();
    expect(list.error.value).toBeNull();
  });

  it('reads the filters from the URL and writes them back on search', async () => {
    const router = await routerAt('/campaigns?survey=7');
    const fetch = vi.fn<(q: Query) => Promise<Page<number>>>(async () => page([], 0));
    const list = useListPage<number, { survey: number | null; status: string }>({
      fetch,
      filters: { survey: null, status: '' },
      url: {
        toQuery: (f) => (f.survey ? { survey: String(f.survey) } : {}),
        fromQuery: (q) => ({ survey: Number(q.survey) || null }),
      },
      router,
    });
    expect(list.filters.survey).toBe(7);
    await list.load();
    expect(fetch).toHaveBeenLastCalledWith({ survey: 7, status: '', page: 1, page_size: 20 });
    expect(router.currentRoute.value.fullPath).toBe('/campaigns?survey=7');

    list.filters.survey = 9;
    await list.search();
    await nextTick();
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ survey: '9' }));
    list.filters.survey = null;
    await list.search();
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({}));
  });

  it('keeps the page in the URL when asked, from the second page on', async () => {
    const router = await routerAt('/log?q=abc&page=3');
    const fetch = vi.fn<(q: Query) => Promise<Page<number>>>(async () => page([], 100));
    const list = useListPage<number, { q: string }>({
      fetch,
      filters: { q: '' },
      url: {
        toQuery: (f) => (f.q ? { q: f.q } : {}),
        fromQuery: (q) => ({ q: String(q.q ?? '') }),
        page: true,
      },
      router,
    });
    expect(list.page.value).toBe(3);
    await list.load();
    expect(fetch).toHaveBeenLastCalledWith({ q: 'abc', page: 3, page_size: 20 });
    list.page.value = 4;
    await list.load();
    await vi.waitFor(() =>
      expect(router.currentRoute.value.query).toEqual({ q: 'abc', page: '4' }),
    );
    await list.search();
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ q: 'abc' }));
  });

  it('ignores a page in the URL that is not a page number', async () => {
    const router = await routerAt('/log?page=-2');
    const list = useListPage<number, object>({
      fetch: async () => page([], 0),
      filters: {},
      url: { toQuery: () => ({}), page: true },
      router,
    });
    expect(list.page.value).toBe(1);
  });

  it('builds the export link with the filters and without paging', () => {
    const list = useListPage<number, { q: string; unit: string | null }>({
      fetch: async () => page([], 0),
      filters: { q: 'late', unit: null },
    });
    list.page.value = 5;
    expect(list.exportUrl('/feedback/export', 'xlsx')).toBe(
      '/api/v1/feedback/export?format=xlsx&q=late',
    );
  });
});
