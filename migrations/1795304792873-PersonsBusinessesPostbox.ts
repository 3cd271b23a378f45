import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonsBusinessesPostbox1795304792873 implements MigrationInterface {
  name = 'PersonsBusinessesPostbox1795304792873';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "businesses" ("id" character varying(40) NOT NULL, "partner_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(255) NOT NULL, "address" jsonb, "sector" character varying(50), "industry" character varying(50), "industry_key" character varying(50), "legal_form" character varying(50), "registration_type" character varying(50), "registration_number" character varying(100), "registration_issuer" character varying(255), "registration_date" date, "foundation_date" date, "tax_country" character(2), "vat_number" character varying(50), "website_social_media" character varying(500), "business_purpose" character varying(1000), "international_operativity_expectation" jsonb, "flagged_by_compliance" boolean NOT NULL DEFAULT false, "screening_progress" character varying(50) NOT NULL DEFAULT \'NOT_SCREENED\', "aml_follow_up_date" date, "aml_confirmed_on" date, "risk_classification_status" character varying(50) NOT NULL DEFAULT \'NOT_SCORED\', "customer_vetting_status" character varying(50) NOT NULL DEFAULT \'NOT_VETTED\', CONSTRAINT "PK_bc1bf63498dd2368ce3dc8686e8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_bc538bce803c11bd67e979c817" ON "businesses"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f24d132c0819fe63291c26de13" ON "businesses"  ("partner_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "persons" ("id" character varying(40) NOT NULL, "partner_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "salutation" character varying(20), "title" character varying(50), "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "address" jsonb, "contact_address" jsonb, "email" character varying(254), "mobile_number" character varying(32), "birth_name" character varying(100), "birth_date" date, "birth_city" character varying(100), "birth_country" character(2), "birth_province" character varying(100), "birth_post_code" character varying(20), "nationality" character(2), "employment_status" character varying(50), "job_title" character varying(255), "tax_information" jsonb, "fatca_relevant" boolean, "fatca_crs_confirmed_at" TIMESTAMP WITH TIME ZONE, "business_purpose" character varying(1000), "industry" character varying(50), "industry_key" character varying(50), "terms_conditions_signed_at" TIMESTAMP WITH TIME ZONE, "own_economic_interest_signed_at" TIMESTAMP WITH TIME ZONE, "expected_monthly_revenue_cents" integer, "vat_number" character varying(50), "website_social_media" character varying(500), "business_trading_name" character varying(255), "nace_code" character varying(20), "business_address_line_1" character varying(255), "business_address_line_2" character varying(255), "business_postal_code" character varying(20), "business_city" character varying(100), "business_country" character(2), "data_terms_signed_at" TIMESTAMP WITH TIME ZONE, "annual_income_range" character varying(50), "branch" character varying(50), "main_income_source" character varying(50), "purpose_of_account_opening" character varying(50), "socioprofessional_category" character varying(50), "work_country" character(2), "work_province" character varying(100), "self_declared_as_pep" boolean, "international_operativity_expectation" jsonb, "registration_number" character varying(100), "flagged_by_compliance" boolean NOT NULL DEFAULT false, "screening_progress" character varying(50) NOT NULL DEFAULT \'NOT_SCREENED\', "aml_follow_up_date" date, "aml_confirmed_on" date, "risk_classification_status" character varying(50) NOT NULL DEFAULT \'NOT_SCORED\', "customer_vetting_status" character varying(50) NOT NULL DEFAULT \'NOT_VETTED\', "legitimation_valid_until" date, CONSTRAINT "PK_74278d8812a049233ce41440ac7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7b913ad3f4a715322f3f7ad464" ON "persons"  ("created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3aa4dd694672173baf6d152c82" ON "persons"  ("partner_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "customer_documents" ("id" character varying(40) NOT NULL, "person_id" character varying(40), "business_id" character varying(40), "document_type" character varying(50) NOT NULL, "file_id" uuid NOT NULL, "file_name" character varying(200) NOT NULL, "file_size" integer NOT NULL, "content_type" character varying(100) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ccc82daa515b50e68a76f343417" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_50156353df98c3d63afa7dbafa" ON "customer_documents"  ("business_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_db60eddcdedcb0e705472e3cc3" ON "customer_documents"  ("person_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "postbox_documents" ("id" character varying(40) NOT NULL, "partner_id" uuid NOT NULL, "document_type" character varying(50) NOT NULL, "document_date" date NOT NULL, "signed" boolean NOT NULL DEFAULT false, "file_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_01c82fcdb40adc60c6464afd706" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "postbox_items" ("id" character varying(40) NOT NULL, "belongs_to" character varying(40) NOT NULL, "owner_type" character varying(10) NOT NULL, "partner_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "document_date" date NOT NULL, "document_type" character varying(50) NOT NULL, "name" character varying(255) NOT NULL, "description" character varying(1000), "customer_notification" boolean NOT NULL DEFAULT false, "customer_confirmation" boolean NOT NULL DEFAULT false, "document_id" character varying(40) NOT NULL, "file_id" uuid NOT NULL, "document_size" integer NOT NULL, "document_content_type" character varying(100) NOT NULL, "has_been_read" boolean NOT NULL DEFAULT false, "has_been_confirmed" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_41ad739e1521ef5fb5a50ea5caa" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "postbox_items_owner_list" ON "postbox_items"  ("belongs_to", "created_at", "id", "document_type") ',
    );
    await queryRunner.query(
      'CREATE TABLE "postbox_confirmations" ("id" character varying(40) NOT NULL, "item_id" character varying(40) NOT NULL, "person_id" character varying(40) NOT NULL, "confirmed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d6f13e8e2d0dc83cf0e6b8fa7e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_96686c66d9358af9313b490873" ON "postbox_confirmations"  ("person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5a4ec98af4a6f58b6d39d2b5ca" ON "postbox_confirmations"  ("item_id", "confirmed_at", "id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "businesses" ADD CONSTRAINT "FK_64b3aa49466f2658140cf206355" FOREIGN KEY ("partner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "persons" ADD CONSTRAINT "FK_eed947cc5c877cd7be3798b9a83" FOREIGN KEY ("partner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_documents" ADD CONSTRAINT "FK_49509c1a2f6da5712f8503fa5a4" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_documents" ADD CONSTRAINT "FK_0f2a44b9e156330be45d919cf4d" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_documents" ADD CONSTRAINT "FK_73cad53f8ce73177b8bbe5050f6" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_documents" ADD CONSTRAINT "FK_27ba8dc8105928d62e9b33ba94b" FOREIGN KEY ("partner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_documents" ADD CONSTRAINT "FK_7ba0347df9ee427011763e0a666" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_items" ADD CONSTRAINT "FK_3f7aac370094ae0d807f51f0b5e" FOREIGN KEY ("document_id") REFERENCES "postbox_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_items" ADD CONSTRAINT "FK_37f4ce69cbb42e4b5b12576ca0b" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_confirmations" ADD CONSTRAINT "FK_e6b15cec1bc50018640212454a2" FOREIGN KEY ("item_id") REFERENCES "postbox_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_confirmations" ADD CONSTRAINT "FK_96686c66d9358af9313b490873c" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "postbox_confirmations" DROP CONSTRAINT "FK_96686c66d9358af9313b490873c"',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_confirmations" DROP CONSTRAINT "FK_e6b15cec1bc50018640212454a2"',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_items" DROP CONSTRAINT "FK_37f4ce69cbb42e4b5b12576ca0b"',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_items" DROP CONSTRAINT "FK_3f7aac370094ae0d807f51f0b5e"',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_documents" DROP CONSTRAINT "FK_7ba0347df9ee427011763e0a666"',
    );
    await queryRunner.query(
      'ALTER TABLE "postbox_documents" DROP CONSTRAINT "FK_27ba8dc8105928d62e9b33ba94b"',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_documents" DROP CONSTRAINT "FK_73cad53f8ce73177b8bbe5050f6"',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_documents" DROP CONSTRAINT "FK_0f2a44b9e156330be45d919cf4d"',
    );
    await queryRunner.query(
      'ALTER TABLE "customer_documents" DROP CONSTRAINT "FK_49509c1a2f6da5712f8503fa5a4"',
    );
    await queryRunner.query(
      'ALTER TABLE "persons" DROP CONSTRAINT "FK_eed947cc5c877cd7be3798b9a83"',
    );
    await queryRunner.query(
      'ALTER TABLE "businesses" DROP CONSTRAINT "FK_64b3aa49466f2658140cf206355"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_5a4ec98af4a6f58b6d39d2b5ca"');
    await queryRunner.query('DROP INDEX "public"."IDX_96686c66d9358af9313b490873"');
    await queryRunner.query('DROP TABLE "postbox_confirmations"');
    await queryRunner.query('DROP INDEX "public"."postbox_items_owner_list"');
    await queryRunner.query('DROP TABLE "postbox_items"');
    await queryRunner.query('DROP TABLE "postbox_documents"');
    await queryRunner.query('DROP INDEX "public"."IDX_db60eddcdedcb0e705472e3cc3"');
    await queryRunner.query('DROP INDEX "public"."IDX_50156353df98c3d63afa7dbafa"');
    await queryRunner.query('DROP TABLE "customer_documents"');
    await queryRunner.query('DROP INDEX "public"."IDX_3aa4dd694672173baf6d152c82"');
    await queryRunner.query('DROP INDEX "public"."IDX_7b913ad3f4a715322f3f7ad464"');
    await queryRunner.query('DROP TABLE "persons"');
    await queryRunner.query('DROP INDEX "public"."IDX_f24d132c0819fe63291c26de13"');
    await queryRunner.query('DROP INDEX "public"."IDX_bc538bce803c11bd67e979c817"');
    await queryRunner.query('DROP TABLE "businesses"');
  }
}
