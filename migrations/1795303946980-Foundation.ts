import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795303946980 implements MigrationInterface {
  name = 'Foundation1795303946980';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(150) NOT NULL, "email" character varying(254) NOT NULL DEFAULT \'\', "full_name" character varying(150) NOT NULL DEFAULT \'\', "is_staff" boolean NOT NULL DEFAULT false, "is_support" boolean NOT NULL DEFAULT false, "is_active" boolean NOT NULL DEFAULT true, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_fe0bb3f6520ee0469504521e71" ON "users"  ("username") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_df904256f5a1ceb99cf16996a7" ON "users"  ("created") ',
    );
    await queryRunner.query(
      'CREATE TABLE "api_tokens" ("user_id" uuid NOT NULL, "key_hash" bytea NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_08c247de71c6da2b50511776020" UNIQUE ("key_hash"), CONSTRAINT "PK_b74883f5884a42fd8496d389b25" PRIMARY KEY ("user_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "action" character varying(100) NOT NULL, "object_type" character varying(100) NOT NULL, "object_id" character varying(64) NOT NULL, "before" jsonb, "after" jsonb, "request_id" character varying(128), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_04c7c044146c6632491a370fc0" ON "audit_events"  ("actor_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_68d908019304f757740bc47a0a" ON "audit_events"  ("action") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_08229da9c77ea91a5d8330a025" ON "audit_events"  ("object_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_51d841e189e29c6a68114331e1" ON "audit_events"  ("created", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // The audit trail is append-only: no row may change or disappear, not even by TRUNCATE.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      'CREATE TRIGGER audit_events_append_only_rows BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_events_append_only_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_events_append_only_truncate ON audit_events');
    await queryRunner.query('DROP TRIGGER audit_events_append_only_rows ON audit_events');
    await queryRunner.query('DROP FUNCTION audit_events_append_only()');
    await queryRunner.query(
      'ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_b74883f5884a42fd8496d389b25"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_51d841e189e29c6a68114331e1"');
    await queryRunner.query('DROP INDEX "public"."IDX_08229da9c77ea91a5d8330a025"');
    await queryRunner.query('DROP INDEX "public"."IDX_68d908019304f757740bc47a0a"');
    await queryRunner.query('DROP INDEX "public"."IDX_04c7c044146c6632491a370fc0"');
    await queryRunner.query('DROP TABLE "audit_events"');
    await queryRunner.query('DROP TABLE "api_tokens"');
    await queryRunner.query('DROP INDEX "public"."IDX_df904256f5a1ceb99cf16996a7"');
    await queryRunner.query('DROP INDEX "public"."IDX_fe0bb3f6520ee0469504521e71"');
    await queryRunner.query('DROP TABLE "users"');
  }
}
