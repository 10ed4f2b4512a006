import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Page, Query } from '@/app/api';
import { useLookup, type LookupSource } from './lookup';

interface Person {
  code: string;
  name: string;
}
const PEOPLE: Person[] = [
  { code: 'NV001', name: 'Nguyễn Văn An' },
  { code: 'NV002', name: 'Trần Thị Bình' },
  { code: 'NV003', name: 'Lê Văn Cường' },
];

function source(people = PEOPLE) {
  const fetch = vi.fn(async (q: Query): Promise<Page<Person>> => {
    const needle = String(q.q ?? '').toLowerCase();
    const hits = people.filter(
      (p) =>
        !needle || p.name.toLowerCase().includes(needle) || p.code.toLowerCase().includes(needle),
    );
    const size = Number(q.page_size);
    return { items: hits.slice(0, size), total: hits.length, page: 1, page_size: size };
  });
  const s: LookupSource<Person> = {
    fetch,
    value: (p) => p.code,
    label: (p) => `${p.name} (${p.code})`,
  };
  return { s, fetch };
}

describe('useLookup', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the list endpoint with q, the filters and a small page size', async () => {
    const { s, fetch } = source();
    const l = useLookup(s, { filters: () => ({ unit: 'K01' }), pageSize: 10 });
    await l.searchNow(' bình ');
    expect(fetch).toHaveBeenCalledWith({ unit: 'K01', q: 'bình', page: 1, page_size: 10 });
    expect(l.options.value).toEqual([{ value: 'NV002', label: 'Trần Thị Bình (NV002)' }]);
  });

  it('sends no q for an empty search (the dropdown opens on the first results)', async () => {
    const { s, fetch } = source();
    const l = useLookup(s);
    await l.searchNow('');
    expect(fetch.mock.calls[0][0]).toEqual({ page: 1, page_size: 20 });
    expect(l.options.value).toHaveLength(3);
  });

  it('debounces typing: one request for the last text', async () => {
    const { s, fetch } = source();
    const l = useLookup(s, { delay: 250 });
    l.search('N');
    l.search('NV');
    l.search('NV003');
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0].q).toBe('NV003');
    expect(l.options.value.map((o) => o.value)).toEqual(['NV003']);
  });

  it('drops an answer that comes after a newer search', async () => {
    let release: (p: Page<Person>) => void = () => undefined;
    const slow = new Promise<Page<Person>>((r) => (release = r));
    const { s } = source();
    const fetch = vi
      .fn<(q: Query) => Promise<Page<Person>>>()
      .mockReturnValueOnce(slow)
      .mockResolvedValueOnce({ items: [PEOPLE[2]], total: 1, page: 1, page_size: 20 });
    const l = useLookup({ ...s, fetch });
    const first = l.searchNow('An');
    await l.searchNow('Cường');
    release({ items: [PEOPLE[0]], total: 1, page: 1, page_size: 20 });
    await first;
    expect(l.options.value.map((o) => o.value)).toEqual(['NV003']);
  });

  it('keeps the selected value with its label when the results no longer hold it', async () => {
    const { s } = source();
    const l = useLookup(s);
    await l.searchNow('An');
    await l.resolve('NV001');
    await l.searchNow('Bình');
    expect(l.options.value).toEqual([
      { value: 'NV001', label: 'Nguyễn Văn An (NV001)' },
      { value: 'NV002', label: 'Trần Thị Bình (NV002)' },
    ]);
  });

  it('asks the server for the label of a value it never saw (a form opened on a saved value)', async () => {
    const { s, fetch } = source();
    const l = useLookup(s);
    await l.resolve('NV003');
    expect(fetch.mock.calls[0][0].q).toBe('NV003');
    expect(l.options.value).toEqual([{ value: 'NV003', label: 'Lê Văn Cường (NV003)' }]);
  });

  it('shows an unknown value as itself', async () => {
    const { s } = source();
    const l = useLookup(s);
    await l.resolve('GONE');
    expect(l.options.value).toEqual([{ value: 'GONE', label: 'GONE' }]);
  });

  it('forgets the results when reset (other filters), keeping the selection', async () => {
    const { s } = source();
    const l = useLookup(s);
    await l.searchNow('');
    await l.resolve('NV002');
    l.reset();
    expect(l.options.value).toEqual([{ value: 'NV002', label: 'Trần Thị Bình (NV002)' }]);
  });
});
