// A server-paged list: filters, page, page size, loading flag; reloads on demand.
import { reactive, ref, type Ref } from 'vue';
import { api, type Page, type Query } from '@/app/api';

export function usePagedList<T, F extends Query>(path: string, initialFilters: F) {
  const items: Ref<T[]> = ref([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(20);
  const loading = ref(false);
  const filters = reactive({ ...initialFilters }) as F;

  async function load() {
    loading.value = true;
    try {
      const r = await api.get<Page<T>>(path, {
        ...filters,
        page: page.value,
        page_size: pageSize.value,
      });
      items.value = r.items ?? [];
      total.value = r.total ?? items.value.length;
    } catch {
      items.value = [];
      total.value = 0;
    } finally {
      loading.value = false;
    }
  }

  function search() {
    page.value = 1;
    return load();
  }

  return { items, total, page, pageSize, loading, filters, load, search };
}
