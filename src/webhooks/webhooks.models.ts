import { solarisModel } from '../common/ids/ids.js';

/** The Solaris model of subscriptions: bare ids (no suffix), as Solaris shows them. */
export const WEBHOOK = solarisModel('Webhook', '', '2b5423a061514901a5a8791f2cb18266');
