import { useAPIErrorHandler, type FetchError } from '@strapi/strapi/admin';
import { useCallback } from 'react';

/** The server's own message for a failed request ("The campaign is sent: ..."), ready to show. */
export function useErrorMessage() {
  const { formatAPIError } = useAPIErrorHandler();
  // Typed for the fetch client's errors, Strapi's formatter also reads any other (a network failure).
  return useCallback((error: unknown) => formatAPIError(error as FetchError), [formatAPIError]);
}
