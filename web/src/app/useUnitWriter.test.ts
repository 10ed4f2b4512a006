import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useAuth } from './auth';
import { useUnits } from '@/shared/units';
import { useUnitWriter } from './useUnitWriter';
import type { Role, Unit, User } from '@/shared/types';

// A clinic: HQ with two departments; the head of DENT writes only inside DENT.
const UNITS: Unit[] = [
  { id: 1, code: 'HQ', name: 'HQ', parent: null, head: null, path: ['HQ'] },
  { id: 2, code: 'DENT', name: 'Dental', parent: 'HQ', head: null, path: ['HQ', 'DENT'] },
  { id: 3, code: 'EYE', name: 'Eye', parent: 'HQ', head: null, path: ['HQ', 'EYE'] },
];

function signIn(role: Role, unit: string | null) {
  useAuth().user = { id: 1, login: 'u', name: 'U', role, unit } as User;
  useUnits().list = UNITS;
}

describe('useUnitWriter', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lets a head write staff only inside their unit, with their unit as the pickers’ scope', () => {
    signIn('head', 'DENT');
    const w = useUnitWriter('staff');
    expect(w.writable.value).toBe(true);
    expect(w.scope.value).toBe('DENT');
    expect(w.canWriteUnit('DENT')).toBe(true);
    expect(w.canWriteUnit('EYE')).toBe(false);
    expect(w.inScope('DENT')).toBe(true);
    expect(w.inScope('EYE')).toBe(false);
    expect(w.inScope(null)).toBe(false);
  });

  it('lets quality write encounters anywhere without a scope, and a staff member nowhere', () => {
    signIn('quality', null);
    const q = useUnitWriter('encounters');
    expect(q.writable.value).toBe(true);
    expect(q.scope.value).toBeNull();
    expect(q.canWriteUnit('EYE')).toBe(true);

    signIn('staff', 'EYE');
    const s = useUnitWriter('encounters');
    expect(s.writable.value).toBe(false);
    expect(s.canWriteUnit('EYE')).toBe(false);
  });
});
