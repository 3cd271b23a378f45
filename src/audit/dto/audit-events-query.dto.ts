import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DrfPageQuery } from '../../common/pagination/page.dto.js';

export class AuditEventsQuery extends DrfPageQuery {
  /** Id of the object: hex uuid (`/api` objects) or Solaris id (`/v1` objects). @example "9a8b7c6d5e4f40312a2b3c4d5e6f7a8b" */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  object_uuid?: string;

  /** Hex uuid of the acting user. @example "0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b" */
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
