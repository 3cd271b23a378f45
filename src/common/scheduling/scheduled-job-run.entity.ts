import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per job and schedule slot: the replica that inserts it is the one that runs the slot. */
@Entity('scheduled_job_runs')
export class ScheduledJobRun {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  jobName: string;

  @PrimaryColumn({ type: 'timestamptz' })
  slot: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;
}
