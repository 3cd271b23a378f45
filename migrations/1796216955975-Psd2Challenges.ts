import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Psd2Challenges1796216955975 implements MigrationInterface {
  name = 'Psd2Challenges1796216955975';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "psd2_challenges" ("id" character varying(40) NOT NULL, "partner_id" uuid, "person_id" character varying(40), "status" character varying(20) NOT NULL, "redirect_url" character varying(2048), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_52a86ad12b9e9c949d1d76b6db2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_aaccd88b5ab3324a8d17c6667c" ON "psd2_challenges"  ("partner_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_bad0591a5b099d90325b5afd33" ON "psd2_challenges"  ("person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5a6ad4a6e0db49c701241a1f7a" ON "psd2_challenges"  ("expires_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "psd2_challenges" ADD CONSTRAINT "FK_aaccd88b5ab3324a8d17c6667c9" FOREIGN KEY ("partner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "psd2_challenges" ADD CONSTRAINT "FK_bad0591a5b099d90325b5afd334" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "psd2_challenges" DROP CONSTRAINT "FK_bad0591a5b099d90325b5afd334"',
    );
    await queryRunner.query(
      'ALTER TABLE "psd2_challenges" DROP CONSTRAINT "FK_aaccd88b5ab3324a8d17c6667c9"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_5a6ad4a6e0db49c701241a1f7a"');
    await queryRunner.query('DROP INDEX "public"."IDX_bad0591a5b099d90325b5afd33"');
    await queryRunner.query('DROP INDEX "public"."IDX_aaccd88b5ab3324a8d17c6667c"');
    await queryRunner.query('DROP TABLE "psd2_challenges"');
  }
}
