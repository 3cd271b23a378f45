import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { AlwaysPresent, toApiFields } from '../../common/mapping/api-fields.js';
import type { Person } from '../entities/person.entity.js';
import { CreatePersonDto } from './create-person.dto.js';
import { ComplianceFieldsDto } from './customer-fields.dto.js';

/** What the service sets on a person: the id, and the legitimation of its identification. */
class PersonRecordDto {
  @ApiProperty({ example: 'dc1a6812a14f6cc338cd084208535bcdcper' })
  id: string;
  @ApiProperty({ example: '2025-12-31', nullable: true })
  legitimation_valid_until: string | null;
}

/** The Solaris person resource: every field, null where unknown. */
export class PersonDto extends AlwaysPresent(
  IntersectionType(PersonRecordDto, CreatePersonDto, ComplianceFieldsDto),
) {
  static from(person: Person): PersonDto {
    return toApiFields(PersonDto, person);
  }
}
