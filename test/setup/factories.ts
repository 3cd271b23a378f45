import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type TestAgent from 'supertest/lib/agent.js';
import { generateApiKey } from '../../src/common/auth/tokens.js';
import type { User } from '../../src/users/entities/user.entity.js';
import { UsersService } from '../../src/users/users.service.js';

export interface TestUser {
  user: User;
  token: string;
  /** `Authorization` header value. */
  auth: string;
}

/** A user with an API key, made through the real service. */
export async function createUser(
  app: INestApplication,
  overrides: { username?: string; isStaff?: boolean; isSupport?: boolean } = {},
): Promise<TestUser> {
  const users = app.get(UsersService);
  const user = await users.create({
    username: overrides.username ?? `user_${randomBytes(5).toString('hex')}`,
    is_staff: overrides.isStaff ?? false,
    is_support: overrides.isSupport ?? false,
  });
  const token = generateApiKey();
  await users.setKey(user.id, token);
  return { user, token, auth: `Token ${token}` };
}

export const createStaff = (app: INestApplication) => createUser(app, { isStaff: true });
export const createSupport = (app: INestApplication) => createUser(app, { isSupport: true });

/*
 * Customers and Postbox content made through the HTTP API, as a partner would: `http` is a
 * suite's agent (`t.http`, or a separately started service's), `auth` the caller's header.
 */
/** A person (Erika Musterfrau) of the caller; its id. */
export async function createPerson(http: TestAgent, auth: string): Promise<string> {
  const res = await http
    .post('/v1/persons')
    .set('Authorization', auth)
    .send({ first_name: 'Erika', last_name: 'Musterfrau' })
    .expect(201);
  return (res.body as { id: string }).id;
}

/** A business of the caller; its id. */
export async function createBusiness(http: TestAgent, auth: string): Promise<string> {
  const res = await http
    .post('/v1/businesses')
    .set('Authorization', auth)
    .send({ name: 'Musterfrau GmbH' })
    .expect(201);
  return (res.body as { id: string }).id;
}

export const BALANCE_CONFIRMATION = {
  document_type: 'BALANCE_CONFIRMATION',
  document_date: '2021-06-30',
};

/** A generated Postbox document (a balance confirmation unless `body` says otherwise); its id. */
export async function generateDocument(
  http: TestAgent,
  auth: string,
  body: object = BALANCE_CONFIRMATION,
): Promise<string> {
  const res = await http
    .post('/v1/postbox/documents')
    .set('Authorization', auth)
    .send(body)
    .expect(200);
  return (res.body as { id: string }).id;
}

/** A Postbox item of `ownerPath` (`/v1/persons/{id}`…) for a generated document; its body. */
export async function createItem(
  http: TestAgent,
  auth: string,
  ownerPath: string,
  documentId: string,
  extra: object = {},
): Promise<{ id: string } & Record<string, unknown>> {
  const res = await http
    .post(`${ownerPath}/postbox/items`)
    .set('Authorization', auth)
    .send({
      name: 'Balance confirmation for June 2021',
      description: 'Balance confirmation',
      customer_notification: false,
      customer_confirmation: true,
      document_id: documentId,
      ...extra,
    })
    .expect(200);
  return res.body as { id: string } & Record<string, unknown>;
}
