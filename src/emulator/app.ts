/** The emulator as a hono app plus its control handle, for in-process use and for the server. */
import { Hono } from 'hono';
import { createControl, type EmulatorControl } from './control.js';
import type { AppEnv } from './http/connection.js';
import { controlRoutes } from './http/control-routes.js';
import { isLoopbackName, loopbackHostOnly } from './http/host-check.js';
import { mountApiRoutes } from './http/routes.js';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { EmulatorState } from './state.js';

export interface EmulatorApp {
  readonly app: Hono<AppEnv>;
  readonly control: EmulatorControl;
  /** The default tenant's key. */
  readonly apiKey: string;
}

export function buildEmulatorApp(options: ResolvedOptions): EmulatorApp {
  const state = new EmulatorState(options);
  const control = createControl(state);
  const app = new Hono<AppEnv>();
  // Bound to loopback, the emulator checks Host on every route, control routes first of all.
  if (isLoopbackName(options.host)) app.use('*', loopbackHostOnly());
  app.route('/__emulator', controlRoutes(control));
  mountApiRoutes(app, state);
  return { app, control, apiKey: options.apiKey };
}

/** The hono app and its control object (`app.request(...)` or `app.fetch` serve it in-process). */
export function createEmulatorApp(options: EmulatorOptions = {}): EmulatorApp {
  return buildEmulatorApp(resolveOptions(options));
}
