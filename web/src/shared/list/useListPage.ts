// A server-paged list page: filters (optionally kept in the page's URL query), page, page size,
// sort, loading and error state, refetch, and the export link with the same filters applied.
// Every list page goes through it; ListPagination.vue renders its pager.
import { reactive, ref, type Ref, type UnwrapRef } from 'vue';
import { useRouter, type LocationQuery, type LocationQueryRaw, type Router } from 'vue-router';
import { api, buildUrl, type Page, type Query } from '@/app/api';

/** How the filters appear in the page's own URL (so a reload or "back" keeps them). */
export interface ListUrlSync<F> {
  /** the filters as the URL query */
  toQuery(filters: F): LocationQueryRaw;
  /** the filters read back from the URL query when the page opens */
  fromQuery?(query: LocationQuery): Partial<F>;
  /** also keep the page number in the URL, as ?page= (only when it is not the first) */
  page?: boolean;
}

export interface ListPageOptions<T, F extends object> {
  /** the GET path of the list (a function when it depends on props) */
  path?: string | (() => string);
  /** instead of `path`: how to fetch one page */
  fetch?: (query: Query) => Promise<Page<T>>;
  /** the initial filters */
  filters: F;
  /** filters → the API query (default: the filters as they are) */
  query?: (filters: F) => Query;
  pageSize?: number;
  /** sent as ?sort= when set */
  defaultSort?: string;
  url?: ListUrlSync<F>;
  /** the router to sync with (default: the component's); tests pass their own */
  router?: Router;
}

/** What the pager and the table of a list page read from it (ListPagination, ListTable). */
export interface ListPageView {
  items: { value: unknown[] };
  loading: { value: boolean };
  page: { value: number };
  pageSize: { value: number };
  total: { value: number };
  load(): unknown;
  search(): unknown;
}

export interface ListPage<T, F extends object> {
  items: Ref<T[]>;
  total: Ref<number>;
  page: Ref<number>;
  pageSize: Ref<number>;
  sort: Ref<string>;
  loading: Ref<boolean>;
  /** the last load's failure (the api client has already shown it), null after a success */
  error: Ref<unknown>;
  filters: F;
  /** the API query of the current filters, page and sort */
  apiQuery(): Query;
  /** (re)fetches the current page */
  load(): Promise<void>;
  /** back to the first page (the URL follows the filters when synced), then loads */
  search(): Promise<void>;
  /** a new sort order: first page, then loads */
  setSort(sort: string): Promise<void>;
  /** the export link of `path` with the current filters applied (no paging) */
  exportUrl(path: string, format: 'csv' | 'xlsx'): string;
}

export function useListPage<T, F extends object>(opts: ListPageOptions<T, F>): ListPage<T, F> {
  const router = opts.url ? (opts.router ?? useRouter()) : undefined;
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(opts.pageSize ?? 20);
  const sort = ref(opts.defaultSort ?? '');
  const loading = ref(false);
  const error = ref<unknown>(null);
  const initial = { ...opts.filters };
  if (router && opts.url) {
    const q = router.currentRoute.value.query;
    if (opts.url.fromQuery) Object.assign(initial, opts.url.fromQuery(q));
    if (opts.url.page) {
      const p = Number(q.page);
      if (Number.isInteger(p) && p > 1) page.value = p;
    }
  }
  const filters = reactive(initial) as F;
  const toQuery = opts.query ?? ((f: F) => ({ ...f }) as unknown as Query);

  function filterQuery(): Query {
    return toQuery(filters as UnwrapRef<F> as F);
  }
  function apiQuery(): Query {
    return {
      ...filterQuery(),
      ...(sort.value ? { sort: sort.value } : {}),
      page: page.value,
      page_size: pageSize.value,
    };
  }
  function fetchPage(q: Query): Promise<Page<T>> {
    if (opts.fetch) return opts.fetch(q);
    const path = typeof opts.path === 'function' ? opts.path() : (opts.path ?? '');
    return api.get<Page<T>>(path, q);
  }
  function syncUrl() {
    if (!router || !opts.url) return;
    const query: LocationQueryRaw = { ...opts.url.toQuery(filters) };
    if (opts.url.page && page.value > 1) query.page = String(page.value);
    void router.replace({ query });
  }

  async function load() {
    loading.value = true;
    if (opts.url?.page) syncUrl();
    try {
      const r = await fetchPage(apiQuery());
      items.value = r.items ?? [];
      total.value = r.total ?? items.value.length;
      error.value = null;
    } catch (e) {
      items.value = [];
      total.value = 0;
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  function search() {
    page.value = 1;
    if (!opts.url?.page) syncUrl();
    return load();
  }
  function setSort(s: string) {
    sort.value = s;
    return search();
  }
  function exportUrl(path: string, format: 'csv' | 'xlsx') {
    return buildUrl(path, { format, ...filterQuery() });
  }

  return {
    items,
    total,
    page,
    pageSize,
    sort,
    loading,
    error,
    filters,
    apiQuery,
    load,
    search,
    setSort,
    exportUrl,
  };
}
