import { Delete, Get, Head, HttpCode, HttpStatus, Query, type Type } from '@nestjs/common';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { BaseUrl } from '../common/http/base-url.js';
import type { DrfPageQuery } from '../common/pagination/page.dto.js';
import {
  drfWindow,
  invalidPage,
  mapPage,
  type Page,
  type PageWindow,
} from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { type EndpointOptions, Endpoint } from '../common/routes/endpoint.decorator.js';
import { UuidParam } from '../common/routes/id-params.js';

/** What the routes every onboarding record has need of its service (visibility included). */
export interface OnboardingRecords<V, Q> {
  list(caller: Principal, query: Q, window: PageWindow): Promise<Page<V>>;
  get(caller: Principal, id: string): Promise<V>;
  remove(caller: Principal, id: string): Promise<void>;
}

export interface OnboardingRecordOptions<V, D, Q> {
  /** `verification`: the routes say `onboarding verification(s)`. */
  noun: string;
  /** The model of the `:uuid` path id. */
  model: string;
  query: Type<Q>;
  /** The response DTO, made from a view and the base of its URLs. */
  dto: Type<D> & { from(view: V, baseUrl: string): D };
  remove: Pick<EndpointOptions, 'summary' | 'errors'>;
}

/**
 * The routes verifications and justifications both have: count (HEAD), list, retrieve and
 * delete. The subclass hands over its service; its own routes are registered before these, so
 * `:uuid` here never shadows one of its fixed paths.
 */
export function OnboardingRecordRoutes<V, D, Q extends DrfPageQuery>(
  options: OnboardingRecordOptions<V, D, Q>,
) {
  const { noun, model, dto } = options;

  abstract class OnboardingRecordController {
    abstract readonly records: OnboardingRecords<V, Q>;

    @Head()
    @Paginated()
    @Endpoint({ summary: `Count onboarding ${noun}s (\`X-Result-Count\`)`, answers: 'headers' })
    count(
      @CurrentUser() caller: Principal,
      @Query() query: Q,
      @BaseUrl() baseUrl: string,
    ): Promise<Page<D>> {
      return this.list(caller, query, baseUrl);
    }

    @Get()
    @Paginated(dto)
    @Endpoint({
      summary: `List onboarding ${noun}s`,
      description:
        'Newest first unless `o` says otherwise. Applicants see their own; staff and support see all. Headers `X-Result-Count` and `Link`.',
      errors: [invalidPage()],
    })
    async list(
      @CurrentUser() caller: Principal,
      @Query() query: Q,
      @BaseUrl() baseUrl: string,
    ): Promise<Page<D>> {
      const page = await this.records.list(caller, query, drfWindow(query));
      return mapPage(page, (view) => dto.from(view, baseUrl));
    }

    @Get(':uuid')
    @Endpoint({ summary: `Retrieve an onboarding ${noun}`, answers: dto })
    async retrieve(
      @CurrentUser() caller: Principal,
      @UuidParam('uuid', model) id: string,
      @BaseUrl() baseUrl: string,
    ): Promise<D> {
      return dto.from(await this.records.get(caller, id), baseUrl);
    }

    @Delete(':uuid')
    @HttpCode(HttpStatus.NO_CONTENT)
    @Endpoint({ ...options.remove, answers: 'nothing' })
    async remove(
      @CurrentUser() caller: Principal,
      @UuidParam('uuid', model) id: string,
    ): Promise<void> {
      await this.records.remove(caller, id);
    }
  }

  // The query DTO's type is erased from the methods above; the validation pipe, the paging links
  // and the document read it from here.
  for (const method of ['count', 'list']) {
    Reflect.defineMetadata(
      'design:paramtypes',
      [Object, options.query, String],
      OnboardingRecordController.prototype,
      method,
    );
  }
  return OnboardingRecordController;
}
