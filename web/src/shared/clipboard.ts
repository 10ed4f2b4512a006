// Copying a link or a secret to the clipboard, with the usual confirmation or failure message.
import { ElMessage } from 'element-plus';
import { useI18n } from 'vue-i18n';

export function useCopy() {
  const { t } = useI18n();
  return async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      ElMessage.success(t('tokens.copied'));
    } catch {
      ElMessage.error(t('tokens.copyFailed'));
    }
  };
}
