import { jsonDepth, MAX_JSON_DEPTH, rejectDeepJson } from './json-depth.js';

const depthOf = (text: string) => jsonDepth(Buffer.from(text));

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['[{"a":[1,{"b":{}}]}]', 5],
    ['{"a":"[[[[{{{{"}', 1],
    ['{"a":"\\"[[[["}', 1],
    ['{"a":"\\\\"}', 1],
    ['[[[]],[[[]]]]', 4],
  ])('%s nests %i deep', (text, depth) => {
    expect(depthOf(text)).toBe(depth);
  });

  it('lets MAX_JSON_DEPTH levels through and rejects one more as a 400 body-parser error', () => {
    const nested = (levels: number) => Buffer.from('['.repeat(levels) + ']'.repeat(levels));
    expect(() => rejectDeepJson({} as never, {}, nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => rejectDeepJson({} as never, {}, nested(MAX_JSON_DEPTH + 1))).toThrow(
      expect.objectContaining({ status: 400, type: 'entity.too.deep' }),
    );
  });
});
