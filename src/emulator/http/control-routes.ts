/**
 * `/__emulator/...`: the HTTP face of EmulatorControl, for tests and tools in another process.
 * No API key is needed (one may pick the tenant), and these routes are never rate limited,
 * faulted or counted as API requests. Records are edited and deleted with POST on purpose: every
 * DELETE is the API's HTML 404, as on real IT Glue.
 */
import { Hono } from 'hono';
import { ControlError, type EmulatorControl } from '../control.js';
import { parseProfile } from '../options.js';
import type { Profile } from '../resources/model.js';
import { parseSeedName, SeedNameError } from '../seed/index.js';
import { FaultConfigError } from '../traffic/faults.js';
import type { AppEnv } from './connection.js';
import { controlJson } from './responses.js';

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  const body: unknown = JSON.parse(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ControlError(400, 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ControlError(400, `${key} must be a string`);
  return value;
}

function failure(error: unknown): Response {
  if (error instanceof ControlError) return controlJson(error.status, { error: error.message });
  if (error instanceof SeedNameError || error instanceof FaultConfigError || error instanceof SyntaxError) {
    return controlJson(400, { error: error.message });
  }
  if (error instanceof Error && error.message.startsWith('unknown profile')) {
    return controlJson(400, { error: error.message });
  }
  throw error;
}

export function controlRoutes(control: EmulatorControl): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.onError((error) => failure(error));
  const key = (header: string | undefined) => (header === '' ? undefined : header);

  routes.post('/reset', async (c) => {
    const body = await readJson(c.req.raw);
    const seed = optionalString(body, 'seed');
    const profile = body.profile === undefined ? undefined : parseProfile(body.profile);
    const options: { seed?: ReturnType<typeof parseSeedName>; profile?: Profile } = {};
    if (seed !== undefined) options.seed = parseSeedName(seed);
    if (profile !== undefined) options.profile = profile;
    control.reset(options);
    return controlJson(200, { profile: control.profile });
  });
  routes.post('/seed', async (c) => {
    const body = await readJson(c.req.raw);
    const seed = parseSeedName(body.seed);
    control.loadSeed(seed, key(c.req.header('x-api-key')));
    return controlJson(200, { seed });
  });
  routes.post('/tenants', async (c) => {
    const body = await readJson(c.req.raw);
    const options: Parameters<EmulatorControl['createTenant']>[0] = {};
    const seed = optionalString(body, 'seed');
    const apiKey = optionalString(body, 'apiKey');
    if (seed !== undefined) options.seed = parseSeedName(seed);
    if (apiKey !== undefined) options.apiKey = apiKey;
    if (body.passwordAccess !== undefined) {
      if (typeof body.passwordAccess !== 'boolean')
        throw new ControlError(400, 'passwordAccess must be a boolean');
      options.passwordAccess = body.passwordAccess;
    }
    return controlJson(201, control.createTenant(options));
  });
  routes.get('/requests', () => controlJson(200, control.counts()));
  routes.post('/requests/reset', () => {
    control.resetCounts();
    return controlJson(200, control.counts());
  });
  routes.get('/faults', () => controlJson(200, control.faults()));
  routes.put('/faults', async (c) => controlJson(200, control.setFaults(await readJson(c.req.raw))));
  routes.get('/records/:type', (c) =>
    controlJson(200, { data: control.records(c.req.param('type'), key(c.req.header('x-api-key'))) }),
  );
  routes.post('/records/:type/:id', async (c) => {
    const body = await readJson(c.req.raw);
    const attributes = body.attributes;
    if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
      throw new ControlError(400, 'send {"attributes": {...}}');
    }
    const record = control.editRecord(
      c.req.param('type'),
      c.req.param('id'),
      attributes as Record<string, unknown>,
      key(c.req.header('x-api-key')),
    );
    return controlJson(200, { data: record });
  });
  routes.post('/records/:type/:id/delete', (c) => {
    control.deleteRecord(c.req.param('type'), c.req.param('id'), key(c.req.header('x-api-key')));
    return controlJson(200, { deleted: { type: c.req.param('type'), id: c.req.param('id') } });
  });
  return routes;
}
