import { solarisModel } from '../common/ids/ids.js';

/** The Solaris models of this feature: their id suffixes, 404 names and documented ids. */
export const PERSON = solarisModel('Person', 'cper', 'dc1a6812a14f6cc338cd084208535bcdcper');
export const BUSINESS = solarisModel('Business', 'cbiz', 'a9a25dc10aa74244bd0bb75d1ce6b3b5cbiz');
export const CUSTOMER_DOCUMENT = solarisModel(
  'CustomerDocument',
  'cdoc',
  '3f9a2c4d5e6f708192a3b4c5d6e7f809cdoc',
);
