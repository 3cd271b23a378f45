/** The Solaris `ProductName` enum: the products a T&C document can apply to. */
export const TERMS_PRODUCTS = [
  'DIGITAL_BANKING',
  'OVERDRAFT',
  'VIACASH',
  'SECURITIES_BROKERAGE',
  'IDENTIFICATION_FOURTHLINE',
] as const;
export type TermsProduct = (typeof TERMS_PRODUCTS)[number];

export const TERMS_EVENT_TYPES = ['APPROVED', 'REJECTED'] as const;
export type TermsEventType = (typeof TERMS_EVENT_TYPES)[number];
