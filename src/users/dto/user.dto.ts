import { toHexUuid } from '../../common/ids/ids.js';
import type { User } from '../entities/user.entity.js';

export class UserDto {
  /** @example "http://localhost:3000/api/users/0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b/" */
  url: string;
  /** @example "0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b" */
  uuid: string;
  /** @example "jane.applicant" */
  username: string;
  /** @example "jane@example.com" */
  email: string;
  /** @example "Jane Applicant" */
  full_name: string;
  /** @example false */
  is_staff: boolean;
  /** @example false */
  is_support: boolean;
  /** @example true */
  is_active: boolean;
  /** @example "2026-11-21T10:00:00.000Z" */
  date_joined: Date;

  static from(user: User, baseUrl: string): UserDto {
    const uuid = toHexUuid(user.id);
    return {
      url: `${baseUrl}/api/users/${uuid}/`,
      uuid,
      username: user.username,
      email: user.email,
      full_name: user.fullName,
      is_staff: user.isStaff,
      is_support: user.isSupport,
      is_active: user.isActive,
      date_joined: user.created,
    };
  }
}

export class TokenDto {
  /** The new API key, shown once. @example "q4Vd0hR3n9Yk3m1JxG0c6Zs2tW8eLbN5pA7uI1oE4yQ" */
  token: string;
}
