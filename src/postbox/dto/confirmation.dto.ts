import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import type { PostboxConfirmation } from '../entities/postbox-confirmation.entity.js';

/** `POST /v1/postbox/items/{item_id}/confirmations`. */
export class CreateConfirmationDto {
  /** The confirming person: the item's person, or a person of the business's partner. @example "cd5b907fd34e21044f0421a430c9b640cper" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
  person_id: string;

  /** Replays of the same key return the confirmation created first. @example "confirm-7f3a" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  idempotency_key?: string;
}

export class ConfirmationDto {
  /** @example "c072c6e43f4d486cb553e9cd9fc1bae7pbxc" */
  id: string;
  /** @example "cd5b907fd34e21044f0421a430c9b640cper" */
  person_id: string;
  /** @example "2021-10-23T00:00:00.000Z" */
  confirmed_at: Date;

  static from(confirmation: PostboxConfirmation): ConfirmationDto {
    return {
      id: confirmation.id,
      person_id: confirmation.personId,
      confirmed_at: confirmation.confirmedAt,
    };
  }
}
