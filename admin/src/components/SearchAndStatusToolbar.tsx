import { Box, Flex, Searchbar } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { ListFilters } from '../hooks/useListFilters';
import type { AnyStatus } from '../utils/statusLabels';
import { useT } from '../utils/useT';
import { StatusFilter } from './StatusFilter';

interface SearchAndStatusToolbarProps<S extends AnyStatus> {
  filters: ListFilters<S>;
  statuses: readonly S[];
  /** What the search looks in, as its placeholder says ("Search by name"). */
  searchLabel: string;
  /** Further filters, after the status. */
  children?: ReactNode;
}

/** The search box and status filter above a paged list. */
export function SearchAndStatusToolbar<S extends AnyStatus>({
  filters,
  statuses,
  searchLabel,
  children,
}: SearchAndStatusToolbarProps<S>) {
  const t = useT();
  return (
    <Flex gap={3} paddingBottom={4}>
      <Box width="320px">
        <Searchbar
          name="search"
          value={filters.search}
          onChange={(event) => filters.setSearch(event.target.value)}
          onClear={() => filters.setSearch('')}
          clearLabel={t('action.clear', 'Clear')}
          placeholder={searchLabel}
        >
          {searchLabel}
        </Searchbar>
      </Box>
      <StatusFilter
        label={t('field.status', 'Status')}
        statuses={statuses}
        value={filters.status}
        onChange={filters.setStatus}
      />
      {children}
    </Flex>
  );
}
