/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath, URL } from 'node:url';

const backend = 'http://127.0.0.1:8080';

/**
 * survey-vue3-ui renders its <form> with the inline handler onsubmit="return false;", which the
 * server's Content-Security-Policy (script-src 'self', no 'unsafe-inline') refuses: Chromium
 * reports a violation on every page with a questionnaire. SurveyJsForm.vue prevents the submit
 * itself, so the attribute is taken out of the built bundle. The build fails if the renderer no
 * longer has it, so that this is looked at again after an upgrade (tests/e2e/csp.test.mjs).
 */
function surveyFormWithoutInlineHandler(): Plugin {
  const INLINE = /\{\s*onsubmit:\s*"return false;"\s*\}/g;
  return {
    name: 'servq:survey-form-without-inline-handler',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]survey-vue3-ui[\\/]survey-vue3-ui\.es\.js$/.test(id)) return null;
      const n = code.match(INLINE)?.length ?? 0;
      if (n !== 1) {
        this.error(`survey-vue3-ui: expected one inline onsubmit handler to remove, found ${n}`);
      }
      return { code: code.replace(INLINE, '{}'), map: null };
    },
  };
}

export default defineConfig({
  plugins: [vue(), surveyFormWithoutInlineHandler()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    // The message compiler stays: vue-i18n 11 compiles the JSON messages to an AST that it
    // interprets ("JIT compilation", the only mode since v10) — no eval / new Function, so the
    // app runs under script-src 'self' without 'unsafe-eval' (tests/e2e/csp.test.mjs checks).
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/metrics': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
