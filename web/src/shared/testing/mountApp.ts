// For component tests (jsdom): renders a tree as the app would — Element Plus and the app's
// i18n, in English — into the document; `unmountAll` (in afterEach) takes every one away.
import { createApp, type VNode } from 'vue';
import ElementPlus from 'element-plus';
import { i18n } from '@/app/i18n';

const mounted: (() => void)[] = [];

export function mountApp(render: () => VNode): HTMLElement {
  i18n.global.locale.value = 'en';
  const root = document.createElement('div');
  document.body.appendChild(root);
  const app = createApp({ render });
  app.use(ElementPlus).use(i18n);
  app.mount(root);
  mounted.push(() => {
    app.unmount();
    root.remove();
  });
  return root;
}

export function unmountAll(): void {
  while (mounted.length) mounted.pop()!();
  document.body.innerHTML = '';
}
