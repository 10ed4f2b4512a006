// Every row of a paged list endpoint, asked page by page: for the few pages that truly show a
// whole (small) set, instead of one request with a page size the server may cap.
import type { Page, Query } from '@/app/api';

export type PageFetcher<T> = (query: Query) => Promise<Page<T>>;

/** Fetches pages of `pageSize` until `total` rows (or a short page) have come; one Page back. */
export async function allPages<T>(
  fetchPage: PageFetcher<T>,
  query: Query = {},
  pageSize = 100,
): Promise<Page<T>> {
  const items: T[] = [];
  let total: number;
  for (let page = 1; ; page++) {
    const r = await fetchPage({ ...query, page, page_size: pageSize });
    const got = r.items ?? [];
    items.push(...got);
    total = r.total ?? items.length;
    if (got.length < pageSize || items.length >= total) break;
  }
  return { items, total, page: 1, page_size: items.length };
}
