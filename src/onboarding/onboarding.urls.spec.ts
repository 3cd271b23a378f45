import { verificationIdOf } from './onboarding.urls.js';

describe('verificationIdOf', () => {
  const hex = '1f2e3d4c5b6a47980a1b2c3d4e5f6a7b';
  const hyphenated = '1f2e3d4c-5b6a-4798-0a1b-2c3d4e5f6a7b';

  it.each([
    [hex, hex],
    [hyphenated, hyphenated],
    [`http://localhost:3000/api/onboarding-verifications/${hex}/`, hex],
    [`https://compliance.example/api/onboarding-verifications/${hex}`, hex],
    [`/api/onboarding-verifications/${hyphenated}/`, hyphenated],
    [`  ${hex}  `, hex],
  ])('reads %j', (reference, id) => {
    expect(verificationIdOf(reference)).toBe(id);
  });

  it.each([
    '',
    'not-a-uuid',
    `${hex}0`,
    `http://localhost:3000/api/users/${hex}/`,
    `http://localhost:3000/api/onboarding-verifications/${hex}/approve/`,
    `http://localhost:3000/api/onboarding-verifications/../users/${hex}/`,
    `ftp://host/api/onboarding-verifications/${hex}/`,
  ])('refuses %j', (reference) => {
    expect(verificationIdOf(reference)).toBeUndefined();
  });
});
