import { useAPIErrorHandler } from '@strapi/strapi/admin';
import { useCallback } from 'react';

/** The server's own message for a failed request ("The campaign is sent: ..."), ready to show. */
export function useErrorMessage() {
  const { formatAPIError } = useAPIErrorHandler();
  return useCallback((error: unknown) => formatAPIError(error as any), [formatAPIError]);
}
