import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { PageWindow } from '../common/pagination/page.js';
import { type TimeBounds, withinBounds } from '../common/validation/time-range.js';
import { PostboxItem } from './entities/postbox-item.entity.js';

export interface PostboxItemsFilter {
  types?: string[];
  bounds: TimeBounds;
}

/**
 * One owner's items, newest first, filtered: served by the index (belongs_to, created_at, id,
 * document_type) scanned backwards. Kept apart so the benchmark explains exactly this query.
 */
export function postboxItemsQuery(
  manager: EntityManager,
  ownerId: string,
  filter: PostboxItemsFilter,
  window: PageWindow,
): SelectQueryBuilder<PostboxItem> {
  const qb = manager
    .getRepository(PostboxItem)
    .createQueryBuilder('item')
    .where('item.belongs_to = :owner', { owner: ownerId })
    .orderBy('item.createdAt', 'DESC')
    .addOrderBy('item.id', 'DESC')
    .offset(window.skip)
    .limit(window.take);
  if (filter.types) {
    qb.andWhere('item.document_type IN (:...types)', { types: [...new Set(filter.types)] });
  }
  withinBounds(qb, 'item.created_at', filter.bounds);
  return qb;
}
