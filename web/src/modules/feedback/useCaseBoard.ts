// A board of feedback cases (the overdue board, "my queue"): every case one query matches,
// loaded whole rather than paged, the moment it was read (for "past due" and "time left"), and
// durations in the locale's units.
import { onMounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Query } from '@/app/api';
import { useUnits } from '@/shared/units';
import { listAllFeedback } from './api';
import { fmtDuration, type Feedback } from './feedback';

export function useCaseBoard(query: Query) {
  const { t } = useI18n();
  const units = useUnits();
  const items = ref<Feedback[]>([]);
  const total = ref(0);
  const loading = ref(true);
  const now = ref(Date.now());

  async function load() {
    loading.value = true;
    try {
      const r = await listAllFeedback(query);
      items.value = r.items ?? [];
      total.value = r.total ?? items.value.length;
      now.value = Date.now();
    } catch {
      items.value = [];
    } finally {
      loading.value = false;
    }
  }
  onMounted(() => {
    void units.load().catch(() => undefined);
    void load();
  });
  /** a span of time as "2 d 3 h" in the current locale's units */
  function duration(ms: number): string {
    return fmtDuration(ms, {
      d: t('feedback.units.d'),
      h: t('feedback.units.h'),
      m: t('feedback.units.m'),
    });
  }
  return { t, units, items, total, loading, now, load, duration };
}
