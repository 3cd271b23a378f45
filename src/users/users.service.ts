import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  ForbiddenActionError,
  ModelNotFoundError,
  ValidationFailedError,
} from '../common/errors/api-error.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { generateApiKey, hashApiKey } from '../common/auth/tokens.js';
import { TokenVerifier } from '../common/auth/token-verifier.js';
import { fetchPage, type Page, type PageWindow } from '../common/pagination/page.js';
import type { CreateUserDto } from './dto/create-user.dto.js';
import { Transactions } from '../database/transactions.js';
import { ApiToken } from './entities/api-token.entity.js';
import { User } from './entities/user.entity.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService implements TokenVerifier {
  constructor(private readonly transactions: Transactions) {}

  private get users() {
    return this.transactions.manager.getRepository(User);
  }

  /** Runs for every request: one indexed lookup in plain SQL, no query building or hydration. */
  async verify(key: string): Promise<Principal | undefined> {
    const rows: { id: string; username: string; is_staff: boolean; is_support: boolean }[] =
      await this.transactions.manager.query(
        `SELECT u.id, u.username, u.is_staff, u.is_support
           FROM users u JOIN api_tokens t ON t.user_id = u.id
          WHERE t.key_hash = $1 AND u.is_active`,
        [hashApiKey(key)],
      );
    const [user] = rows;
    return user
      ? { id: user.id, username: user.username, isStaff: user.is_staff, isSupport: user.is_support }
      : undefined;
  }

  async list(window: PageWindow): Promise<Page<User>> {
    return fetchPage(window, (skip, take) =>
      this.users.findAndCount({ order: { created: 'DESC', id: 'ASC' }, skip, take }),
    );
  }

  async create(dto: CreateUserDto): Promise<User> {
    try {
      // A unit of its own: a savepoint inside the caller's transaction, which the unique
      // violation caught below then leaves usable.
      return await this.transactions.run((tx) =>
        tx.save(
          User,
          tx.create(User, {
            username: dto.username,
            email: dto.email ?? '',
            fullName: dto.full_name ?? '',
            isStaff: dto.is_staff ?? false,
            isSupport: dto.is_support ?? false,
          }),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw ValidationFailedError.field('username', 'A user with that username already exists.');
      }
      throw error;
    }
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new ModelNotFoundError('User', id);
    return user;
  }

  /** A user the caller may see: themselves, or anyone for staff and support. */
  async findVisible(caller: Principal, id: string): Promise<User> {
    if (id !== caller.id && !canReadAll(caller)) throw new ModelNotFoundError('User', id);
    return this.get(id);
  }

  /** Issues a new API key for the user, revoking the previous one. */
  async issueToken(caller: Principal, id: string): Promise<string> {
    const user = await this.findVisible(caller, id);
    if (user.id !== caller.id && !caller.isStaff) {
      throw new ForbiddenActionError();
    }
    const key = generateApiKey();
    await this.setKey(user.id, key);
    return key;
  }

  async setKey(userId: string, key: string): Promise<void> {
    await this.transactions.manager
      .createQueryBuilder()
      .insert()
      .into(ApiToken)
      .values({ userId, keyHash: hashApiKey(key) })
      .orUpdate(['key_hash', 'created'], ['user_id'])
      .execute();
  }

  /** Whether the staff user `admin` exists (with or without a key). */
  adminExists(): Promise<boolean> {
    return this.users.existsBy({ username: 'admin' });
  }

  /**
   * Makes sure the staff user `admin` exists. With a configured key it is (re)set to that key;
   * without one, a key is generated only when the user is new, and returned once.
   */
  ensureAdmin(configuredKey: string | undefined): Promise<string | undefined> {
    return this.transactions.run(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('users:ensure-admin'))");
      let admin = await this.users.findOneBy({ username: 'admin' });
      const isNew = !admin;
      admin ??= await this.users.save(
        this.users.create({ username: 'admin', fullName: 'Administrator', isStaff: true }),
      );
      if (configuredKey) {
        await this.setKey(admin.id, configuredKey);
        return undefined;
      }
      if (!isNew) return undefined;
      const key = generateApiKey();
      await this.setKey(admin.id, key);
      return key;
    });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
  );
}
