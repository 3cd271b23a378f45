import { ApiProperty } from '@nestjs/swagger';
import { AlwaysPresent, apiFields, camelCase, fromApiFields, toApiFields } from './api-fields.js';

class RequestDto {
  @ApiProperty({ example: 'Peter' })
  first_name: string;
  @ApiProperty({ example: 'Street 1', required: false })
  business_address_line_1?: string;
}

class ResponseDto extends AlwaysPresent(RequestDto) {}

describe('api fields', () => {
  it('turns snake_case into camelCase, digits included', () => {
    expect(camelCase('first_name')).toBe('firstName');
    expect(camelCase('business_address_line_1')).toBe('businessAddressLine1');
    expect(camelCase('id')).toBe('id');
  });

  it('reads only documented fields of a request, null for the absent ones', () => {
    const dto = Object.assign(new RequestDto(), { first_name: 'Erika', screening: 'X' });
    expect(fromApiFields(dto)).toEqual({ firstName: 'Erika', businessAddressLine1: null });
  });

  it('answers exactly the documented fields of a response, null where unset', () => {
    const entity = { firstName: 'Erika', partnerId: 'secret' };
    expect(toApiFields(ResponseDto, entity)).toEqual({
      first_name: 'Erika',
      business_address_line_1: null,
    });
    expect(apiFields(ResponseDto)).toEqual(['first_name', 'business_address_line_1']);
  });

  it('documents every response field as present, an optional request field as nullable', () => {
    const options = (field: string) =>
      Reflect.getMetadata('swagger/apiModelProperties', ResponseDto.prototype, field) as {
        required?: boolean;
        nullable?: boolean;
      };
    expect(options('first_name')).toMatchObject({ required: true });
    expect(options('first_name').nullable).toBeUndefined();
    expect(options('business_address_line_1')).toMatchObject({ required: true, nullable: true });
  });
});
