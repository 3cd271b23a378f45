import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Onboarding1795305950675 implements MigrationInterface {
  name = 'Onboarding1795305950675';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "onboarding_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "country" character varying(2) NOT NULL, "legal_person_identifier" character varying(50) NOT NULL, "legal_name" character varying(255) NOT NULL, "status" character varying(20) NOT NULL DEFAULT \'pending\', "validation_method" character varying(50) NOT NULL DEFAULT \'\', "error_message" text NOT NULL DEFAULT \'\', "error_traceback" text NOT NULL DEFAULT \'\', "verified_company_data" jsonb NOT NULL DEFAULT \'{}\', "raw_response" jsonb NOT NULL DEFAULT \'{}\', "validated_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9ed48f5d6ec2403e757245a00a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_979cab185113e1cc8d16719cbd" ON "onboarding_verifications"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2c4de6cf42e65a56571c82f203" ON "onboarding_verifications"  ("country") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_da9289893141df261ac55e2e9d" ON "onboarding_verifications"  ("status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9436b34abea83cb7649c2b39c3" ON "onboarding_verifications"  ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e98c66e0b996c1a94370f582e3" ON "onboarding_verifications"  ("modified") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0550a1bdb7a57c2e6dcf85e52a" ON "onboarding_verifications"  ("created", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "onboarding_justifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "verification_id" uuid NOT NULL, "user_id" uuid NOT NULL, "user_justification" text, "validated_by_id" uuid, "validated_at" TIMESTAMP WITH TIME ZONE, "validation_decision" character varying(20) NOT NULL DEFAULT \'pending\', "staff_notes" text NOT NULL DEFAULT \'\', "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0848566c155cdba059dea0f3562" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ae7f1bfb5796b7fb7ab9b3603e" ON "onboarding_justifications"  ("verification_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_de4c760b66de47ab0ca1988629" ON "onboarding_justifications"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ed468bb30cb1d6b36b41ae86a0" ON "onboarding_justifications"  ("validated_by_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b939c55f25782d6e5c37edce12" ON "onboarding_justifications"  ("validation_decision") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_onboarding_justifications_one_pending" ON "onboarding_justifications"  ("verification_id") WHERE "validation_decision" = \'pending\'',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e469290e09a1905269d4ad3575" ON "onboarding_justifications"  ("created", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "onboarding_justification_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "justification_id" uuid NOT NULL, "stored_file_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b296381ef69bac8bab63437f5be" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fa074ed18bfda794218d3376fe" ON "onboarding_justification_documents"  ("stored_file_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fd97a65efb3dab9afb5b542ce7" ON "onboarding_justification_documents"  ("justification_id", "created") ',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ADD CONSTRAINT "FK_979cab185113e1cc8d16719cbd6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justifications" ADD CONSTRAINT "FK_ae7f1bfb5796b7fb7ab9b3603ea" FOREIGN KEY ("verification_id") REFERENCES "onboarding_verifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justifications" ADD CONSTRAINT "FK_de4c760b66de47ab0ca19886297" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justifications" ADD CONSTRAINT "FK_ed468bb30cb1d6b36b41ae86a0f" FOREIGN KEY ("validated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justification_documents" ADD CONSTRAINT "FK_94c225b87d936f56a742e56f96e" FOREIGN KEY ("justification_id") REFERENCES "onboarding_justifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justification_documents" ADD CONSTRAINT "FK_fa074ed18bfda794218d3376fee" FOREIGN KEY ("stored_file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // The icontains filters (ILIKE '%…%') are served by trigram indexes, which the generator
    // cannot express; the entity declares them with synchronize: false.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(
      'CREATE INDEX "IDX_onboarding_verifications_legal_name_trgm" ON "onboarding_verifications" USING gin ("legal_name" gin_trgm_ops)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_onboarding_verifications_legal_person_identifier_trgm" ON "onboarding_verifications" USING gin ("legal_person_identifier" gin_trgm_ops)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm stays installed: other schemas may rely on it.
    await queryRunner.query(
      'DROP INDEX "public"."IDX_onboarding_verifications_legal_person_identifier_trgm"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_onboarding_verifications_legal_name_trgm"');
    await queryRunner.query(
      'ALTER TABLE "onboarding_justification_documents" DROP CONSTRAINT "FK_fa074ed18bfda794218d3376fee"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justification_documents" DROP CONSTRAINT "FK_94c225b87d936f56a742e56f96e"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justifications" DROP CONSTRAINT "FK_ed468bb30cb1d6b36b41ae86a0f"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justifications" DROP CONSTRAINT "FK_de4c760b66de47ab0ca19886297"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_justifications" DROP CONSTRAINT "FK_ae7f1bfb5796b7fb7ab9b3603ea"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" DROP CONSTRAINT "FK_979cab185113e1cc8d16719cbd6"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_fd97a65efb3dab9afb5b542ce7"');
    await queryRunner.query('DROP INDEX "public"."IDX_fa074ed18bfda794218d3376fe"');
    await queryRunner.query('DROP TABLE "onboarding_justification_documents"');
    await queryRunner.query('DROP INDEX "public"."IDX_e469290e09a1905269d4ad3575"');
    await queryRunner.query('DROP INDEX "public"."UQ_onboarding_justifications_one_pending"');
    await queryRunner.query('DROP INDEX "public"."IDX_b939c55f25782d6e5c37edce12"');
    await queryRunner.query('DROP INDEX "public"."IDX_ed468bb30cb1d6b36b41ae86a0"');
    await queryRunner.query('DROP INDEX "public"."IDX_de4c760b66de47ab0ca1988629"');
    await queryRunner.query('DROP INDEX "public"."IDX_ae7f1bfb5796b7fb7ab9b3603e"');
    await queryRunner.query('DROP TABLE "onboarding_justifications"');
    await queryRunner.query('DROP INDEX "public"."IDX_0550a1bdb7a57c2e6dcf85e52a"');
    await queryRunner.query('DROP INDEX "public"."IDX_e98c66e0b996c1a94370f582e3"');
    await queryRunner.query('DROP INDEX "public"."IDX_9436b34abea83cb7649c2b39c3"');
    await queryRunner.query('DROP INDEX "public"."IDX_da9289893141df261ac55e2e9d"');
    await queryRunner.query('DROP INDEX "public"."IDX_2c4de6cf42e65a56571c82f203"');
    await queryRunner.query('DROP INDEX "public"."IDX_979cab185113e1cc8d16719cbd"');
    await queryRunner.query('DROP TABLE "onboarding_verifications"');
  }
}
