// The unit list, loaded once and shared by the pickers; the tree page reloads it after edits.
import { defineStore } from 'pinia';
import { getUnitTree } from '@/modules/units/api';
import type { Unit } from './types';

export interface UnitNode extends Unit {
  children: UnitNode[];
}

/** Builds the forest from flat units by their parent codes; orphans become roots. */
export function buildTree(units: Unit[]): UnitNode[] {
  const byCode = new Map<string, UnitNode>();
  for (const u of units) byCode.set(u.code, { ...u, children: [] });
  const roots: UnitNode[] = [];
  for (const n of byCode.values()) {
    const p = n.parent ? byCode.get(n.parent) : undefined;
    if (p) p.children.push(n);
    else roots.push(n);
  }
  return roots;
}

export const useUnits = defineStore('units', {
  state: () => ({ list: [] as Unit[], loaded: false }),
  getters: {
    tree: (s) => buildTree(s.list),
    byCode: (s) => new Map(s.list.map((u) => [u.code, u])),
  },
  actions: {
    async load(force = false) {
      if (this.loaded && !force) return;
      this.list = (await getUnitTree()).items;
      this.loaded = true;
    },
    label(code: string | null | undefined): string {
      if (!code) return '—';
      const u = this.byCode.get(code);
      return u ? `${u.name}` : code;
    },
  },
});
