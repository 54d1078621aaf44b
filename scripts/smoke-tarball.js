#!/usr/bin/env node
/**
 * The package as a user gets it. Packs gluekit (`npm pack`, which builds), installs the tarball
 * into an empty folder with its runtime dependencies only (`--omit=dev`), starts an emulator from
 * that install, and runs one command of each family from there: --version, orgs list, sync,
 * docs onboard, passwords mirror and contacts sync (plans), `npx -y gluekit mcp` over stdio (the
 * README's line for agents: initialize, then tools/list), `mcp --http` (start, one call, stop),
 * `ui` (start, the overview page and one asset, stop)
 * and demo. Our own test run cannot see what this sees: it runs inside the repository, where
 * every devDependency is installed.
 *
 * A failure names the command and, when it can tell, the missing piece (a package that is not in
 * `dependencies`, a file that is not in `files`). Ends with "smoke: N of M passed"; exit 1 on any
 * failure.
 *
 *   node scripts/smoke-tarball.js [--keep]      (--keep leaves the temp folder for a look)
 *
 * better-sqlite3 has a native addon. A user's install downloads a prebuilt one; here there is no
 * network but the npm registry, so the addon the repository's own install built (same version,
 * same Node) is offered as a local prebuild (prebuild-install's `local-prebuilds`). When that does
 * not fit, npm compiles it from source, which is slower but proves the same.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const KEEP = process.argv.includes('--keep');
const COMMAND_TIMEOUT_MS = 120_000;
// Building, packing and installing are not what is under test, and on a loaded machine they can
// take minutes; a generous bound still catches a hang.
const SETUP_TIMEOUT_MS = 900_000;
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line) => process.stdout.write(`${line}\n`);

/** Runs a command to completion; never throws (a failed command is a finding, not a crash). */
function run(command, args, { cwd, env, input, timeoutMs = COMMAND_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** What is missing, read from what the command printed: the piece a user would have to add. */
function missingPiece(text) {
  const pkg = /Cannot find (?:package|module) '([^']+)'/.exec(text);
  if (pkg && !pkg[1].startsWith('/') && !pkg[1].startsWith('.'))
    return `the package "${pkg[1]}" is not installed with gluekit: add it to "dependencies" in package.json`;
  if (pkg) return `the module ${pkg[1]} is not in the package: check "files" in package.json and the build`;
  const file = /ENOENT[^']*'([^']+)'/.exec(text);
  if (file) return `the file ${file[1]} is not in the package: add it to "files" in package.json`;
  return undefined;
}

const results = [];

// Nothing of the caller's IT Glue setup may leak in (the emulator is the only IT Glue here), nor
// the settings `npm run` passes its scripts (they describe this repository, not the temp folder).
const KEPT_NPM_SETTINGS = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(ITGLUE_|GLUEKIT_)/.test(key) && (!/^npm_/i.test(key) || KEPT_NPM_SETTINGS.has(key)),
  ),
);
const npmEnv = cleanEnv;

async function check(name, body) {
  const at = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    say(`  ok    ${name} (${seconds(at)})`);
  } catch (error) {
    const text = `${error.message}\n${error.output ?? ''}`;
    const missing = missingPiece(text);
    results.push({ name, ok: false });
    say(`  FAIL  ${name} (${seconds(at)})`);
    say(`        ${missing ? `missing: ${missing}` : error.message}`);
    const tail = (error.output ?? '').trim().split('\n').slice(-12);
    for (const line of tail) if (line) say(`        | ${line}`);
  }
}

/** Throws with the command's output when it did not exit 0. */
function expectSuccess(result, what) {
  if (result.code === 0) return result;
  const error = new Error(
    `${what} exited ${result.code ?? result.signal}${result.code === null ? ' (killed: no answer in time?)' : ''}`,
  );
  error.output = `${result.stderr}\n${result.stdout}`;
  throw error;
}

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    const error = new Error(`${what} did not print JSON`);
    error.output = text;
    throw error;
  }
}

