import { toHexUuid } from '../common/ids/ids.js';

/** Absolute URLs of the hyperlinked fields, as upstream's HyperlinkedModelSerializer makes them. */
export const onboardingUrls = {
  user: (baseUrl: string, id: string) => `${baseUrl}/api/users/${toHexUuid(id)}/`,
  verification: (baseUrl: string, id: string) =>
    `${baseUrl}/api/onboarding-verifications/${toHexUuid(id)}/`,
  justification: (baseUrl: string, id: string) =>
    `${baseUrl}/api/onboarding-justifications/${toHexUuid(id)}/`,
  customer: (baseUrl: string, id: string) => `${baseUrl}/api/customers/${toHexUuid(id)}/`,
  documentDownload: (baseUrl: string, id: string) =>
    `${baseUrl}/api/onboarding-justification-documents/${toHexUuid(id)}/download/`,
};

/** A uuid as `/api` accepts it: 32 hex characters, or hyphenated. */
export const UUID_INPUT =
  /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The uuid at the end of a verification URL of this service (any host), or a bare uuid. */
const VERIFICATION_REFERENCE =
  /^(?:(?:https?:\/\/[^/\s]+)?\/api\/onboarding-verifications\/)?([0-9a-f-]{32,36})\/?$/i;

export function verificationIdOf(reference: string): string | undefined {
  const match = VERIFICATION_REFERENCE.exec(reference.trim());
  return match && UUID_INPUT.test(match[1]) ? match[1] : undefined;
}
