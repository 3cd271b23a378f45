/** The events a partner can subscribe to; each is published by the module whose change causes it. */
export const WEBHOOK_EVENT_TYPES = [
  'POSTBOX_ITEM_CREATED',
  'QUESTIONS_REQUIRE_RESPONSE',
  'PERSON_CHANGED',
  'ONBOARDING_JUSTIFICATION_REVIEWED',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The event type of the verification request sent when a subscription is created. */
export const SUBSCRIPTION_VERIFICATION_EVENT = 'WEBHOOK-SUBSCRIPTION';
