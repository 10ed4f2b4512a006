// Pickers that search the server: a lookup source (a list endpoint, the option's value and
// label) and useLookup, which asks the endpoint with `q` and a small page size as the user
// types (debounced, late answers dropped), and keeps the label of the selected value even when
// it is not among the current results.
import { ref, type Ref } from 'vue';
import type { Page, Query } from '@/app/api';

export interface LookupSource<T> {
  /** a list endpoint taking q, page and page_size */
  fetch(query: Query): Promise<Page<T>>;
  /** the option's value (the code the form sends) */
  value(item: T): string;
  label(item: T): string;
}

export interface LookupOption {
  value: string;
  label: string;
}

export interface LookupOptions {
  /** filters sent with every search (e.g. the unit of the staff) */
  filters?: () => Query;
  /** results per search */
  pageSize?: number;
  /** milliseconds of quiet typing before the search goes out */
  delay?: number;
}

export interface Lookup {
  /** the options to show: the last results, and the selected value if it is not among them */
  options: Ref<LookupOption[]>;
  loading: Ref<boolean>;
  /** searches after `delay` ms unless another call comes first */
  search(q: string): void;
  /** searches now (the dropdown opens) */
  searchNow(q: string): Promise<void>;
  /** makes sure `value` has its label, asking the server when it was never seen */
  resolve(value: string | null | undefined): Promise<void>;
  /** forgets the results (the filters changed) */
  reset(): void;
  /** the label of a value seen before, or the value itself */
  labelOf(value: string): string;
}

export function useLookup<T>(source: LookupSource<T>, opts: LookupOptions = {}): Lookup {
  const pageSize = opts.pageSize ?? 20;
  const delay = opts.delay ?? 250;
  const known = new Map<string, string>();
  const results = ref<LookupOption[]>([]);
  const options = ref<LookupOption[]>([]);
  const loading = ref(false);
  let selected: string | null = null;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function toOption(item: T): LookupOption {
    const o = { value: source.value(item), label: source.label(item) };
    known.set(o.value, o.label);
    return o;
  }
  function refresh() {
    const list = [...results.value];
    if (selected && !list.some((o) => o.value === selected)) {
      list.unshift({ value: selected, label: labelOf(selected) });
    }
    options.value = list;
  }
  function labelOf(value: string): string {
    return known.get(value) ?? value;
  }
  function ask(q: string): Promise<Page<T>> {
    const query: Query = { ...(opts.filters?.() ?? {}), page: 1, page_size: pageSize };
    if (q.trim()) query.q = q.trim();
    return source.fetch(query);
  }

  async function searchNow(q: string) {
    clearTimeout(timer);
    const mine = ++seq;
    loading.value = true;
    try {
      const r = await ask(q);
      if (mine !== seq) return;
      results.value = (r.items ?? []).map(toOption);
    } catch {
      if (mine === seq) results.value = [];
    } finally {
      if (mine === seq) {
        loading.value = false;
        refresh();
      }
    }
  }
  function search(q: string) {
    clearTimeout(timer);
    timer = setTimeout(() => void searchNow(q), delay);
  }
  async function resolve(value: string | null | undefined) {
    selected = value || null;
    if (selected && !known.has(selected)) {
      const wanted = selected;
      try {
        const r = await ask(wanted);
        for (const item of r.items ?? []) {
          if (source.value(item) === wanted) toOption(item);
        }
      } catch {
        /* the value stands for itself */
      }
    }
    refresh();
  }
  function reset() {
    clearTimeout(timer);
    seq++;
    loading.value = false;
    results.value = [];
    refresh();
  }

  return { options, loading, search, searchNow, resolve, reset, labelOf };
}
