import { toHexUuid } from '../../common/ids/ids.js';
import type { AuditEvent } from '../entities/audit-event.entity.js';

export class AuditEventDto {
  /** @example "5d6f7a8b9c0d4e1f8a2b3c4d5e6f7a8b" */
  uuid: string;
  /** @example "2026-11-21T10:00:00.000Z" */
  created: Date;
  /** Null for the system. @example "0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b" */
  actor_uuid: string | null;
  /** @example "justification.approved" */
  action: string;
  /** @example "onboarding_justification" */
  object_type: string;
  /** @example "9a8b7c6d5e4f40312a2b3c4d5e6f7a8b" */
  object_uuid: string;
  /** The object before the change; null for a creation. @example {"validation_decision": "pending"} */
  before: Record<string, unknown> | null;
  /** The object after the change. @example {"validation_decision": "approved"} */
  after: Record<string, unknown> | null;
  /** The `X-Request-Id` of the request that made the change; null for jobs. @example "5e7a6c1d-0b8f-4a2e-9d3c-1f2e3d4c5b6a" */
  request_id: string | null;

  static from(event: AuditEvent): AuditEventDto {
    return {
      uuid: toHexUuid(event.id),
      created: event.created,
      actor_uuid: event.actorId ? toHexUuid(event.actorId) : null,
      action: event.action,
      object_type: event.objectType,
      object_uuid: event.objectId,
      before: event.before,
      after: event.after,
      request_id: event.requestId,
    };
  }
}
