import { EmptyStateLayout } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';

interface ItemsOrEmptyProps<T> {
  /** Undefined while the first answer is awaited. */
  items: T[] | undefined;
  emptyText: string;
  children: (items: T[]) => ReactNode;
}

/** A page's list: a loader until it arrives, then its items, or Strapi's empty state when there are none. */
export function ItemsOrEmpty<T>({ items, emptyText, children }: ItemsOrEmptyProps<T>) {
  if (!items) return <Page.Loading />;
  if (items.length === 0) return <EmptyStateLayout content={emptyText} />;
  return <>{children(items)}</>;
}
