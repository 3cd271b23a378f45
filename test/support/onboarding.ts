import type { TestUser } from '../setup/factories.js';
import type { TestApp } from '../setup/test-app.js';
import { WaldurContract } from './waldur-contract.js';

/**
 * Checks every response the suite's `t.http` receives against Waldur's schema (declare it after
 * the beforeAll that creates the app); the suite fails on any violation.
 */
export function useWaldurContract(suite: string, app: () => TestApp): WaldurContract {
  const contract = new WaldurContract();
  beforeAll(() => {
    app().http = contract.wrap(app().http);
  });
  afterAll(() => {
    console.info(contract.summary(suite));
    expect(contract.violations).toEqual([]);
    expect(contract.validated).toBeGreaterThan(0);
  });
  return contract;
}

/** An `/api` object as the tests read it. */
export interface ApiObject {
  uuid: string;
  [field: string]: unknown;
}

/** The uuids of a list response, in order. */
export const uuidsOf = (body: unknown): string[] => (body as ApiObject[]).map((item) => item.uuid);

export const HEX32 = /^[0-9a-f]{32}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const COMPANY = {
  country: 'EE',
  legal_person_identifier: '12345678',
  legal_name: 'Test Company OÜ',
};

/** Starts a verification as `user`: escalated without a method, pending with one. */
export async function startVerification(
  t: TestApp,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<ApiObject> {
  const res = await t.http
    .post('/api/onboarding-verifications/start_verification/')
    .set('Authorization', user.auth)
    .send({ ...COMPANY, ...body })
    .expect(200);
  return res.body as ApiObject;
}

/** A failed verification of `user`: started with a method, failed by a staff-recorded result. */
export async function failedVerification(
  t: TestApp,
  user: TestUser,
  staff: TestUser,
): Promise<ApiObject> {
  const started = await startVerification(t, user, { validation_method: 'ariregister' });
  const res = await t.http
    .post(`/api/onboarding-verifications/${started.uuid}/record_result/`)
    .set('Authorization', staff.auth)
    .send({
      status: 'failed',
      error_message: 'NOT_AUTHORIZED',
      error_traceback: 'User is not listed as authorized representative',
    })
    .expect(200);
  return res.body as ApiObject;
}

export async function justify(
  t: TestApp,
  user: TestUser,
  verificationUuid: string,
  text = 'Pls validate',
): Promise<ApiObject> {
  const res = await t.http
    .post('/api/onboarding-justifications/create_justification/')
    .set('Authorization', user.auth)
    .send({ verification_uuid: verificationUuid, user_justification: text })
    .expect(200);
  return res.body as ApiObject;
}

export interface AuditEvent {
  action: string;
  actor_uuid: string | null;
  object_type: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Audit events of one object, oldest first, as staff see them. */
export async function auditOf(
  t: TestApp,
  staff: TestUser,
  objectUuid: string,
): Promise<AuditEvent[]> {
  const res = await t.http
    .get('/api/audit-events/')
    .query({ object_uuid: objectUuid, page_size: 300 })
    .set('Authorization', staff.auth)
    .expect(200);
  return (res.body as AuditEvent[]).reverse();
}
