/**
 * A small levelled logger that writes to stderr (stdout belongs to command output and to the MCP
 * protocol). Every line goes through the redaction policy: secret attributes are masked and the
 * API key is scrubbed from the text, whatever a caller passes in.
 */
import { redactSecrets, scrubText } from './redact.js';
import { terminalText } from './terminal-text.js';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && value in RANK;
}

export type LogSink = (line: string) => void;

const stderrSink: LogSink = (line) => {
  process.stderr.write(`${terminalText(line)}\n`);
};

function formatFields(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  const parts = Object.entries(redactSecrets(fields))
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/**
 * `secrets` are strings that must never be printed (the API key); they are replaced wherever they
 * occur in a line.
 */
export function createLogger(
  level: LogLevel,
  secrets: ReadonlyArray<string | undefined> = [],
  sink: LogSink = stderrSink,
): Logger {
  const write = (at: Exclude<LogLevel, 'off'>, message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] > RANK[level]) return;
    sink(scrubText(`gluekit ${at} ${message}${formatFields(fields)}`, secrets));
  };
  return {
    error: (message, fields) => write('error', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    info: (message, fields) => write('info', message, fields),
    debug: (message, fields) => write('debug', message, fields),
  };
}

/** Wraps a caller's logger so it, too, only ever sees redacted lines. */
export function redactingLogger(inner: Logger, secrets: ReadonlyArray<string | undefined>): Logger {
  const wrap =
    (method: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void =>
      inner[method](
        scrubText(message, secrets),
        fields
          ? (JSON.parse(scrubText(JSON.stringify(redactSecrets(fields)), secrets)) as Record<string, unknown>)
          : undefined,
      );
  return { error: wrap('error'), warn: wrap('warn'), info: wrap('info'), debug: wrap('debug') };
}
