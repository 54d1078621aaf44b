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

/**
 * The contract for scripts and agents, in one place: `gluekit --help` prints it, and the README's
 * CLI section says the same.
 */
export const OUTPUT_CONTRACT_HELP = `Output (the contract for scripts and agents):
  JSON (--json, --agent, or stdout not a terminal) is one envelope for every command:
    {"data": …, "meta": {"source": "live"|"local", "count": N, …}}
  A workflow's plan is "data"; after --apply (or gluekit apply) the run is "meta.run".
  Errors go to stderr as {"error": {"code", "status", "message", "details"}}; "status" is
  IT Glue's HTTP status, and is absent when IT Glue was not asked. Parser errors too.
  --select a,b.c keeps those fields (a field no record has is an error listing the fields);
  --field NAME prints that one value and nothing else.
  CSV puts ' before a cell that starts with =, @, tab or CR, or with + or - and is not a
  number or phone number, so a spreadsheet does not run it; --csv-formula-guard off keeps
  every cell as it is. Tables fit the terminal's width; --wide cuts nothing.`;

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
  9    input: a source, map, template, vars or plan file is missing or has problems
  130  interrupted`;
