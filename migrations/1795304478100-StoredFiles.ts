import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StoredFiles1795304478100 implements MigrationInterface {
  name = 'StoredFiles1795304478100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "stored_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "content_type" character varying(100) NOT NULL, "size" bigint NOT NULL, "sha256" character(64) NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5d5be862bf53851c1794b4adf4e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "stored_file_chunks" ("file_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_589a8e5bed59c131988bcdb7f45" PRIMARY KEY ("file_id", "seq"))',
    );
    await queryRunner.query(
      'ALTER TABLE "stored_file_chunks" ADD CONSTRAINT "FK_37be6c847f971f1b9536e7dd076" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "stored_file_chunks" DROP CONSTRAINT "FK_37be6c847f971f1b9536e7dd076"',
    );
    await queryRunner.query('DROP TABLE "stored_file_chunks"');
    await queryRunner.query('DROP TABLE "stored_files"');
  }
}
