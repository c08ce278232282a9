import { useDebounce } from '@strapi/strapi/admin';
import { useCallback, useState } from 'react';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The page, search text and status filter of a paged list. Changing a filter goes back to the
 * first page; the search reaches the query once typing pauses.
 */
export function useListFilters<S extends string>() {
  const [page, setPage] = useState(1);
  const [search, setSearchText] = useState('');
  const [status, setStatusValue] = useState<S | ''>('');
  const debouncedSearch = useDebounce(search, SEARCH_DEBOUNCE_MS);

  const setSearch = useCallback((text: string) => {
    setSearchText(text);
    setPage(1);
  }, []);
  const setStatus = useCallback((next: S | '') => {
    setStatusValue(next);
    setPage(1);
  }, []);

  // Empty filters are left out of the query rather than sent blank.
  const query = { page, search: debouncedSearch || undefined, status: status || undefined };
  return { page, setPage, search, setSearch, status, setStatus, query };
}

export type ListFilters<S extends string> = ReturnType<typeof useListFilters<S>>;
