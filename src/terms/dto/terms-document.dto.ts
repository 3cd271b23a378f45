import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { EnumField, SolarisText } from '../../common/validation/fields.js';
import type { TermsDocument } from '../entities/terms-document.entity.js';
import { TERMS_PRODUCTS, type TermsProduct } from '../terms.constants.js';
import { TERMS_DOCUMENT } from '../terms.models.js';

/** `POST /v1/terms_and_conditions_documents` (staff). */
export class CreateTermsDocumentDto {
  @SolarisText({ example: 'Customer T&C on Data Processing', maxLength: 255 })
  name: string;

  @EnumField(TERMS_PRODUCTS, { example: 'DIGITAL_BANKING' })
  product_name: TermsProduct;

  @SolarisText({ example: '2020-02', maxLength: 50, notEmpty: true, optional: true })
  version?: string | null;
}

export class TermsDocumentDto extends PickType(CreateTermsDocumentDto, ['name', 'product_name']) {
  @ApiProperty({ example: TERMS_DOCUMENT.example })
  id: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: '2020-02' })
  version: string | null;

  /** @example "2020-02-01T09:00:00.000Z" */
  created_at: Date;

  static from(document: TermsDocument): TermsDocumentDto {
    return {
      id: document.id,
      name: document.name,
      product_name: document.productName,
      version: document.version,
      created_at: document.createdAt,
    };
  }
}
