import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledJobRuns1795304178846 implements MigrationInterface {
  name = 'ScheduledJobRuns1795304178846';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scheduled_job_runs" ("job_name" character varying(100) NOT NULL, "slot" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_69d1e193c38b3c4e0569b42fa63" PRIMARY KEY ("job_name", "slot"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "scheduled_job_runs"');
  }
}
