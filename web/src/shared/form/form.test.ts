// @vitest-environment jsdom
// The shared form pieces: useSubmit's busy flag and outcomes, and FormDialog / DialogFooter
// mounted for real (Element Plus, the app's i18n in English).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h, nextTick, ref, type Component } from 'vue';
import { ElMessage } from 'element-plus';
import { mountApp, unmountAll } from '@/shared/testing/mountApp';
import { i18n } from '@/app/i18n';
import { useSubmit } from './useSubmit';
import FormDialog from './FormDialog.vue';
import DialogFooter from './DialogFooter.vue';
import CodeSelect from './CodeSelect.vue';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});
const mount = mountApp;

describe('useSubmit', () => {
  it('is busy while the call runs, then shows the message and runs `after`', async () => {
    const success = vi
      .spyOn(ElMessage, 'success')
      .mockImplementation(() => ({ close() {} }) as never);
    const { busy, submit } = useSubmit();
    let release!: (v: number) => void;
    const call = new Promise<number>((r) => (release = r));
    const seen: string[] = [];
    const done = submit(
      () => call,
      'Saved',
      (n) => seen.push(`after ${n}, busy=${busy.value}`),
    );
    expect(busy.value).toBe(true);
    release(7);
    expect(await done).toBe(true);
    expect(busy.value).toBe(false);
    expect(success).toHaveBeenCalledWith('Saved');
    expect(seen).toEqual(['after 7, busy=true']);
  });

  it('reports a failed call as false, without the message or `after`, and is no longer busy', async () => {
    const success = vi
      .spyOn(ElMessage, 'success')
      .mockImplementation(() => ({ close() {} }) as never);
    const after = vi.fn();
    const { busy, error, submit } = useSubmit();
    const ok = await submit(() => Promise.reject(new Error('422')), 'Saved', after);
    expect(ok).toBe(false);
    expect(error.value).toBe('Error: 422');
    expect(await submit(() => Promise.resolve(1))).toBe(true);
    expect(error.value).toBe('');
    expect(busy.value).toBe(false);
    expect(success).not.toHaveBeenCalled();
    expect(after).not.toHaveBeenCalled();
  });
});

describe('DialogFooter', () => {
  it('has Cancel and Save (or the given label) and tells which was pressed', () => {
    const cancel = vi.fn();
    const confirm = vi.fn();
    const el = mount(() =>
      h('div', [
        h(DialogFooter as Component, { test: 'ok', onCancel: cancel, onConfirm: confirm }),
        h(DialogFooter as Component, { label: 'Create', busy: true }),
      ]),
    );
    const b = [...el.querySelectorAll('button')];
    expect(b.map((x) => x.textContent?.trim())).toEqual(['Cancel', 'Save', 'Cancel', 'Create']);
    b[0].click();
    b[1].click();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(b[1].getAttribute('data-test')).toBe('ok');
    expect(b[3].classList.contains('is-loading')).toBe(true);
  });
});

describe('FormDialog', () => {
  it('shows the title and the form, submits from Save and closes on Cancel', async () => {
    const open = ref(true);
    const submit = vi.fn();
    mount(() =>
      h(
        FormDialog as Component,
        {
          modelValue: open.value,
          'onUpdate:modelValue': (v: boolean) => (open.value = v),
          title: 'Edit staff',
          saveTest: 'staff-save',
          'data-test': 'staff-dialog',
          onSubmit: submit,
        },
        { default: () => h('input', { 'data-test': 'field' }) },
      ),
    );
    await nextTick();
    await nextTick();
    const dialog = document.querySelector('[data-test="staff-dialog"]')!;
    expect(dialog.querySelector('.el-dialog__title')!.textContent).toBe('Edit staff');
    expect(dialog.querySelector('form.el-form--label-top [data-test="field"]')).not.toBeNull();
    (dialog.querySelector('[data-test="staff-save"]') as HTMLButtonElement).click();
    expect(submit).toHaveBeenCalledTimes(1);
    dialog.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(submit).toHaveBeenCalledTimes(2);
    expect(dialog.querySelector('.el-alert')).toBeNull();
    const cancel = [...dialog.querySelectorAll('.el-dialog__footer button')][0] as HTMLElement;
    cancel.click();
    expect(open.value).toBe(false);
  });
});

describe('CodeSelect', () => {
  it('offers each code under its locale text, or the code itself with `fallback`', async () => {
    const value = ref<string | null>('staff');
    mount(() =>
      h('div', [
        h(CodeSelect as Component, {
          modelValue: value.value,
          'onUpdate:modelValue': (v: string) => (value.value = v),
          codes: ['admin', 'staff'],
          labels: 'roles',
          teleported: false,
          'data-test': 'role',
        }),
        h(CodeSelect as Component, {
          modelValue: null,
          codes: ['unit', 'martian'],
          labels: 'audit.entities',
          fallback: true,
          teleported: false,
        }),
      ]),
    );
    await nextTick();
    await nextTick();
    const t = i18n.global.t;
    const options = [...document.querySelectorAll('.el-select-dropdown__item')].map((o) =>
      o.textContent?.trim(),
    );
    expect(t('roles.admin')).not.toBe('roles.admin');
    expect(options).toEqual([
      t('roles.admin'),
      t('roles.staff'),
      t('audit.entities.unit'),
      'martian',
    ]);
    const select = document.querySelector('[data-test="role"]')!;
    expect(select.textContent).toContain(t('roles.staff'));
    (document.querySelector('.el-select-dropdown__item') as HTMLElement).click();
    expect(value.value).toBe('admin');
  });
});

describe('FormDialog with an error', () => {
  it('shows the failure under the form items', async () => {
    mount(() =>
      h(
        FormDialog as Component,
        { modelValue: true, title: 'T', error: 'Content is required', errorTest: 'err' },
        { default: () => h('input') },
      ),
    );
    await nextTick();
    await nextTick();
    const alert = document.querySelector('form [data-test="err"]')!;
    expect(alert.textContent).toContain('Content is required');
  });
});
