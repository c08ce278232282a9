import { useNotification } from '@strapi/strapi/admin';
import { useCallback } from 'react';
import { useErrorMessage } from './useErrorMessage';

/** Toasts for the outcome of an action: a success text, or the server's reason for refusing. */
export function useNotify() {
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const success = useCallback(
    (message: string) => toggleNotification({ type: 'success', message }),
    [toggleNotification],
  );
  const failure = useCallback(
    (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) }),
    [toggleNotification, errorMessage],
  );
  return { success, failure };
}
