/** The fixed identity of commits Fabric writes on its own behalf (snapshots, notes). */
export const FABRIC_NAME = 'Fabric';
export const FABRIC_EMAIL = 'fabric@fabric.invalid';

/** An isomorphic-git author object for Fabric at `now` (UTC). */
export function fabricAuthor(now: Date): { name: string; email: string; timestamp: number; timezoneOffset: number } {
  return { name: FABRIC_NAME, email: FABRIC_EMAIL, timestamp: Math.floor(now.getTime() / 1000), timezoneOffset: 0 };
}
