import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';
import { MENU } from './menu';
import { MODULES } from './modules';

const allRoutes = (): RouteRecordRaw[] =>
  MODULES.flatMap((m) => [...(m.routes ?? []), ...(m.bareRoutes ?? [])]);

describe('modules assemble the router and the menu', () => {
  it('gives every route a name used once', () => {
    const names = allRoutes().map((r) => String(r.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('guards every signed-in route by an area the menu knows (else nobody could open it)', () => {
    const areas = new Set(MENU.map((m) => m.area));
    for (const r of allRoutes()) {
      if (r.meta?.public) continue;
      expect(areas.has(r.meta?.area as never), String(r.name)).toBe(true);
    }
  });

  it('orders the menu without ties and points each entry at a page of the shell', () => {
    const orders = MENU.map((m) => m.order);
    expect(new Set(orders).size).toBe(orders.length);
    const shellPaths = new Set(MODULES.flatMap((m) => m.routes ?? []).map((r) => `/${r.path}`));
    for (const m of MENU) expect(shellPaths.has(m.path), m.path).toBe(true);
  });
});
