import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { PageWindow } from '../common/pagination/page.js';
import { type TimeBounds, withinBounds } from '../common/validation/time-range.js';
import type { TermsEventType, TermsProduct } from './terms.constants.js';
import { TermsEvent } from './entities/terms-event.entity.js';

export interface TermsEventsFilter {
  /** Only this partner's persons' events; undefined for staff and support. */
  partnerId?: string;
  id?: string;
  documentId?: string;
  signedBy?: string;
  signedOnBehalfOf?: string;
  productName?: TermsProduct;
  eventType?: TermsEventType;
  bounds: TimeBounds;
}

const EQUALITIES: [keyof TermsEventsFilter, string][] = [
  ['partnerId', 'partner_id'],
  ['id', 'id'],
  ['documentId', 'document_id'],
  ['signedBy', 'signed_by'],
  ['signedOnBehalfOf', 'signed_on_behalf_of'],
  ['productName', 'product_name'],
  ['eventType', 'event_type'],
];

/**
 * Events newest `event_timestamp` first, filtered. Every equality filter has an index
 * (column, event_timestamp, id), so the planner walks the most selective one backwards and stops
 * after the page. Kept apart so the benchmark explains exactly this query.
 */
export function termsEventsQuery(
  manager: EntityManager,
  filter: TermsEventsFilter,
  window: PageWindow,
): SelectQueryBuilder<TermsEvent> {
  const qb = manager
    .getRepository(TermsEvent)
    .createQueryBuilder('event')
    .orderBy('event.eventTimestamp', 'DESC')
    .addOrderBy('event.id', 'DESC')
    .offset(window.skip)
    .limit(window.take);
  for (const [key, column] of EQUALITIES) {
    const value = filter[key];
    if (value !== undefined) qb.andWhere(`event.${column} = :${key}`, { [key]: value });
  }
  return withinBounds(qb, 'event.event_timestamp', filter.bounds);
}