/** The addon the repository's install built, as the prebuild tarball prebuild-install looks for. */
function offerLocalPrebuild(into) {
  const addonDir = join(ROOT, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(addonDir, 'build', 'Release', 'better_sqlite3.node'))) return undefined;
  const { version } = JSON.parse(readFileSync(join(addonDir, 'package.json'), 'utf8'));
  const libc =
    process.platform === 'linux' && !process.report?.getReport().header.glibcVersionRuntime ? 'musl' : '';
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}${libc}-${process.arch}.tar.gz`;
  mkdirSync(into, { recursive: true });
  execFileSync('tar', ['-czf', join(into, name), '-C', addonDir, 'build/Release/better_sqlite3.node']);
  return into;
}

/** Starts the installed emulator and reads the two `export` lines it prints. */
async function startEmulator(gluekit, env) {
  const child = spawn(gluekit, ['emulator', '--env'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await Promise.race([new Promise((resolve) => child.stdout.on('close', resolve)), exited]);
  const vars = Object.fromEntries(
    [...out.matchAll(/^export (ITGLUE_[A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2].trim()]),
  );
  if (!vars.ITGLUE_BASE_URL || !vars.ITGLUE_API_KEY) {
    child.kill();
    const error = new Error('gluekit emulator --env did not print ITGLUE_BASE_URL and ITGLUE_API_KEY');
    error.output = `${err}\n${out}`;
    throw error;
  }
  return { vars, stop: () => child.kill('SIGTERM') };
}

/** `npx -y gluekit mcp` over stdio: initialize, initialized, tools/list, as an agent's client does. */
async function mcpOverStdio(cwd, env) {
  const messages = [
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'smoke', version: '0' },
      },
    },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
  ];
  const child = spawn('npx', ['-y', 'gluekit', 'mcp'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const answers = new Map();
  let pending = '';
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no tools/list answer within 60 s')), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npx -y gluekit mcp exited ${code} before answering`));
    });
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        const message = JSON.parse(line);
        answers.set(message.id, message);
        if (message.id === 1)
          child.stdin.write(`${JSON.stringify(messages[1])}\n${JSON.stringify(messages[2])}\n`);
        if (message.id === 2) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
  });
  child.stdin.write(`${JSON.stringify(messages[0])}\n`);
  try {
    await done;
  } catch (error) {
    error.output = stderr;
    throw error;
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
  }
  const tools = answers.get(2)?.result?.tools?.map((tool) => tool.name) ?? [];
  if (!answers.get(1)?.result?.serverInfo) throw new Error('initialize answered without serverInfo');
  if (!tools.includes('list_organizations')) {
    const error = new Error(`tools/list has no list_organizations (got ${tools.length} tools)`);
    error.output = stderr;
    throw error;
  }
}

/** Reads a Streamable HTTP answer: plain JSON, or the `data:` line of an event stream. */
async function rpcAnswer(response) {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const json = type.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .pop()
    : text;
  return parseJson(json ?? '', `the MCP endpoint (HTTP ${response.status})`);
}

/**
 * Starts a gluekit server command that prints its URL alone on stdout's first line, and hands
 * the URL to `use`. Stops the server with SIGTERM afterwards and insists that it exits.
 */
async function withServer(gluekit, args, env, use) {
  const label = `gluekit ${args.join(' ')}`;
  const child = spawn(gluekit, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0].trim());
      });
      exited.then((code) => reject(new Error(`${label} exited ${code} before printing its URL`)));
    });
    await use(url);
  } catch (error) {
    error.output = `${error.output ?? ''}${stderr}`;
    throw error;
  } finally {
    child.kill('SIGTERM');
  }
  const stop = await Promise.race([
    exited,
    new Promise((resolve) => setTimeout(() => resolve('running'), 10_000)),
  ]);
  if (stop === 'running') {
    child.kill('SIGKILL');
    throw new Error(`${label} did not stop within 10 s of SIGTERM`);
  }
}

