/**
 * The CLI's error object on an MCP error result. It rides in `_meta` under ERROR_META_KEY, not in
 * `structuredContent`: a tool's structured content must match its outputSchema, and clients of
 * the 1.x MCP SDK validate it even on an `isError` result (a failure would hide the error). The
 * text of the result starts with the same code, for the model.
 */
import { errorObject } from '../core/error-object.js';
import { scrubValues } from './results.js';
import { mcpMessage } from './words.js';

export const ERROR_META_KEY = 'gluekit/error';

export function errorMeta(error: unknown, scrub: readonly string[]): Record<string, unknown> {
  return { [ERROR_META_KEY]: scrubValues({ ...errorObject(error), message: mcpMessage(error) }, scrub) };
}
