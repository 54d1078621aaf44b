/**
 * The window in Redis, for processes on several hosts (MCP replicas behind a balancer, cron jobs
 * on two machines). Each operation is one Lua script, so an admission is atomic however many
 * clients race for the last slot, and every stamp comes from the Redis server's clock (`TIME`),
 * so hosts whose clocks disagree still share one window. Keys are `gluekit:rate:{bucket}:…`,
 * where the bucket names the key by its fingerprint: the API key itself never reaches Redis.
 *
 * When Redis cannot be reached, every operation fails with RateStoreError after a few quick
 * reconnection attempts: no request is sent without a slot, so the budget is never overrun.
 * The connection keeps the process alive only while an operation is waiting for Redis.
 *
 * Loaded only when a Redis store is configured: `import { GlueKit }` never loads ioredis.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateStoreError } from '../errors.js';
import {
  type Admission,
  type RateStore,
  type RateUsage,
  type RateWindow,
  WINDOW_MARGIN_MS,
} from '../rate-store.js';

/** The server's clock in milliseconds; scripts that write after reading TIME need effect replication (Redis < 7). */
const NOW = `
if redis.replicate_commands then redis.replicate_commands() end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;

/** KEYS: slots, pause. ARGV: limit, window + margin (ms), slot name. Returns {1, 0} or {0, wait ms}. */
const ACQUIRE = `${NOW}
local limit = tonumber(ARGV[1])
local span = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
local wait = 0
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then wait = paused - now end
local used = redis.call('ZCARD', KEYS[1])
if used >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], used - limit, used - limit, 'WITHSCORES')
  local free = tonumber(oldest[2]) + span - now
  if free > wait then wait = free end
end
if wait > 0 then return {0, wait} end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], span)
return {1, 0}
`;

/** KEYS: slots. ARGV: slot name, window + margin (ms). */
const SETTLE = `${NOW}
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

/** KEYS: pause. ARGV: ms. */
const PAUSE = `${NOW}
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1])) end
return 1
`;

/** KEYS: slots, pause. ARGV: window + margin (ms). Returns {used, paused for ms}. */
const USAGE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
local left = 0
if paused > now then left = paused - now end
return {redis.call('ZCARD', KEYS[1]), left}
`;

interface ScriptedRedis extends Redis {
  gluekitAcquire(
    slots: string,
    pause: string,
    limit: number,
    span: number,
    slot: string,
  ): Promise<[number, number]>;
  gluekitSettle(slots: string, slot: string, span: number): Promise<number>;
  gluekitPause(pause: string, ms: number): Promise<number>;
  gluekitUsage(slots: string, pause: string, span: number): Promise<[number, number]>;
}

/** `redis://user:secret@host:6379/0` → `redis://host:6379/0`, for messages. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

export class RedisRateStore implements RateStore {
  readonly kind = 'redis';
  readonly description: string;
  private client: ScriptedRedis | undefined;
  /** Slot names are unique across processes: this process's token, then a counter. */
  private readonly token = randomBytes(8).toString('hex');
  private nextSlot = 0;
  private pending = 0;

  constructor(private readonly url: string) {
    this.description = describeRedisUrl(url);
  }

  async tryAcquire(bucket: string, window: RateWindow): Promise<Admission> {
    const slot = `${this.token}:${++this.nextSlot}`;
    const [granted, wait] = await this.run((redis) =>
      redis.gluekitAcquire(slotsKey(bucket), pauseKey(bucket), window.limit, span(window), slot),
    );
    return granted === 1 ? { granted: true, slot } : { granted: false, waitMs: Number(wait) };
  }

  async settle(bucket: string, slot: string, window: RateWindow): Promise<void> {
    await this.run((redis) => redis.gluekitSettle(slotsKey(bucket), slot, span(window)));
  }

  async pause(bucket: string, ms: number): Promise<void> {
    await this.run((redis) => redis.gluekitPause(pauseKey(bucket), Math.max(1, Math.ceil(ms))));
  }

  async usage(bucket: string, window: RateWindow): Promise<RateUsage> {
    const [used, paused] = await this.run((redis) =>
      redis.gluekitUsage(slotsKey(bucket), pauseKey(bucket), span(window)),
    );
    return { used: Number(used), pausedForMs: Number(paused) };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) client.disconnect();
  }

  private async run<T>(operation: (redis: ScriptedRedis) => Promise<T>): Promise<T> {
    const redis = this.connection();
    this.busy(1);
    try {
      return await operation(redis);
    } catch (error) {
      throw new RateStoreError(
        `The shared rate budget at ${this.description} cannot be reached (${(error as Error).message}). ` +
          "No request is sent without it, so the key's budget is not overrun: start Redis again, or choose another store with --rate-store or GLUEKIT_RATE_STORE.",
        { cause: error },
      );
    } finally {
      this.busy(-1);
    }
  }

  private connection(): ScriptedRedis {
    if (this.client && this.client.status !== 'end') return this.client;
    const redis = new Redis(this.url, {
      connectTimeout: 2000,
      commandTimeout: 5000,
      // A few quick attempts (about 1.5 s in all), then every waiting operation fails: a request
      // that cannot count itself must not be sent, and must not wait forever either.
      maxRetriesPerRequest: 2,
      retryStrategy: (attempt) => (attempt > 4 ? null : Math.min(100 * 2 ** attempt, 800)),
    }) as ScriptedRedis;
    // Failures reach the caller through the operation that failed; this only keeps Node from
    // treating a connection error as unhandled.
    redis.on('error', () => {});
    redis.on('connect', () => this.busy(0));
    redis.defineCommand('gluekitAcquire', { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand('gluekitSettle', { numberOfKeys: 1, lua: SETTLE });
    redis.defineCommand('gluekitPause', { numberOfKeys: 1, lua: PAUSE });
    redis.defineCommand('gluekitUsage', { numberOfKeys: 2, lua: USAGE });
    this.client = redis;
    return redis;
  }

  /** The socket holds the process open only while an operation waits for Redis. */
  private busy(delta: number): void {
    this.pending += delta;
    const socket = this.client?.stream;
    if (!socket) return;
    if (this.pending > 0) socket.ref();
    else socket.unref();
  }
}

function span(window: RateWindow): number {
  return window.windowMs + WINDOW_MARGIN_MS;
}

function slotsKey(bucket: string): string {
  return `gluekit:rate:{${bucket}}:slots`;
}

function pauseKey(bucket: string): string {
  return `gluekit:rate:{${bucket}}:pause`;
}
