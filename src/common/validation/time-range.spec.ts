import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ValidationFailedError } from '../errors/api-error.js';
import { TimeRange, timeBoundsOf } from './time-range.js';

const errorsOf = (value: object) =>
  validateSync(plainToInstance(TimeRange, value)).map((error) => [
    error.property,
    Object.values(error.constraints ?? {}),
  ]);

describe('TimeRange', () => {
  it('takes date-times with a zone and dates as either bound', () => {
    expect(errorsOf({ min: '2026-01-01T10:00:00+01:00', max: '2026-01-31' })).toEqual([]);
    expect(errorsOf({})).toEqual([]);
  });

  it('refuses anything else as a bound', () => {
    expect(errorsOf({ min: 'yesterday', max: '2026-02-30' })).toEqual([
      ['min', ['must be an ISO 8601 date-time with a time zone, or a date YYYY-MM-DD']],
      ['max', ['must be an ISO 8601 date-time with a time zone, or a date YYYY-MM-DD']],
    ]);
  });
});

describe('timeBoundsOf', () => {
  it('keeps both bounds inclusive; a date as max covers that whole UTC day', () => {
    expect(timeBoundsOf({ min: '2026-01-02', max: '2026-01-03' }, 'filter.x')).toEqual({
      from: new Date('2026-01-02T00:00:00Z'),
      through: undefined,
      before: new Date('2026-01-04T00:00:00Z'),
    });
    expect(timeBoundsOf({ max: '2026-01-03T12:00:00Z' }, 'filter.x')).toEqual({
      from: undefined,
      through: new Date('2026-01-03T12:00:00Z'),
      before: undefined,
    });
    expect(timeBoundsOf(undefined, 'filter.x')).toEqual({});
  });

  it('accepts min within the day a date max names, refuses min after max on the field', () => {
    expect(() =>
      timeBoundsOf({ min: '2026-01-03T23:59:59Z', max: '2026-01-03' }, 'f'),
    ).not.toThrow();
    let error: unknown;
    try {
      timeBoundsOf({ min: '2026-01-04', max: '2026-01-03T23:59:59Z' }, 'filter.created_at');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).fieldErrors).toEqual([
      { field: 'filter.created_at', message: 'min must not be after max' },
    ]);
  });
});
