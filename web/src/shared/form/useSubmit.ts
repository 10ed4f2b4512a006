// The busy flag and error handling around a form's server call: `busy` is true while the call
// runs; a success shows `done` (when given), then runs `after` (close the dialog, reload the
// list) while still busy; a failure has already been shown by the api client
// (app/api.ts), so it is only reported back as `false` and kept as `error` (the problem's text)
// for a dialog that shows it beside the form.
import { ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { ApiError } from '@/app/api';
import { problemMessage } from '@/shared/errors';

export interface Submit {
  busy: Ref<boolean>;
  /** the last failure's text; '' while running and after a success */
  error: Ref<string>;
  /** runs `action`, then `after` with its result; true when they succeeded */
  submit<R>(
    action: () => Promise<R>,
    done?: string,
    after?: (result: R) => unknown,
  ): Promise<boolean>;
}

export function useSubmit(): Submit {
  const busy = ref(false);
  const error = ref('');
  async function submit<R>(
    action: () => Promise<R>,
    done?: string,
    after?: (result: R) => unknown,
  ): Promise<boolean> {
    busy.value = true;
    error.value = '';
    try {
      const result = await action();
      if (done) ElMessage.success(done);
      await after?.(result);
      return true;
    } catch (e) {
      error.value = e instanceof ApiError ? problemMessage(e) : String(e);
      return false; // shown by the api client
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, submit };
}
