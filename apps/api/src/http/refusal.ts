/**
 * Why an HTTP request is turned away before it reaches a handler: its status and the message
 * sent as the problem's text. A module of its own because both the guard (guard.ts) and the
 * request-target reader (request-target.ts) return one, and guard.ts reads request targets.
 */
export interface Refusal {
  status: number;
  message: string;
}
