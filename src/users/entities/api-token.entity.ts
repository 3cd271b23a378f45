import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity.js';

/** A user's current API key, kept only as its SHA-256; issuing a new one replaces it. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'bytea', unique: true })
  keyHash: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  created: Date;
}
