import { solarisModel } from '../common/ids/ids.js';

/** The Solaris model of this feature: its id suffix, name and documented id (the seed's). */
export const TERMS_DOCUMENT = solarisModel(
  'TermsAndConditionsDocument',
  'tcdc',
  '3f31dd950cb6e2b28ac4b31d1b4bb321tcdc',
);
