import { HttpStatus } from '@nestjs/common';
import {
  ApiError,
  ConflictError,
  ForbiddenActionError,
  ValidationFailedError,
} from '../common/errors/api-error.js';

/** The models of the `/api` path ids: an unknown or invisible one is DRF's "Not found.". */
export const MODELS = {
  verification: 'OnboardingVerification',
  justification: 'OnboardingJustification',
  document: 'OnboardingJustificationDocument',
  customer: 'Customer',
} as const;

/**
 * The errors of onboarding's rules, each written once: the services raise them and the routes
 * document them (with the arguments of a typical case).
 */
export const onboardingErrors = {
  /** An action for the owner (or the owner and staff) only. */
  notPermitted: () => new ForbiddenActionError(),
  verificationSettled: () =>
    new ConflictError('Only a pending or escalated verification can be changed.'),
  noValidationMethod: () =>
    ValidationFailedError.field(
      'non_field_errors',
      'No validation_method specified. This verification requires manual approval.',
    ),
  notValidatable: (status = 'verified') =>
    new ConflictError(`A ${status} verification cannot be validated again.`),
  notRecordable: () =>
    new ConflictError('A result can only be recorded for a pending or escalated verification.'),
  cannotCreateCustomer: (
    reason = "Verification status must be 'verified', currently 'escalated'",
  ) => ValidationFailedError.field('non_field_errors', `Cannot create customer: ${reason}`),
  /** Upstream's `{"detail": …}` 400 for a checklist the portal does not have. */
  checklistNotConfigured: (message = 'No intent checklist configured for this verification') =>
    new ApiError(HttpStatus.BAD_REQUEST, 'checklist_not_configured', message),
  parentNotFound: () =>
    new ApiError(HttpStatus.NOT_FOUND, 'parent_not_found', 'Parent object not found'),
  unfitAnswer: (field = '0.answer_data', problem = 'Enter a valid string.') =>
    ValidationFailedError.field(field, problem),
  /** The verification a justification names (by `field`) is unknown. */
  unknownVerification: (field = 'verification') =>
    ValidationFailedError.field(field, 'Verification not found'),
  notJustifiable: (field = 'verification') =>
    ValidationFailedError.field(field, 'Can only justify failed or escalated verifications'),
  alreadyPending: (field = 'verification') =>
    ValidationFailedError.field(
      field,
      'A justification of this verification is already pending review.',
    ),
  notOwnVerification: () =>
    new ForbiddenActionError('You can only justify your own verifications', 'error'),
  justificationDecided: (message = 'Only a pending justification can be changed.') =>
    new ConflictError(message),
  alreadyReviewed: (decision = 'approved') =>
    new ConflictError(`This justification has already been ${decision}.`),
  ownJustification: () =>
    new ForbiddenActionError('You cannot review a justification you submitted yourself.'),
};
