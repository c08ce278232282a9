import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Pagination } from '../../../server/src/contracts';

export interface Resource<T> {
  data: T | undefined;
  pagination: Pagination | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => Promise<void>;
}

interface ResourceOptions<T> {
  pollMs?: number;
  /** Poll only while this holds for the latest answer (a campaign still sending, ...). */
  pollWhile?: (data: T | undefined) => boolean;
}

/** A request cancelled because the page moved on; nothing to report. */
const isAbort = (error: unknown) => (error as { name?: unknown } | null)?.name === 'AbortError';

/**
 * GETs `path` (null: nothing to fetch yet) and keeps the answer's `data`. With `pollMs`, it
 * fetches again on that interval, so progress shows without a reload.
 */
export function useResource<T>(path: string | null, { pollMs, pollWhile }: ResourceOptions<T> = {}): Resource<T> {
  const { get } = useFetchClient();
  const [data, setData] = useState<T>();
  const [pagination, setPagination] = useState<Pagination>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(Boolean(path));
  const latest = useRef(path);
  latest.current = path;
  const shouldPoll = useRef(pollWhile);
  shouldPoll.current = pollWhile;
  const current = useRef(data);
  current.current = data;

  const reload = useCallback(async () => {
    if (!path) return;
    try {
      const response = await get<{ data: T; meta?: { pagination?: Pagination } }>(path);
      // A slow answer for a previous path must not overwrite the current one.
      if (latest.current !== path) return;
      setData(response.data.data);
      setPagination(response.data.meta?.pagination);
      setError(undefined);
    } catch (failure) {
      if (isAbort(failure) || latest.current !== path) return;
      setError(failure);
    } finally {
      if (latest.current === path) setLoading(false);
    }
  }, [get, path]);

  useEffect(() => {
    setLoading(Boolean(path));
    reload();
  }, [reload, path]);

  useEffect(() => {
    if (!pollMs || !path) return undefined;
    const timer = setInterval(() => {
      if (!shouldPoll.current || shouldPoll.current(current.current)) reload();
    }, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, path, reload]);

  return { data, pagination, error, isLoading, reload };
}

/** `?a=1&b=x` from the defined values only. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
