/**
 * The error shapes the emulator answers with, as plain types: the resources decide which error a
 * request earns and the fault plan which 5xx to inject, and http/responses.ts turns them into
 * responses. They live down here so those layers need nothing from http/ (the emulator's
 * dependencies point one way: http → resources, traffic → support).
 */

/** One entry of `errors[]`. IT Glue uses a numeric status, `detail` and `source` are optional. */
export interface ApiError {
  status: number;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
}

/** The three 5xx shapes a client meets in front of and inside IT Glue. */
export type ServerErrorKind = 500 | 502 | 503;
