import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Person } from '../../persons/entities/person.entity.js';
import { User } from '../../users/entities/user.entity.js';

export const PSD2_CHALLENGE_STATUSES = ['PENDING', 'AUTHENTICATED'] as const;
/** PENDING until a partner names the logged-in person; AUTHENTICATED once it has. */
export type Psd2ChallengeStatus = (typeof PSD2_CHALLENGE_STATUSES)[number];

/**
 * A TPP's strong-customer-authentication login in progress (`…psdc`): the partner's login page
 * verifies it, binds the person who logged in, and sends the customer on to `redirect_url`.
 */
@Entity('psd2_challenges')
export class Psd2Challenge {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  /**
   * The partner whose customer logs in: the creator in the sandbox, the bound person's partner
   * otherwise; null for a challenge staff opened without a person, which any partner may claim.
   */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: User;

  /** The person the TPP's request concerns; null until known. */
  @Index()
  @Column({ type: 'varchar', length: 40, nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'varchar', length: 20 })
  status: Psd2ChallengeStatus;

  /** Set when the partner binds the logged-in person; kept, so a repeated bind answers the same. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  redirectUrl: string | null;

  /** Served by an index: the cleanup job deletes by it. */
  @Index()
  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
