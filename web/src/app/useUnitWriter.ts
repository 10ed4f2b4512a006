// Who may write in an area whose records belong to units (staff, encounters): admin and quality
// anywhere, a head inside their own unit subtree (the `scope` their pickers are limited to);
// other roles only read. The same rule as the server's, so buttons show only where it applies.
import { computed } from 'vue';
import { useAuth } from './auth';
import { canWriteAt, type Area } from './menu';
import { useUnits } from '@/shared/units';

export function useUnitWriter(area: Area) {
  const auth = useAuth();
  const units = useUnits();
  /** the area's create button: may write somewhere */
  const writable = computed(() => canWriteAt(auth.user, area));
  /** a head's unit: the subtree their unit pickers offer; null for everyone else */
  const scope = computed(() => (auth.role === 'head' ? auth.user?.unit : null));
  /** may change a record of this unit */
  function canWriteUnit(code: string): boolean {
    return canWriteAt(auth.user, area, units.byCode.get(code)?.path ?? []);
  }
  /** a unit (say, the list's filter) the user may create records in; no unit: false */
  function inScope(code: string | null | undefined): code is string {
    return !!code && canWriteUnit(code);
  }
  return { units, writable, scope, canWriteUnit, inScope };
}
