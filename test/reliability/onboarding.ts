import { call } from '../support/service-process.js';

/**
 * A justification awaiting review: an escalated verification (no validation method; Waldur answers
 * 200) justified by
 * its applicant. The steps alternate between the given services. Its uuid.
 */
export async function pendingJustification(
  services: { baseUrl: string }[],
  applicantToken: string,
): Promise<string> {
  const verification = await call(
    services[0].baseUrl,
    'POST',
    '/api/onboarding-verifications/start_verification/',
    {
      token: applicantToken,
      body: { country: 'EE', legal_person_identifier: '12345678', legal_name: 'Fault OÜ' },
    },
  );
  if (verification.status !== 200) throw new Error(`start: ${verification.status}`);
  const justification = await call(
    services[services.length - 1].baseUrl,
    'POST',
    '/api/onboarding-justifications/create_justification/',
    {
      token: applicantToken,
      body: { verification_uuid: verification.body.uuid, user_justification: 'Board member.' },
    },
  );
  if (justification.status !== 200) throw new Error(`justify: ${justification.status}`);
  return justification.body.uuid as string;
}
