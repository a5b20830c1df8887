import type { Ref } from 'vue';
import type { AppErrorDTO } from '../../electron/contract/dto';
import { toErrorDTO } from '../api/errors';

/**
 * Runs a store's bridge action with a busy flag; a failure lands in `error` (shown where the action was asked for)
 * instead of escaping to the caller, which gets true or false.
 */
export function busyAction(busy: Ref<boolean>, error: Ref<AppErrorDTO | null>) {
  return async (action: () => Promise<void>): Promise<boolean> => {
    busy.value = true;
    try {
      await action();
      error.value = null;
      return true;
    } catch (e) {
      error.value = toErrorDTO(e);
      return false;
    } finally {
      busy.value = false;
    }
  };
}
