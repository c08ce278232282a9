/** The envelope every admin API answer comes in, and its pagination. */

/** What a controller sets as `ctx.body`: `{ data }`, and `{ data, meta }` on the routes that have a meta. */
export type ApiResponse<Data, Meta = never> = [Meta] extends [never] ? { data: Data } : { data: Data; meta: Meta };

/** The page of a list, as the Query Engine's `findPage` counts it. */
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** One page of a list: `GET /campaigns`, `/subscribers`, `/campaigns/:id/deliveries`. */
export type PageResponse<Item> = ApiResponse<Item[], { pagination: Pagination }>;

/** Query of a paged list; the server casts the query string and fills in the defaults (1 and 20). */
export interface PageQuery {
  page?: number;
  /** At most 100. */
  pageSize?: number;
  search?: string;
}

/** A list as other records name it. */
export interface ListRef {
  id: number;
  name: string;
  slug: string;
}
