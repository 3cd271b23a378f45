import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuestionSets1796217032454 implements MigrationInterface {
  name = 'QuestionSets1796217032454';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "questions" ("id" character varying(40) NOT NULL, "question_set_id" character varying(40) NOT NULL, "position" integer NOT NULL, "question" character varying(2000) NOT NULL, "answer_type" character varying(20) NOT NULL, "allowed_document_types" jsonb NOT NULL DEFAULT \'[]\', "deadline" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "answered_at" TIMESTAMP(3) WITH TIME ZONE, "answered_by_id" uuid, "answer_response" text, "answer_partner_notes" text, "answer_attachments" jsonb, "answer_ready_for_review" boolean NOT NULL DEFAULT false, CONSTRAINT "CHK_questions_answer_type" CHECK (answer_type IN (\'TEXT_ONLY\', \'TEXT_AND_FILES\')), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_4e772ceabb13386e4b071272de" ON "questions"  ("question_set_id", "position") ',
    );
    await queryRunner.query(
      'CREATE TABLE "question_sets" ("id" character varying(40) NOT NULL, "person_id" character varying(40), "business_id" character varying(40), "partner_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "context_id" character varying(64), "description" character varying(1000), "deadline" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" character varying(20) NOT NULL DEFAULT \'OPEN\', "recipient_id" character varying(64), "recipient_type" character varying(10) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_question_sets_recipient_type" CHECK (recipient_type IN (\'CUSTOMER\', \'PARTNER\')), CONSTRAINT "CHK_question_sets_status" CHECK (status IN (\'OPEN\', \'READY_FOR_REVIEW\')), CONSTRAINT "CHK_question_sets_one_entity" CHECK (num_nonnulls(person_id, business_id) = 1), CONSTRAINT "PK_12966187dea2ccd7eb45d79cd15" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4fb6d9b5ad411a2e4b8acb1804" ON "question_sets"  ("partner_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5a976e3d16e79cc566d3ea6ec4" ON "question_sets"  ("business_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_589a89d7c9a2ce58abf8d02cb4" ON "question_sets"  ("person_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "questions" ADD CONSTRAINT "FK_7e9e553d7020c67b31394549c27" FOREIGN KEY ("question_set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "questions" ADD CONSTRAINT "FK_b922ee20ff2c1fc7fbdc4201640" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "question_sets" ADD CONSTRAINT "FK_f580dbc9c1ae1c6eff9f7fa01ce" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "question_sets" ADD CONSTRAINT "FK_f669f9579becc6a5241ac6ef34b" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "question_sets" ADD CONSTRAINT "FK_99c5c298ce23429bf8fe9bacc28" FOREIGN KEY ("partner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "question_sets" ADD CONSTRAINT "FK_545eea436bb89bdf4467aade0c5" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "question_sets" DROP CONSTRAINT "FK_545eea436bb89bdf4467aade0c5"',
    );
    await queryRunner.query(
      'ALTER TABLE "question_sets" DROP CONSTRAINT "FK_99c5c298ce23429bf8fe9bacc28"',
    );
    await queryRunner.query(
      'ALTER TABLE "question_sets" DROP CONSTRAINT "FK_f669f9579becc6a5241ac6ef34b"',
    );
    await queryRunner.query(
      'ALTER TABLE "question_sets" DROP CONSTRAINT "FK_f580dbc9c1ae1c6eff9f7fa01ce"',
    );
    await queryRunner.query(
      'ALTER TABLE "questions" DROP CONSTRAINT "FK_b922ee20ff2c1fc7fbdc4201640"',
    );
    await queryRunner.query(
      'ALTER TABLE "questions" DROP CONSTRAINT "FK_7e9e553d7020c67b31394549c27"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_589a89d7c9a2ce58abf8d02cb4"');
    await queryRunner.query('DROP INDEX "public"."IDX_5a976e3d16e79cc566d3ea6ec4"');
    await queryRunner.query('DROP INDEX "public"."IDX_4fb6d9b5ad411a2e4b8acb1804"');
    await queryRunner.query('DROP TABLE "question_sets"');
    await queryRunner.query('DROP INDEX "public"."IDX_4e772ceabb13386e4b071272de"');
    await queryRunner.query('DROP TABLE "questions"');
  }
}
