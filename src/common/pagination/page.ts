import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../errors/api-error.js';
import {
  DRF_DEFAULT_PAGE_SIZE,
  type DrfPageQuery,
  SOLARIS_DEFAULT_PAGE_SIZE,
  type SolarisPageQuery,
} from './page.dto.js';

/** One page of a list, as services return it; the PaginationInterceptor writes the headers. */
export interface Page<T> {
  items: T[];
  total: number;
  /** 1-based. */
  page: number;
  size: number;
}

export interface PageWindow {
  page: number;
  size: number;
  skip: number;
  take: number;
  /** `page=last` under `/api`: the page is known only once the rows are counted (fetchPage). */
  last?: boolean;
}

function windowOf(page: number, size: number): PageWindow {
  return { page, size, skip: (page - 1) * size, take: size };
}

const MAX_PAGE = 1_000_000;

/** `/api` paging; a `page` that is neither a positive integer nor `last` is DRF's 404. */
export function drfWindow(query: DrfPageQuery): PageWindow {
  const size = query.page_size ?? DRF_DEFAULT_PAGE_SIZE;
  const { page } = query;
  if (page === undefined) return windowOf(1, size);
  if (page === 'last') return { ...windowOf(1, size), last: true };
  const number = typeof page === 'string' && /^\d{1,7}$/.test(page) ? Number(page) : NaN;
  if (!(number >= 1 && number <= MAX_PAGE)) {
    throw invalidPage();
  }
  return windowOf(number, size);
}

/** DRF's 404 for a page that is not a page number or lies past the last page. */
export const invalidPage = (): ApiError =>
  new ApiError(HttpStatus.NOT_FOUND, 'invalid_page', 'Invalid page.');

/**
 * Runs a list query for one window. `page=last` counts first (the first fetch answers the total)
 * and, when the last page is not the first, fetches that page.
 */
export async function fetchPage<T>(
  window: PageWindow,
  query: (skip: number, take: number) => Promise<[T[], number]>,
): Promise<Page<T>> {
  const [items, total] = await query(window.skip, window.take);
  if (!window.last) return pageOf(items, total, window);
  const lastPage = Math.max(Math.ceil(total / window.size), 1);
  if (lastPage === 1) return pageOf(items, total, windowOf(1, window.size));
  const last = windowOf(lastPage, window.size);
  const [lastItems, lastTotal] = await query(last.skip, last.take);
  return pageOf(lastItems, lastTotal, last);
}

export function solarisWindow(query: SolarisPageQuery): PageWindow {
  return windowOf(
    Math.max(query.page?.number ?? 1, 1),
    query.page?.size ?? SOLARIS_DEFAULT_PAGE_SIZE,
  );
}

/** The same page with each item converted (entities → response DTOs). */
export function mapPage<T, U>(page: Page<T>, convert: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(convert) };
}

export function pageOf<T>(items: T[], total: number, window: PageWindow): Page<T> {
  return { items, total, page: window.page, size: window.size };
}
