import { DateOrDateTimeField, SolarisText } from '../../common/validation/fields.js';

/** Sandbox-only AML test hook. Absent and null values leave the field as it is. */
export class UpdateForDevelopmentDto {
  @DateOrDateTimeField({
    example: '2021-09-27T00:00:00.000Z',
    description: 'The next date the customer must confirm their data.',
    optional: true,
    nullable: true,
  })
  aml_follow_up_date?: string | null;

  @DateOrDateTimeField({
    example: '2021-07-27T00:00:00.000Z',
    description: 'The last date the customer confirmed their data.',
    optional: true,
    nullable: true,
  })
  aml_confirmed_on?: string | null;

  @SolarisText({
    example: 'Berlin',
    maxLength: 100,
    optional: true,
    nullable: true,
    notEmpty: true,
  })
  birth_city?: string | null;
}
