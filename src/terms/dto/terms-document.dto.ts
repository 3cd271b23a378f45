import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import type { TermsDocument } from '../entities/terms-document.entity.js';
import { TERMS_PRODUCTS, type TermsProduct } from '../terms.constants.js';

/** `POST /v1/terms_and_conditions_documents` (staff). */
export class CreateTermsDocumentDto {
  /** @example "Customer T&C on Data Processing" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  name: string;

  @ApiProperty({ enum: TERMS_PRODUCTS, example: 'DIGITAL_BANKING' })
  @IsIn(TERMS_PRODUCTS)
  product_name: TermsProduct;

  /** @example "2020-02" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  @NoSurroundingWhitespace()
  version?: string | null;
}

export class TermsDocumentDto {
  /** @example "3f31dd950cb6e2b28ac4b31d1b4bb321tcdc" */
  id: string;
  /** @example "Customer T&C on Data Processing" */
  name: string;

  @ApiProperty({ enum: TERMS_PRODUCTS, example: 'DIGITAL_BANKING' })
  product_name: TermsProduct;

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