/** `gluekit mcp --http`: start, initialize and call one tool, then stop it. */
function mcpOverHttp(gluekit, env, apiKey) {
  return withServer(gluekit, ['mcp', '--http', '--port', '0'], env, async (url) => {
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'x-api-key': apiKey,
    };
    const init = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'smoke', version: '0' },
        },
      }),
    });
    const initAnswer = await rpcAnswer(init);
    if (!initAnswer.result?.serverInfo) throw new Error(`initialize failed: ${JSON.stringify(initAnswer)}`);
    const session = init.headers.get('mcp-session-id');
    const sessionHeaders = {
      ...headers,
      'mcp-protocol-version': initAnswer.result.protocolVersion,
      ...(session ? { 'mcp-session-id': session } : {}),
    };
    await fetch(url, {
      method: 'POST',
      headers: sessionHeaders,
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    }).then((response) => response.text());
    const call = await fetch(url, {
      method: 'POST',
      headers: sessionHeaders,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'list_organizations', arguments: { limit: 1 } },
      }),
    });
    const answer = await rpcAnswer(call);
    const text = answer.result?.content?.[0]?.text;
    if (answer.result?.isError || !text || parseJson(text, 'list_organizations').records?.length !== 1)
      throw new Error(`list_organizations over HTTP failed: ${JSON.stringify(answer).slice(0, 300)}`);
  });
}

/**
 * `gluekit ui`: start it on the mirror that `sync` wrote, load the overview page and one of its
 * stylesheets or scripts from the installed package (no CDN), then stop it.
 */
