import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  type Type,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { getMetadataStorage } from 'class-validator';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { isSolarisPath } from '../http/api-family.js';
import { baseUrlOf } from '../http/base-url.js';
import { invalidPage, type Page } from './page.js';

type Rel = 'first' | 'prev' | 'next' | 'last';

/**
 * Turns a handler's Page<T> into a JSON array plus paging headers: `X-Result-Count` and `Link`
 * under `/api` (DRF), `Total`, `Per-Page` and `Link` under `/v1` (Solaris).
 */
@Injectable()
export class PaginationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<Page<unknown>>): Observable<unknown[]> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      map((page) => {
        const lastPage = Math.max(Math.ceil(page.total / page.size), 1);
        const url = new URL(request.originalUrl, baseUrlOf(request));
        const accepted = acceptedQueryKeys(context);
        for (const key of [...url.searchParams.keys()]) {
          if (!accepted.has(key)) url.searchParams.delete(key);
        }
        const solaris = isSolarisPath(url.pathname);
        if (!solaris && page.page > lastPage) {
          throw invalidPage();
        }
        const links: Partial<Record<Rel, number>> = { first: 1, last: lastPage };
        if (page.page > 1) links.prev = Math.min(page.page - 1, lastPage);
        if (page.page < lastPage) links.next = page.page + 1;
        const linkHeader = (Object.entries(links) as [Rel, number][])
          .map(
            ([rel, number]) =>
              `<${solaris ? solarisPageUrl(url, number, page.size) : drfPageUrl(url, number, page.size)}>; rel="${rel}"`,
          )
          .join(', ');
        response.setHeader('Link', linkHeader);
        if (solaris) {
          response.setHeader('Total', String(page.total));
          response.setHeader('Per-Page', String(page.size));
        } else {
          response.setHeader('X-Result-Count', String(page.total));
        }
        return page.items;
      }),
    );
  }
}

const acceptedKeys = new WeakMap<object, ReadonlySet<string>>();

/**
 * The query parameters the handler's @Query() DTO declares, nested DTOs spelled with brackets
 * (`filter[created_at][min]`). Links repeat only these, as the validation pipe keeps only these:
 * parameters the route ignores are not echoed four times into a header that could outgrow what
 * clients accept.
 */
function acceptedQueryKeys(context: ExecutionContext): ReadonlySet<string> {
  const handler = context.getHandler();
  const known = acceptedKeys.get(handler);
  if (known) return known;
  const controller = context.getClass();
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const types = (Reflect.getMetadata(
    'design:paramtypes',
    controller.prototype as object,
    handler.name,
  ) ?? []) as DtoClass[];
  const keys = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof arg.data === 'string') keys.add(arg.data);
    else if (types[arg.index])
      for (const path of queryPathsOf(types[arg.index], '')) keys.add(path);
  }
  acceptedKeys.set(handler, keys);
  return keys;
}

type DtoClass = abstract new (...args: never[]) => unknown;

function queryPathsOf(dto: DtoClass, prefix: string, depth = 0): string[] {
  const names = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  return [...names].flatMap((name) => {
    const path = prefix ? `${prefix}[${name}]` : name;
    const type = Reflect.getMetadata('design:type', dto.prototype as object, name) as unknown;
    const nested =
      depth < 4 &&
      typeof type === 'function' &&
      ![String, Number, Boolean, Object, Array, Date].includes(type as never) &&
      getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    return nested ? queryPathsOf(type as DtoClass, path, depth + 1) : [path];
  });
}

function drfPageUrl(current: URL, page: number, size: number): string {
  const url = new URL(current);
  // An invalid page_size means the default (as DRF does): the links carry the size in effect.
  if (url.searchParams.has('page_size')) url.searchParams.set('page_size', String(size));
  if (page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return readable(url);
}

function solarisPageUrl(current: URL, page: number, size: number): string {
  const url = new URL(current);
  url.searchParams.set('page[number]', String(page));
  url.searchParams.set('page[size]', String(size));
  return readable(url);
}

/** Keeps `page[number]`-style keys legible in the header. */
function readable(url: URL): string {
  return url.toString().replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

/**
 * Marks a list route whose handler returns a Page<T>; `item` documents the array it answers
 * (the paging headers are documented for every list in the OpenAPI document).
 */
export const Paginated = (item?: Type<unknown>) =>
  applyDecorators(
    UseInterceptors(PaginationInterceptor),
    ...(item
      ? [ApiOkResponse({ type: item, isArray: true, description: 'One page of the list.' })]
      : []),
  );
