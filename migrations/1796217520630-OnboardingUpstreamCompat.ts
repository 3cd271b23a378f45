import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OnboardingUpstreamCompat1796217520630 implements MigrationInterface {
  name = 'OnboardingUpstreamCompat1796217520630';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "onboarding_customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(150) NOT NULL, "registration_code" character varying(160) NOT NULL DEFAULT \'\', "country" character varying(2) NOT NULL DEFAULT \'\', "vat_code" character varying(20) NOT NULL DEFAULT \'\', "address" character varying(300) NOT NULL DEFAULT \'\', "postal" character varying(20) NOT NULL DEFAULT \'\', "email" character varying(75) NOT NULL DEFAULT \'\', "owner_id" uuid, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_102203a7f6b93a01533691dff60" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_67bcff143b788c114bfb2a8ec1" ON "onboarding_customers"  ("owner_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_onboarding_customers_registration" ON "onboarding_customers"  ("registration_code", "country") WHERE "registration_code" <> \'\'',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_bc09a1245f14a80a08e6a1ce43" ON "onboarding_customers"  ("created", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "onboarding_checklist_completions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "verification_id" uuid NOT NULL, "checklist_type" character varying(20) NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a81b54be17b83f73fbba02ab134" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_245989f52ab7eaff024fd72a14" ON "onboarding_checklist_completions"  ("verification_id", "checklist_type") ',
    );
    await queryRunner.query(
      'CREATE TABLE "onboarding_checklist_answers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "completion_id" uuid NOT NULL, "question_id" uuid NOT NULL, "user_id" uuid NOT NULL, "answer_data" jsonb NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modified" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dd2f0f87b904361cc8d69270910" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ed473af002c16fd84e6b0bdf93" ON "onboarding_checklist_answers"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_9def7bb785196a5890510a7253" ON "onboarding_checklist_answers"  ("completion_id", "question_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ADD "verified_user_roles" jsonb NOT NULL DEFAULT \'[]\'',
    );
    await queryRunner.query('ALTER TABLE "onboarding_verifications" ADD "customer_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ALTER COLUMN "country" SET DEFAULT \'\'',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ALTER COLUMN "legal_person_identifier" SET DEFAULT \'\'',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ALTER COLUMN "legal_name" SET DEFAULT \'\'',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e0193a0fb033f250910ecbaede" ON "onboarding_verifications"  ("validation_method") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5231a8f801ee30137dfa253564" ON "onboarding_verifications"  ("customer_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_customers" ADD CONSTRAINT "FK_67bcff143b788c114bfb2a8ec13" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ADD CONSTRAINT "FK_5231a8f801ee30137dfa2535645" FOREIGN KEY ("customer_id") REFERENCES "onboarding_customers"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_checklist_completions" ADD CONSTRAINT "FK_efa021c03b4451f9ef07e69c198" FOREIGN KEY ("verification_id") REFERENCES "onboarding_verifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_checklist_answers" ADD CONSTRAINT "FK_d29e893770223edf9792e7d4ca3" FOREIGN KEY ("completion_id") REFERENCES "onboarding_checklist_completions"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_checklist_answers" ADD CONSTRAINT "FK_ed473af002c16fd84e6b0bdf93c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "onboarding_checklist_answers" DROP CONSTRAINT "FK_ed473af002c16fd84e6b0bdf93c"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_checklist_answers" DROP CONSTRAINT "FK_d29e893770223edf9792e7d4ca3"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_checklist_completions" DROP CONSTRAINT "FK_efa021c03b4451f9ef07e69c198"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" DROP CONSTRAINT "FK_5231a8f801ee30137dfa2535645"',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_customers" DROP CONSTRAINT "FK_67bcff143b788c114bfb2a8ec13"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_5231a8f801ee30137dfa253564"');
    await queryRunner.query('DROP INDEX "public"."IDX_e0193a0fb033f250910ecbaede"');
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ALTER COLUMN "legal_name" DROP DEFAULT',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ALTER COLUMN "legal_person_identifier" DROP DEFAULT',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" ALTER COLUMN "country" DROP DEFAULT',
    );
    await queryRunner.query('ALTER TABLE "onboarding_verifications" DROP COLUMN "customer_id"');
    await queryRunner.query(
      'ALTER TABLE "onboarding_verifications" DROP COLUMN "verified_user_roles"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_9def7bb785196a5890510a7253"');
    await queryRunner.query('DROP INDEX "public"."IDX_ed473af002c16fd84e6b0bdf93"');
    await queryRunner.query('DROP TABLE "onboarding_checklist_answers"');
    await queryRunner.query('DROP INDEX "public"."IDX_245989f52ab7eaff024fd72a14"');
    await queryRunner.query('DROP TABLE "onboarding_checklist_completions"');
    await queryRunner.query('DROP INDEX "public"."IDX_bc09a1245f14a80a08e6a1ce43"');
    await queryRunner.query('DROP INDEX "public"."UQ_onboarding_customers_registration"');
    await queryRunner.query('DROP INDEX "public"."IDX_67bcff143b788c114bfb2a8ec1"');
    await queryRunner.query('DROP TABLE "onboarding_customers"');
  }
}
