import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

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
