import { RequestValidationError } from '../common/errors/api-error.js';
import { mergeMetadata } from './multipart-metadata.interceptor.js';

/** multer's body: an object without prototype holding the parts as strings. */
const form = (fields: Record<string, string>) =>
  Object.assign(Object.create(null) as Record<string, string>, fields);

const failure = (body: unknown) => {
  try {
    mergeMetadata(body);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).fieldErrors;
  }
  throw new Error('expected a validation error');
};

describe('mergeMetadata', () => {
  it('leaves a body without metadata as it is', () => {
    const body = form({ name: 'A', customer_notification: 'true' });
    expect(mergeMetadata(body)).toBe(body);
    expect(mergeMetadata(undefined)).toBeUndefined();
  });

  it('flattens the metadata members into the parts, keeping JSON types and dropping nulls', () => {
    const merged = mergeMetadata(
      form({
        idempotency_key: 'k-1',
        metadata: JSON.stringify({
          document_name: 'a.pdf',
          customer_notification: true,
          description: null,
        }),
      }),
    );
    expect(merged).toEqual({
      idempotency_key: 'k-1',
      document_name: 'a.pdf',
      customer_notification: true,
    });
  });

  it('accepts a detail given twice with the same value, and rejects different ones', () => {
    expect(
      mergeMetadata(
        form({ customer_notification: 'true', metadata: '{"customer_notification":true}' }),
      ),
    ).toEqual({ customer_notification: true });
    expect(failure(form({ name: 'A', metadata: '{"name":"B"}' }))).toEqual([
      {
        field: 'name',
        message: 'is given both in metadata and as a separate part, with different values',
      },
    ]);
  });

  it('keeps a "__proto__" member an ordinary key', () => {
    const merged = mergeMetadata(form({ metadata: '{"__proto__":"x","name":"A"}' })) as object;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__', 'name']);
  });

  it.each([
    ['{', 'must be valid JSON'],
    ['[]', 'must be a JSON object'],
    ['1', 'must be a JSON object'],
  ])('rejects metadata %j', (metadata, message) => {
    expect(failure(form({ metadata }))).toEqual([{ field: 'metadata', message }]);
  });

  it('rejects metadata that is not one text part, and nested member values', () => {
    expect(failure({ metadata: ['{}', '{}'] })).toEqual([
      { field: 'metadata', message: 'must be a JSON object' },
    ]);
    expect(failure(form({ metadata: '{"name":[[["deep"]]]}' }))).toEqual([
      { field: 'name', message: 'must be a string, number or boolean' },
    ]);
  });
});
