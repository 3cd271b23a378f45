import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
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
