/** Serves the emulator over HTTP with @hono/node-server, by default on 127.0.0.1 and a free port. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildEmulatorApp } from './app.js';
import type { EmulatorControl } from './control.js';
import { type EmulatorOptions, type Profile, resolveOptions } from './options.js';

export interface RunningEmulator {
  /** `http://127.0.0.1:43121`, no trailing slash. */
  readonly url: string;
  /** The default tenant's key. */
  readonly apiKey: string;
  /** The current profile (a control reset may change it). */
  readonly profile: Profile;
  readonly control: EmulatorControl;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const { app, control, apiKey } = buildEmulatorApp(resolved);
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: resolved.host, port: resolved.port }, () =>
      resolve(started as Server),
    ) as Server;
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${urlHost(resolved.host)}:${port}`,
    apiKey,
    get profile() {
      return control.profile;
    },
    control,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
