import { useNotify } from './useNotify';

/**
 * Runs a write from the admin: a success toast and `refresh` when it worked, the server's reason
 * when it did not. Resolves whether it worked, so a modal can stay open on failure.
 */
export function useWrite(refresh: () => unknown) {
  const { success, failure } = useNotify();
  return async (action: () => Promise<unknown>, message: string): Promise<boolean> => {
    try {
      await action();
      success(message);
      await refresh();
      return true;
    } catch (error) {
      failure(error);
      return false;
    }
  };
}
