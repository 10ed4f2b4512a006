import { describe, expect, it } from 'vitest';
import vi from './vi.json';
import zhCN from './zh-CN.json';
import en from './en.json';
import viText from './vi.json?raw';
import zhCNText from './zh-CN.json?raw';
import enText from './en.json?raw';

type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

const locales: Record<string, Tree> = { vi, 'zh-CN': zhCN, en };

describe('locale files', () => {
  for (const [a, ta] of Object.entries(locales)) {
    for (const [b, tb] of Object.entries(locales)) {
      if (a === b) continue;
      it(`every key of ${a} exists in ${b}`, () => {
        const missing = keys(ta).filter((k) => !keys(tb).includes(k));
        expect(missing).toEqual([]);
      });
    }
  }

  it('has no empty messages', () => {
    for (const [name, tree] of Object.entries(locales)) {
      const empty = keys(tree).filter((k) => {
        const v = k.split('.').reduce<string | Tree>((t, p) => (t as Tree)[p], tree);
        return typeof v !== 'string' || v.trim() === '';
      });
      expect(empty, name).toEqual([]);
    }
  });

  it('keeps the same placeholders in every language', () => {
    const get = (tree: Tree, k: string) =>
      k.split('.').reduce<string | Tree>((t, p) => (t as Tree)[p], tree) as string;
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const k of keys(en)) {
      expect(ph(get(vi, k)), `vi ${k}`).toBe(ph(get(en, k)));
      expect(ph(get(zhCN, k)), `zh-CN ${k}`).toBe(ph(get(en, k)));
    }
  });

  it('avoids characters vue-i18n would treat as syntax', () => {
    for (const [name, tree] of Object.entries(locales)) {
      const bad = keys(tree).filter((k) => {
        const v = k.split('.').reduce<string | Tree>((t, p) => (t as Tree)[p], tree) as string;
        return /[@|$]/.test(v);
      });
      expect(bad, name).toEqual([]);
    }
  });
});

// JSON.parse keeps the last of two equal keys silently: two branches adding the same message
// once left one of them unused (issue 11). Each object's keys must be unique in the file itself.
describe('locale files have no duplicate keys', () => {
  const texts: Record<string, string> = { vi: viText, 'zh-CN': zhCNText, en: enText };
  for (const [name, text] of Object.entries(texts)) {
    it(`${name}.json`, () => {
      const dupes: string[] = [];
      // a small scanner: every string is consumed whole; a string followed by ':' is a key of
      // the innermost open object
      const stack: Set<string>[] = [];
      const re = /"((?:[^"\\]|\\.)*)"(\s*:)?|[{}]/g;
      for (let m; (m = re.exec(text));) {
        if (m[0] === '{') stack.push(new Set());
        else if (m[0] === '}') stack.pop();
        else if (m[2]) {
          const top = stack[stack.length - 1];
          if (top.has(m[1])) dupes.push(m[1]);
          top.add(m[1]);
        }
      }
      expect(dupes).toEqual([]);
    });
  }
});
