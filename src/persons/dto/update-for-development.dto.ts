import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  IsDateOrDateTime,
  NoSurroundingWhitespace,
} from '../../common/validation/solaris-validators.js';

/** Sandbox-only AML test hook. Absent and null values leave the field as it is. */
export class UpdateForDevelopmentDto {
  /** The next date the customer must confirm their data. @example "2021-09-27T00:00:00.000Z" */
  @IsOptional()
  @IsDateOrDateTime()
  aml_follow_up_date?: string | null;

  /** The last date the customer confirmed their data. @example "2021-07-27T00:00:00.000Z" */
  @IsOptional()
  @IsDateOrDateTime()
  aml_confirmed_on?: string | null;

  /** @example "Berlin" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  birth_city?: string | null;
}
