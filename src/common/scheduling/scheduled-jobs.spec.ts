import { slotOf } from './scheduled-jobs.js';

describe('slotOf', () => {
  const hour = 3_600_000;

  it('aligns a time to the start of its slot', () => {
    expect(slotOf(new Date('2026-11-21T10:59:59.999Z'), hour)).toEqual(
      new Date('2026-11-21T10:00:00Z'),
    );
    expect(slotOf(new Date('2026-11-21T11:00:00.000Z'), hour)).toEqual(
      new Date('2026-11-21T11:00:00Z'),
    );
  });

  it('gives every replica the same slot for the same tick', () => {
    const a = slotOf(new Date('2026-11-21T11:00:00.120Z'), hour);
    const b = slotOf(new Date('2026-11-21T11:00:02.900Z'), hour);
    expect(a).toEqual(b);
  });
});
