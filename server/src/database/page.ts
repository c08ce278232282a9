import type { PageQuery, Pagination } from '../contracts';

/** One page of rows; the admin API answers it as `{ data: results, meta: { pagination } }`. */
export interface Page<Row> {
  results: Row[];
  pagination: Pagination;
}

/** A page query once validated: the page and its size are filled in with their defaults. */
export type CastPageQuery<Query extends PageQuery> = Query & Required<Pick<PageQuery, 'page' | 'pageSize'>>;
