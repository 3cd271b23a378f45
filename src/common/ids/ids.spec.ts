import { isSolarisId, newSolarisId, parseUuid, toHexUuid } from './ids.js';

describe('ids', () => {
  const hyphenated = '0b4f6c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b';

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

  it('makes Solaris ids of 32 hex characters and a suffix', () => {
    const id = newSolarisId('cper');
    expect(id).toMatch(/^[0-9a-f]{32}cper$/);
    expect(isSolarisId(id, 'cper')).toBe(true);
    expect(isSolarisId(id, 'cbiz')).toBe(false);
    expect(isSolarisId(newSolarisId(''), '')).toBe(true);
    expect(newSolarisId('pbxi')).not.toBe(newSolarisId('pbxi'));
  });
});
