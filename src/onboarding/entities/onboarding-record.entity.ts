import {
  Column,
  CreateDateColumn,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

/** The key and creation time of every onboarding row. */
export abstract class OnboardingRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created: Date;
}

/** An onboarding row that changes after its creation, with the time of its last change. */
export abstract class OnboardingRecord extends OnboardingRow {
  @UpdateDateColumn({ type: 'timestamptz' })
  modified: Date;
}

/** An onboarding record of one user (the applicant, submitter or answerer), gone with them. */
export abstract class UserRecord extends OnboardingRecord {
  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
