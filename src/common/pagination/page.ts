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
}

function windowOf(page: number, size: number): PageWindow {
  return { page, size, skip: (page - 1) * size, take: size };
}

export function drfWindow(query: DrfPageQuery): PageWindow {
  return windowOf(query.page ?? 1, query.page_size ?? DRF_DEFAULT_PAGE_SIZE);
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
