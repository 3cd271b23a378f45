import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TermsAndConditions1796217891716 implements MigrationInterface {
  name = 'TermsAndConditions1796217891716';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "terms_documents" ("id" character varying(40) NOT NULL, "name" character varying(255) NOT NULL, "product_name" character varying(40) NOT NULL, "version" character varying(50), "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_37681a749b24238e6d8df20bb37" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1a600a2b5c038a99711a6117a7" ON "terms_documents"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "terms_consents" ("document_id" character varying(40) NOT NULL, "signed_by" character varying(40) NOT NULL, "on_behalf_of" character varying(40) NOT NULL, "latest_event_type" character varying(16) NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33680529b291e3e4543d1b8c04a" PRIMARY KEY ("document_id", "signed_by", "on_behalf_of"))',
    );
    await queryRunner.query(
      'CREATE TABLE "terms_events" ("id" character varying(32) NOT NULL, "document_id" character varying(40) NOT NULL, "document_name" character varying(255) NOT NULL, "event_timestamp" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "event_type" character varying(16) NOT NULL, "signed_by" character varying(40) NOT NULL, "signed_on_behalf_of" character varying(40), "product_name" character varying(40) NOT NULL, "partner_id" uuid NOT NULL, CONSTRAINT "PK_e89c708b57bb4dea7f53afda8ce" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_63fc65a9212de918a923c93ed1" ON "terms_events"  ("event_type", "event_timestamp", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_276c0bfd38fbf30e50e82d40dc" ON "terms_events"  ("product_name", "event_timestamp", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_80071818d81fb67d582ed00e8f" ON "terms_events"  ("signed_on_behalf_of", "event_timestamp", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f1eb27bf7a1607e1fbcce75927" ON "terms_events"  ("signed_by", "event_timestamp", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e489ac960bce874d968bb4d15c" ON "terms_events"  ("document_id", "event_timestamp", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f1dac89dbc65b6f24dc833d75b" ON "terms_events"  ("partner_id", "event_timestamp", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_030aeb77830affdc6fb2a659c9" ON "terms_events"  ("event_timestamp", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_documents" ADD CONSTRAINT "FK_11319e92f175ce1991c3e8e5c64" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_consents" ADD CONSTRAINT "FK_5c97b32d298598a0b083a2cc66b" FOREIGN KEY ("document_id") REFERENCES "terms_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_consents" ADD CONSTRAINT "FK_09e68720bc9e21170cae6427815" FOREIGN KEY ("signed_by") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_events" ADD CONSTRAINT "FK_2738bf5f40cba8b1dcb22a30431" FOREIGN KEY ("document_id") REFERENCES "terms_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_events" ADD CONSTRAINT "FK_3ddbf9ee0f33e0d1befe255ce7e" FOREIGN KEY ("signed_by") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_events" ADD CONSTRAINT "FK_40a41b3b693a1adb674d7e4d254" FOREIGN KEY ("signed_on_behalf_of") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_events" ADD CONSTRAINT "FK_9b0160b097e244c80b4b3848229" FOREIGN KEY ("partner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "terms_events" DROP CONSTRAINT "FK_9b0160b097e244c80b4b3848229"',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_events" DROP CONSTRAINT "FK_40a41b3b693a1adb674d7e4d254"',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_events" DROP CONSTRAINT "FK_3ddbf9ee0f33e0d1befe255ce7e"',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_events" DROP CONSTRAINT "FK_2738bf5f40cba8b1dcb22a30431"',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_consents" DROP CONSTRAINT "FK_09e68720bc9e21170cae6427815"',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_consents" DROP CONSTRAINT "FK_5c97b32d298598a0b083a2cc66b"',
    );
    await queryRunner.query(
      'ALTER TABLE "terms_documents" DROP CONSTRAINT "FK_11319e92f175ce1991c3e8e5c64"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_030aeb77830affdc6fb2a659c9"');
    await queryRunner.query('DROP INDEX "public"."IDX_f1dac89dbc65b6f24dc833d75b"');
    await queryRunner.query('DROP INDEX "public"."IDX_e489ac960bce874d968bb4d15c"');
    await queryRunner.query('DROP INDEX "public"."IDX_f1eb27bf7a1607e1fbcce75927"');
    await queryRunner.query('DROP INDEX "public"."IDX_80071818d81fb67d582ed00e8f"');
    await queryRunner.query('DROP INDEX "public"."IDX_276c0bfd38fbf30e50e82d40dc"');
    await queryRunner.query('DROP INDEX "public"."IDX_63fc65a9212de918a923c93ed1"');
    await queryRunner.query('DROP TABLE "terms_events"');
    await queryRunner.query('DROP TABLE "terms_consents"');
    await queryRunner.query('DROP INDEX "public"."IDX_1a600a2b5c038a99711a6117a7"');
    await queryRunner.query('DROP TABLE "terms_documents"');
  }
}
