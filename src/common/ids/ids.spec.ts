import { isSolarisId, newSolarisId, parseUuid, solarisModel, toHexUuid } from './ids.js';

describe('ids', () => {
  const hyphenated = '0b4f6c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b';
  const Widget = solarisModel('Widget', 'wdgt', `${'ab'.repeat(16)}wdgt`);
  const Gadget = solarisModel('Gadget', 'gdgt', `${'cd'.repeat(16)}gdgt`);

  it('shows uuids as 32 lowercase hex characters', () => {
    expect(toHexUuid(hyphenated.toUpperCase())).toBe('0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b');
  });

  it('parses hex and hyphenated uuids to the stored form', () => {
    expect(parseUuid('0B4F6C1E2A3D4E5F8A9B0C1D2E3F4A5B')).toBe(hyphenated);
    expect(parseUuid(hyphenated)).toBe(hyphenated);
  });

  it.each([
    '',
    'not-a-uuid',
    '0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5',
    '0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5bz',
    "x' OR 1=1",
  ])('rejects %p', (value) => expect(parseUuid(value)).toBeUndefined());

  it('makes Solaris ids of 32 hex characters and the model suffix', () => {
    const id = newSolarisId(Widget);
    expect(id).toMatch(/^[0-9a-f]{32}wdgt$/);
    expect(isSolarisId(id, Widget)).toBe(true);
    expect(isSolarisId(id, Gadget)).toBe(false);
    expect(isSolarisId(id.toUpperCase(), Widget)).toBe(false);
    expect(newSolarisId(Widget)).not.toBe(newSolarisId(Widget));
  });

  it('refuses a suffix taken by another model, a malformed suffix and a wrong example', () => {
    expect(() => solarisModel('Other', 'wdgt', `${'ab'.repeat(16)}wdgt`)).toThrow(
      "Solaris id suffix 'wdgt' is taken by Widget",
    );
    expect(() => solarisModel('Bad', 'BAD', `${'ab'.repeat(16)}BAD`)).toThrow('invalid');
    expect(() => solarisModel('Thing', 'thng', 'nope')).toThrow("'nope' is not an id of Thing");
    expect(solarisModel('Widget', 'wdgt', Widget.example)).toEqual(Widget);
  });

  it('makes bare ids of 32 hex characters for a model without a suffix', () => {
    const Bare = solarisModel('Bare', '', 'ef'.repeat(16));
    const id = newSolarisId(Bare);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(isSolarisId(id, Bare)).toBe(true);
    expect(isSolarisId(`${id}wdgt`, Bare)).toBe(false);
    expect(isSolarisId(newSolarisId(Widget), Bare)).toBe(false);
  });
});
