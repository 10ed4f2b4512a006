import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus, { ElMessage } from 'element-plus';
import 'element-plus/dist/index.css';
import './shared/theme.css';
import App from './App.vue';
import { i18n } from './app/i18n';
import { router } from './app/router';
import { setApiHooks } from './app/api';
import { useAuth } from './app/auth';
import { problemMessage } from './shared/errors';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router).use(ElementPlus);

setApiHooks({
  onUnauthorized: (e) => {
    useAuth(pinia).clear();
    // ended by the server (password or role changed): say why before asking to sign in again
    if (e.code === 'auth.session_ended') {
      ElMessage({ type: 'warning', message: problemMessage(e), grouping: true, showClose: true });
    }
    if (router.currentRoute.value.name !== 'login') {
      void router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
    }
  },
  onError: (e) => {
    if (e.code === 'auth.password_change_required') {
      useAuth(pinia).requirePasswordChange();
      return;
    }
    ElMessage({ type: 'error', message: problemMessage(e), grouping: true, showClose: true });
  },
});

document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');
