import { validateSync } from 'class-validator';
import {
  IsDateOnly,
  isDateOnly,
  NoSurroundingWhitespace,
  parseTimestamp,
  toDateOnly,
} from './solaris-validators.js';

class Probe {
  @NoSurroundingWhitespace() name?: unknown;
  @IsDateOnly() date?: unknown = '2024-02-29';
}

const errorsOf = (values: Partial<Probe>) =>
  validateSync(Object.assign(new Probe(), values)).map((e) => [e.property, e.constraints]);

describe('NoSurroundingWhitespace', () => {
  it.each(['Peter', 'Peter Mustermann', '', 'a\tb'])('accepts %j', (name) => {
    expect(errorsOf({ name })).toEqual([]);
  });

  it.each([' Peter', 'Peter ', '\tPeter', 'Peter\n', ' ', '\u00a0Peter'])('rejects %j', (name) => {
    expect(errorsOf({ name })).toEqual([
      ['name', { noSurroundingWhitespace: 'must not start or end with whitespace' }],
    ]);
  });

  it('leaves non-strings to the type validators', () => {
    expect(errorsOf({ name: 42 })).toEqual([]);
  });
});

describe('IsDateOnly', () => {
  it.each(['2024-02-29', '2026-12-31', '1900-01-01'])('accepts %j', (date) => {
    expect(isDateOnly(date)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-1-01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '20260101',
    '',
    20260101,
    null,
  ])('rejects %j', (date) => {
    expect(isDateOnly(date)).toBe(false);
  });

  it('names the format in its message', () => {
    expect(errorsOf({ date: '2026-02-30' })).toEqual([
      ['date', { isDateOnly: 'must be a valid date in the format YYYY-MM-DD' }],
    ]);
  });
});

describe('toDateOnly', () => {
  it.each([
    ['2021-09-27', '2021-09-27'],
    ['2021-09-27T00:00:00.000Z', '2021-09-27'],
    ['2021-09-27T23:30:00-02:00', '2021-09-28'],
    ['2021-09-27T10:00Z', '2021-09-27'],
  ])('%j → %j', (input, expected) => {
    expect(toDateOnly(input)).toBe(expected);
  });

  it.each(['2021-02-30T00:00:00Z', '2021-09-27T24:00:00Z', '2021-09-27 00:00:00Z', 'yesterday', 7])(
    'rejects %j',
    (input) => {
      expect(toDateOnly(input)).toBeUndefined();
    },
  );
});

describe('parseTimestamp', () => {
  it('reads a date-time with its zone', () => {
    expect(parseTimestamp('2026-01-01T10:00:00.250+01:00')).toEqual({
      instant: new Date('2026-01-01T09:00:00.250Z'),
      dateOnly: false,
    });
  });

  it('reads a date as the start of that UTC day', () => {
    expect(parseTimestamp('2026-01-01')).toEqual({
      instant: new Date('2026-01-01T00:00:00Z'),
      dateOnly: true,
    });
  });

  it.each(['2026-01-01T10:00:00', '2026-13-01T00:00:00Z', 'now', ''])('rejects %j', (input) => {
    expect(parseTimestamp(input)).toBeUndefined();
  });
});
