import { NULL_CHARACTER, UNPAIRED_SURROGATE, unstorableText } from './request-text.js';

describe('unstorableText', () => {
  it('accepts ordinary text, surrogate pairs and non-strings', () => {
    expect(unstorableText({ a: 'Erika 💶', b: [1, true, null, { c: 'ü' }] })).toEqual([]);
    expect(unstorableText(undefined)).toEqual([]);
  });

  it('names each field holding a NUL or an unpaired surrogate', () => {
    expect(
      unstorableText({
        name: 'a\u0000b',
        address: { city: 'x\ud800' },
        tags: ['ok', '\udc00'],
      }),
    ).toEqual([
      { field: 'name', message: NULL_CHARACTER },
      { field: 'address.city', message: UNPAIRED_SURROGATE },
      { field: 'tags.1', message: UNPAIRED_SURROGATE },
    ]);
  });

  it('checks keys and bare strings too', () => {
    expect(unstorableText({ data: { 'k\u0000': 1 } })).toEqual([
      { field: 'data', message: NULL_CHARACTER },
    ]);
    expect(unstorableText('\ud800')).toEqual([
      { field: 'non_field_errors', message: UNPAIRED_SURROGATE },
    ]);
  });
});
