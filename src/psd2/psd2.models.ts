import { solarisModel } from '../common/ids/ids.js';

/** The Solaris model of this feature: its id suffix, 404 name and documented id. */
export const PSD2_CHALLENGE = solarisModel(
  'Psd2Challenge',
  'psdc',
  '3f0c1e8b2a4d4c6e9b7a5d3c1e2f4a6bpsdc',
);
