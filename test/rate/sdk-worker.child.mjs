// An SDK user's script, in a process of its own: `count` reads of one organization through the
// built SDK (dist/), with the rate window in the store named on the command line. Prints one JSON
// line: how many reads succeeded, and the first error's class and message.
//   node sdk-worker.child.mjs URL KEY STORE LIMIT WINDOW_MS COUNT
import { GlueKit } from '../../dist/index.js';

const [url, apiKey, store, limit, windowMs, count] = process.argv.slice(2);
const client = new GlueKit({
  apiKey,
  baseUrl: url,
  rateLimit: { limit: Number(limit), windowMs: Number(windowMs), store },
  maxRateLimitWaitMs: 0,
});
const organization = (await client.organizations.list({ pageSize: 1 })).data[0];
let done = 1;
let error;
await Promise.all(
  Array.from({ length: Number(count) - 1 }, async () => {
    try {
      await client.organizations.get(organization.id);
      done++;
    } catch (caught) {
      error ??= { name: caught.name, message: caught.message };
    }
  }),
);
process.stdout.write(`${JSON.stringify({ done, error })}\n`);
