import { solarisModel } from '../common/ids/ids.js';

/** The Solaris models of the Postbox: their id suffixes, 404 names and documented ids. */
export const POSTBOX_DOCUMENT = solarisModel(
  'PostboxDocument',
  'pbxd',
  '3f6c2b1a0e9d4c8b7a6f5e4d3c2b1a0fpbxd',
);
export const POSTBOX_ITEM = solarisModel(
  'PostboxItem',
  'pbxi',
  'c072c6e43f4d486cb553e9cd9fc1bae7pbxi',
);
export const POSTBOX_CONFIRMATION = solarisModel(
  'PostboxConfirmation',
  'pbxc',
  'c072c6e43f4d486cb553e9cd9fc1bae7pbxc',
);
