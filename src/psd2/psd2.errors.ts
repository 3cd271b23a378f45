import { HttpStatus } from '@nestjs/common';
import { ApiError, ValidationFailedError } from '../common/errors/api-error.js';

/** Solaris answers an expired challenge with 401, on verification and on update alike. */
export class ChallengeExpiredError extends ApiError {
  override readonly title = 'Unauthorized PSD2 challenge';

  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'unauthorized_psd2_challenge', 'Challenge expired.');
  }
}

/** The challenge concerns another person than the one the partner names (Solaris' wording). */
export class ChallengePersonMismatchError extends ApiError {
  constructor() {
    super(
      HttpStatus.BAD_REQUEST,
      'invalid_request',
      'The IBAN requested by the TPP does not belong to the specified person.',
    );
  }
}

export const ONLY_STAFF_OUTSIDE_SANDBOX = 'Only staff open PSD2 challenges outside the sandbox.';

/** `person_id` names no person the caller may act for. */
export const UNKNOWN_PERSON = () =>
  ValidationFailedError.field('person_id', 'must be an existing person of yours');
