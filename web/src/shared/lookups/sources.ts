// The lookup sources of the pickers: staff, users and units, each searched on its list endpoint.
import { listStaff } from '@/modules/staff/api';
import { listUnits } from '@/modules/units/api';
import { listUsers } from '@/modules/users/api';
import type { Staff, Unit, User } from '@/shared/types';
import type { LookupSource } from './lookup';

/** Staff by employee code, shown as "name (code)"; silent: a picker's failure is not a page's. */
export const staffLookup: LookupSource<Staff> = {
  fetch: (q) => listStaff(q, { silent: true }),
  value: (s) => s.employee_code,
  label: (s) => `${s.name} (${s.employee_code})`,
};

/** Units by code, shown as "name (code)". */
export const unitLookup: LookupSource<Unit> = {
  fetch: (q) => listUnits(q, { silent: true }),
  value: (u) => u.code,
  label: (u) => `${u.name} (${u.code})`,
};

/** Users by login; the label is the caller's (it names the role in the page's language). */
export function userLookup(label: (u: User) => string): LookupSource<User> {
  return { fetch: (q) => listUsers(q, { silent: true }), value: (u) => u.login, label };
}
