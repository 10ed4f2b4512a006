// The busy flag and error handling around a form's server call: `busy` is true while the call
// runs; a success shows `done` (when given), then runs `after` (close the dialog, reload the
// list) while still busy; a failure has already been shown by the api client
// (app/api.ts), so it is only reported back as `false`.
import { ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';

export interface Submit {
  busy: Ref<boolean>;
  /** runs `action`, then `after`; true when they succeeded */
  submit(action: () => Promise<unknown>, done?: string, after?: () => unknown): Promise<boolean>;
}

export function useSubmit(): Submit {
  const busy = ref(false);
  async function submit(
    action: () => Promise<unknown>,
    done?: string,
    after?: () => unknown,
  ): Promise<boolean> {
    busy.value = true;
    try {
      await action();
      if (done) ElMessage.success(done);
      await after?.();
      return true;
    } catch {
      return false; // shown by the api client
    } finally {
      busy.value = false;
    }
  }
  return { busy, submit };
}
