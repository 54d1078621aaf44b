/** Stable exit codes, documented in `gluekit --help`. Scripts and agents branch on them. */
export const ExitCode = {
  OK: 0,
  ERROR: 1,
  USAGE: 2,
  NOT_FOUND: 3,
  AUTHENTICATION: 4,
  API: 5,
  VALIDATION: 6,
  RATE_LIMITED: 7,
  CONFLICT: 8,
  INPUT: 9,
  INTERRUPTED: 130,
} as const;

export const EXIT_CODE_HELP = `Exit codes:
  0    ok
  1    error
  2    usage (a bad flag or argument: an unknown option, a malformed id, --page-size over 1000)
  3    not found
  4    authentication (a wrong key, or a key for another region)
  5    IT Glue API or server error
  6    validation (IT Glue said 422, or gluekit caught it before sending)
  7    rate limited
  8    plan has conflicts, or a write's outcome is unknown
  9    input: a source, map, template, vars or plan file is missing or has problems  130  interrupted`;
