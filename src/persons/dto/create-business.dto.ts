import { DateField, NestedField, SolarisText } from '../../common/validation/fields.js';
import { AddressDto, CodeField, CountryField } from './customer-fields.dto.js';

/** `POST /v1/businesses`: `name` is required; compliance-owned fields are not accepted. */
export class CreateBusinessDto {
  @SolarisText({ example: 'Mustermann Consulting GmbH', maxLength: 255 })
  name: string;

  @NestedField(() => AddressDto, { optional: true })
  address?: AddressDto;

  @CodeField({ example: 'OTHER_COMPANIES', optional: true })
  sector?: string;

  @CodeField({ example: 'OTHER_SERVICES', optional: true })
  industry?: string;

  @CodeField({ example: 'EDUCATION', optional: true })
  industry_key?: string;

  @CodeField({ example: 'GMBH', optional: true })
  legal_form?: string;

  @CodeField({ example: 'HRB', optional: true })
  registration_type?: string;

  @SolarisText({ example: 'HRB 12345', maxLength: 100, optional: true })
  registration_number?: string;

  @SolarisText({ example: 'Amtsgericht Berlin-Charlottenburg', maxLength: 255, optional: true })
  registration_issuer?: string;

  @DateField({ example: '2015-03-01', optional: true })
  registration_date?: string;

  @DateField({ example: '2015-01-15', optional: true })
  foundation_date?: string;

  @CountryField({ example: 'DE', optional: true })
  tax_country?: string;

  @SolarisText({ example: 'DE123456789', maxLength: 50, optional: true })
  vat_number?: string;

  @SolarisText({ example: 'https://example.com', maxLength: 500, optional: true })
  website_social_media?: string;

  @SolarisText({ example: 'IT consulting', maxLength: 1000, optional: true })
  business_purpose?: string;

  @CountryField({ example: ['DE', 'AT'], maxItems: 250, optional: true })
  international_operativity_expectation?: string[];
}