function uiFromInstall(gluekit, env) {
  return withServer(gluekit, ['ui', '--port', '0'], env, async (url) => {
    const page = await fetch(url);
    const html = await page.text();
    if (page.status !== 200) throw new Error(`the overview page answered HTTP ${page.status}`);
    if (!/Overview/i.test(html)) throw new Error('the overview page does not say "Overview"');
    const asset = html.match(/(?:src|href)="(\/[^"?#]+\.(?:js|css))"/);
    if (!asset) throw new Error('the overview page links no script or stylesheet');
    const loaded = await fetch(new URL(asset[1], url));
    if (loaded.status !== 200) throw new Error(`${asset[1]} answered HTTP ${loaded.status}`);
  });
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'gluekit-smoke-'));
  let emulator;
  try {
    say(`smoke: building and packing gluekit into ${work}`);
    let at = Date.now();
    expectSuccess(
      await run('npm', ['run', 'build'], { cwd: ROOT, env: npmEnv, timeoutMs: SETUP_TIMEOUT_MS }),
      'npm run build',
    );
    // The build ran just above; --ignore-scripts keeps its log out of the JSON answer.
    const packed = expectSuccess(
      await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
        cwd: ROOT,
        env: npmEnv,
        timeoutMs: SETUP_TIMEOUT_MS,
      }),
      'npm pack',
    );
    const tarball = join(work, parseJson(packed.stdout, 'npm pack')[0].filename);
    say(`  packed ${tarball} (${seconds(at)})`);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      `${JSON.stringify({ name: 'gluekit-smoke', version: '1.0.0', private: true, allowScripts: { 'better-sqlite3': true } }, null, 2)}\n`,
    );
    const prebuilds = offerLocalPrebuild(join(work, 'prebuilds'));
    const installEnv = {
      ...npmEnv,
      ...(prebuilds ? { npm_config_better_sqlite3_local_prebuilds: prebuilds } : {}),
    };
    say(
      `smoke: installing the tarball with runtime dependencies only (better-sqlite3 ${prebuilds ? 'offered a local prebuild' : 'compiled from source'})`,
    );
    at = Date.now();
    expectSuccess(
      await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
        cwd: app,
        env: installEnv,
        timeoutMs: SETUP_TIMEOUT_MS,
      }),
      'npm install --omit=dev <tarball>',
    );
    const installed = readdirSync(join(app, 'node_modules'));
    const devOnly = ['typescript', 'vitest', 'esbuild', 'tsx', 'fast-check'].filter((name) =>
      installed.includes(name),
    );
    if (devOnly.length > 0)
      throw new Error(`the install holds devDependencies (${devOnly.join(', ')}): not a clean install`);
    say(`  installed ${installed.length} packages (${seconds(at)})`);

    const gluekit = join(app, 'node_modules', '.bin', 'gluekit');
    const home = join(work, 'home');
    mkdirSync(home);
    const baseEnv = { ...cleanEnv, GLUEKIT_HOME: home, NO_COLOR: '1' };
    emulator = await startEmulator(gluekit, baseEnv);
    const env = { ...baseEnv, ...emulator.vars };
    const version = JSON.parse(
      readFileSync(join(app, 'node_modules', 'gluekit', 'package.json'), 'utf8'),
    ).version;

    const contacts = join(work, 'contacts.csv');
    writeFileSync(contacts, 'first_name,last_name,email,title\nAda,Lovelace,ada@example.com,CTO\n');
    const vault = join(work, 'bitwarden.json');
    writeFileSync(
      vault,
      JSON.stringify({
        encrypted: false,
        folders: [],
        items: [
          {
            id: 'i-1',
            type: 1,
            name: 'Firewall admin',
            notes: null,
            login: {
              uris: [{ uri: 'https://fw.example' }],
              username: 'admin',
              password: 'smoke-secret-1',
              totp: null,
            },
          },
        ],
      }),
    );

    say('smoke: running each command family from the install');
    const cli = (args) => run(gluekit, args, { cwd: app, env });
    let org;
    await check('gluekit --version', async () => {
      const out = expectSuccess(await cli(['--version']), 'gluekit --version').stdout.trim();
      if (out !== version) throw new Error(`printed ${JSON.stringify(out)}, expected ${version}`);
    });
    await check('gluekit orgs list --json', async () => {
      const result = expectSuccess(await cli(['orgs', 'list', '--json']), 'gluekit orgs list --json');
      const orgs = parseJson(result.stdout, 'orgs list').data;
      if (!Array.isArray(orgs) || orgs.length === 0) throw new Error('listed no organization');
      org = orgs.find((candidate) => candidate.name === 'Happy Frog Dental') ?? orgs[0];
    });
    const orgFlag = () => org?.id ?? 'Happy Frog Dental';
    await check('gluekit sync', async () => {
      const result = expectSuccess(await cli(['sync', '--json']), 'gluekit sync --json');
      if (!parseJson(result.stdout, 'sync').data?.mirror) throw new Error('sync reported no mirror');
    });
    const plan = (name, args) =>
      check(name, async () => {
        const result = expectSuccess(await cli([...args, '--json']), name);
        // A plan is the envelope's data, as every command's JSON is.
        const plan = parseJson(result.stdout, name).data;
        if (!Array.isArray(plan?.actions) || plan.actions.length === 0)
          throw new Error('the plan has no action');
      });
    await plan('gluekit docs onboard (plan)', [
      'docs',
      'onboard',
      '--org',
      orgFlag(),
      '--templates',
      'builtin',
    ]);
    await plan('gluekit passwords mirror (plan)', [
      'passwords',
      'mirror',
      '--from',
      vault,
      '--org',
      orgFlag(),
    ]);
    await plan('gluekit contacts sync (plan)', ['contacts', 'sync', '--from', contacts, '--org', orgFlag()]);
    await check('npx -y gluekit mcp (stdio: initialize, tools/list)', () => mcpOverStdio(app, env));
    await check('gluekit mcp --http (start, one call, stop)', () =>
      // The HTTP server holds no key: each request brings its own.
      mcpOverHttp(
        gluekit,
        { ...baseEnv, ITGLUE_BASE_URL: emulator.vars.ITGLUE_BASE_URL },
        emulator.vars.ITGLUE_API_KEY,
      ),
    );
    await check('gluekit ui (start, the overview page and an asset, stop)', () =>
      uiFromInstall(gluekit, env),
    );
    await check('gluekit demo', async () => {
      const result = expectSuccess(await run(gluekit, ['demo'], { cwd: app, env: baseEnv }), 'gluekit demo');
      if (!result.stdout.trim()) throw new Error('demo printed nothing');
    });
  } catch (error) {
    results.push({ name: 'set-up', ok: false });
    say(`  FAIL  set-up: ${error.message}`);
    const missing = missingPiece(`${error.message}\n${error.output ?? ''}`);
    if (missing) say(`        missing: ${missing}`);
    for (const line of (error.output ?? '').trim().split('\n').slice(-15)) if (line) say(`        | ${line}`);
  } finally {
    emulator?.stop();
    if (KEEP) say(`smoke: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  const passed = results.filter((result) => result.ok).length;
  say(`smoke: ${passed} of ${results.length} passed in ${seconds(started)}`);
  if (passed !== results.length || results.length === 0) process.exitCode = 1;
}

await main();
