import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1795304711857 implements MigrationInterface {
  name = 'IdempotencyKeys1795304711857';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "principal" character varying(255) NOT NULL, "key" character varying(255) NOT NULL, "request_method" character varying(10) NOT NULL, "request_route" character varying(2048) NOT NULL, "fingerprint" bytea NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'started\', "response_status" smallint, "response_headers" jsonb, "response_body" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_idempotency_keys_principal_key" UNIQUE ("principal", "key"), CONSTRAINT "CHK_idempotency_keys_response_status" CHECK ("response_status" IS NULL OR "response_status" BETWEEN 200 AND 499), CONSTRAINT "CHK_idempotency_keys_finished_response" CHECK ("status" <> \'finished\' OR "response_status" IS NOT NULL), CONSTRAINT "CHK_idempotency_keys_status" CHECK ("status" IN (\'started\', \'finished\')), CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_idempotency_keys_expires_at" ON "idempotency_keys"  ("expires_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_idempotency_keys_expires_at"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
  }
}
