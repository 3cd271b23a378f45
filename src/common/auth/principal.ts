/** The authenticated caller, attached to the request by the AuthGuard. */
export interface Principal {
  id: string;
  username: string;
  isStaff: boolean;
  isSupport: boolean;
}

/** Staff may do everything and support may read everything; others see only what they own. */
export function canReadAll(principal: Principal): boolean {
  return principal.isStaff || principal.isSupport;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: Principal;
  }
}
