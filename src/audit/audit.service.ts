import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../common/errors/api-error.js';
import { currentRequestId } from '../common/http/request-context.js';
import { parseUuid, toHexUuid } from '../common/ids/ids.js';
import { fetchPage, type Page, type PageWindow } from '../common/pagination/page.js';
import type { AuditEventsQuery } from './dto/audit-events-query.dto.js';
import { Transactions } from '../database/transactions.js';
import { AuditEvent } from './entities/audit-event.entity.js';

export interface AuditEntry {
  /** Null for the system (scheduled jobs). */
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

@Injectable()
export class AuditService {
  constructor(private readonly transactions: Transactions) {}

  /** Appends an event inside the caller's transaction, so it commits or rolls back with the change. */
  async record(entry: AuditEntry): Promise<void> {
    const events = this.transactions.manager.getRepository(AuditEvent);
    await events.save(
      events.create({
        actorId: entry.actorId,
        action: entry.action,
        objectType: entry.objectType,
        objectId: entry.objectId,
        before: entry.before ?? null,
        after: entry.after ?? null,
        requestId: currentRequestId() ?? null,
      }),
    );
  }

  async list(query: AuditEventsQuery, window: PageWindow): Promise<Page<AuditEvent>> {
    const qb = this.transactions.manager
      .getRepository(AuditEvent)
      .createQueryBuilder('event')
      .orderBy('event.created', 'DESC')
      .addOrderBy('event.id', 'ASC');
    if (query.object_uuid !== undefined) {
      const uuid = parseUuid(query.object_uuid);
      qb.andWhere('event.object_id = :objectId', {
        objectId: uuid ? toHexUuid(uuid) : query.object_uuid,
      });
    }
    if (query.actor_uuid !== undefined) {
      const actorId = parseUuid(query.actor_uuid);
      if (!actorId) throw ValidationFailedError.field('actor_uuid', 'Enter a valid UUID.');
      qb.andWhere('event.actor_id = :actorId', { actorId });
    }
    if (query.action !== undefined) {
      qb.andWhere('event.action = :action', { action: query.action });
    }
    return fetchPage(window, (skip, take) => qb.skip(skip).take(take).getManyAndCount());
  }
}
