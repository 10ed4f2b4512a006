// @vitest-environment jsdom
// The shared list page pieces mounted for real (Element Plus, the app's i18n in English): what
// each renders and which events reach the page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h, nextTick, ref, type Component } from 'vue';
import { ElTableColumn } from 'element-plus';
import { mountApp, unmountAll } from '@/shared/testing/mountApp';
import ListToolbar from './ListToolbar.vue';
import ListSearchInput from './ListSearchInput.vue';
import ListTable from './ListTable.vue';
import ListPagination from './ListPagination.vue';
import { dateCell, dateTimeCell, numberCell } from './cells';
import { fmtDate, fmtDateTime, fmtNumber } from '@/shared/format';

afterEach(unmountAll);
const mount = mountApp;

function buttons(el: HTMLElement): HTMLButtonElement[] {
  return [...el.querySelectorAll('button')];
}

describe('ListToolbar', () => {
  it('puts the filters, Search, a spacer, the actions and the create button in that order', async () => {
    const search = vi.fn();
    const create = vi.fn();
    const el = mount(() =>
      h(
        ListToolbar as Component,
        {
          search: true,
          searchTest: 'x-search',
          create: 'New thing',
          createTest: 'x-create',
          onSearch: search,
          onCreate: create,
        },
        {
          default: () => h('input', { 'data-test': 'filter' }),
          actions: () => h('a', { 'data-test': 'action' }),
        },
      ),
    );
    const bar = el.querySelector('.toolbar')!;
    const order = [...bar.children].map(
      (c) => c.getAttribute('data-test') ?? c.className.split(' ')[0],
    );
    expect(order).toEqual(['filter', 'x-search', 'spacer', 'action', 'x-create']);
    expect(bar.querySelector('[data-test="x-search"]')!.textContent).toBe('Search');
    expect(bar.querySelector('[data-test="x-create"]')!.textContent).toBe('New thing');
    (bar.querySelector('[data-test="x-search"]') as HTMLButtonElement).click();
    (bar.querySelector('[data-test="x-create"]') as HTMLButtonElement).click();
    expect(search).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('hides the create button from a reader and leaves out Search and the spacer when asked', () => {
    const el = mount(() =>
      h(ListToolbar as Component, { create: 'New', canCreate: false, spacer: false }),
    );
    expect(buttons(el)).toHaveLength(0);
    expect(el.querySelector('.spacer')).toBeNull();
  });
});

describe('ListSearchInput', () => {
  it('writes the model and applies on Enter and when cleared', async () => {
    const q = ref('abc');
    const apply = vi.fn();
    const el = mount(() =>
      h(ListSearchInput as Component, {
        modelValue: q.value,
        'onUpdate:modelValue': (v: string) => (q.value = v),
        placeholder: 'Find',
        width: '123px',
        'data-test': 'find',
        onApply: apply,
      }),
    );
    const input = el.querySelector('input[data-test="find"]') as HTMLInputElement;
    expect(input.placeholder).toBe('Find');
    expect((el.querySelector('.el-input') as HTMLElement).style.width).toBe('123px');
    expect(el.querySelector('.el-input__prefix')).not.toBeNull();
    input.value = 'xyz';
    input.dispatchEvent(new Event('input'));
    await nextTick();
    expect(q.value).toBe('xyz');
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('goes without the magnifier when icon is false', () => {
    const el = mount(() =>
      h(ListSearchInput as Component, { modelValue: '', icon: false, onApply: () => undefined }),
    );
    expect(el.querySelector('.el-input__prefix')).toBeNull();
  });
});

describe('ListTable', () => {
  const list = (items: unknown[], total: number) => ({
    items: ref(items),
    loading: ref(false),
    page: ref(1),
    pageSize: ref(20),
    total: ref(total),
    load: vi.fn(),
    search: vi.fn(),
  });

  it('shows the rows, hands the page attributes to the table and renders the pager', async () => {
    const l = list([{ name: 'Lan' }, { name: 'Minh' }], 42);
    const el = mount(() =>
      h(
        ListTable as Component,
        { list: l, 'data-test': 'people' },
        { default: () => h(ElTableColumn as Component, { prop: 'name', label: 'Name' }) },
      ),
    );
    await nextTick();
    await nextTick();
    const table = el.querySelector('[data-test="people"]')!;
    expect(table.classList.contains('el-table--striped')).toBe(true);
    expect([...table.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual([
      'Lan',
      'Minh',
    ]);
    expect(el.querySelector('.pager .el-pagination')).not.toBeNull();
    expect(el.querySelector('.el-pagination__total')!.textContent).toContain('42');
    expect(el.querySelector('.el-pagination__sizes')).not.toBeNull();
  });

  it('says "No data" when the list is empty, and fixes the page size when asked', async () => {
    const el = mount(() => h(ListTable as Component, { list: list([], 0), pageSizes: null }));
    await nextTick();
    expect(el.querySelector('.el-table__empty-text')!.textContent).toBe('No data');
    expect(el.querySelector('.el-pagination__sizes')).toBeNull();
  });
});

describe('cell formatters', () => {
  it('format the cell value as the named helper does', () => {
    const at = '2026-12-01T02:00:00Z';
    expect(dateTimeCell({}, {}, at)).toBe(fmtDateTime(at));
    expect(dateCell({}, {}, at)).toBe(fmtDate(at));
    expect(numberCell({}, {}, 1234567)).toBe(fmtNumber(1234567));
    expect(dateTimeCell({}, {}, null)).toBe(fmtDateTime(null));
  });
});

describe('ListPagination', () => {
  it('inline: a small pager without the block; a new page is set on the list and loaded', async () => {
    const l = {
      page: ref(1),
      pageSize: ref(20),
      total: ref(45),
      load: vi.fn(),
      search: vi.fn(),
    };
    const el = mount(() =>
      h(ListPagination as Component, { list: l, inline: true, 'data-test': 'pager' }),
    );
    await nextTick();
    const pager = el.querySelector('[data-test="pager"]')!;
    expect(pager.classList.contains('el-pagination--small')).toBe(true);
    expect(el.querySelector('.pager')).toBeNull();
    (pager.querySelector('.btn-next') as HTMLButtonElement).click();
    await nextTick();
    expect(l.page.value).toBe(2);
    expect(l.load).toHaveBeenCalledTimes(1);
  });
});
