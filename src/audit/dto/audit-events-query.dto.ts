import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DrfPageQuery } from '../../common/pagination/page.dto.js';

export class AuditEventsQuery extends DrfPageQuery {
  /** Id of the object: hex uuid (`/api` objects) or Solaris id (`/v1` objects). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  object_uuid?: string;

  /** Hex uuid of the acting user. */
  @IsOptional()
  @IsString()
  @MaxLength(36)
  actor_uuid?: string;

  /** @example "justification.approved" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
}
