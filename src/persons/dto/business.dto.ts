import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { AlwaysPresent, toApiFields } from '../../common/mapping/api-fields.js';
import type { Business } from '../entities/business.entity.js';
import { CreateBusinessDto } from './create-business.dto.js';
import { ComplianceFieldsDto } from './customer-fields.dto.js';

class BusinessRecordDto {
  @ApiProperty({ example: 'a9a25dc10aa74244bd0bb75d1ce6b3b5cbiz' })
  id: string;
}

/** The Solaris business resource: every field, null where unknown. */
export class BusinessDto extends AlwaysPresent(
  IntersectionType(BusinessRecordDto, CreateBusinessDto, ComplianceFieldsDto),
) {
  static from(business: Business): BusinessDto {
    return toApiFields(BusinessDto, business);
  }
}
