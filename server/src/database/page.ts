/** Where a page sits among the others, as the query engine's `findPage` counts it. */
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** One page of rows; the admin API answers it as `{ data: results, meta: { pagination } }`. */
export interface Page<Row> {
  results: Row[];
  pagination: Pagination;
}
