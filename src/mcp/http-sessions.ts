/**
 * The MCP endpoint's open sessions. Each is bound to the fingerprint of the key that opened it,
 * and is found again only with that key; sessions are bounded in all and per key, and an idle
 * one is closed by a sweeper.
 */
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Refusal } from './http-guard.js';
import type { KeyCheck } from './key-check.js';

interface Session {
  transport: StreamableHTTPServerTransport;
  keyFingerprint: string;
  lastSeen: number;
}

export interface SessionLimits {
  maxSessions: number;
  maxSessionsPerKey: number;
  sessionIdleMs: number;
}

/** A session's transport, or why the request may not use one. */
export type SessionLookup = { transport: StreamableHTTPServerTransport } | { refusal: Refusal };

export class SessionTable {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits,
    private readonly keyCheck: KeyCheck,
    /** Connects a new MCP server to the session's transport. */
    private readonly connect: (transport: StreamableHTTPServerTransport) => Promise<void>,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The transport of an open session, for a request that carries the key that opened it. */
  find(sessionId: string, fingerprint: string): SessionLookup {
    const session = this.sessions.get(sessionId);
    if (!session)
      return { refusal: { status: 404, message: 'Session not found: initialize a new session.' } };
    if (session.keyFingerprint !== fingerprint) {
      return {
        refusal: {
          status: 403,
          message:
            'Forbidden: this session was opened with another x-api-key; a session acts with its own key only.',
        },
      };
    }
    session.lastSeen = Date.now();
    return { transport: session.transport };
  }

  /** A new session for this key, when the caps and IT Glue allow it. */
  async openFor(apiKey: string, fingerprint: string): Promise<SessionLookup> {
    const refusal = await this.admit(apiKey, fingerprint);
    if (refusal) return { refusal };
    return { transport: await this.open(fingerprint) };
  }

  /** Undefined when a new session may open for this key; otherwise why not. */
  private async admit(apiKey: string, fingerprint: string): Promise<Refusal | undefined> {
    if (this.sessions.size >= this.limits.maxSessions)
      return {
        status: 503,
        message: 'Too many open sessions; try again later.',
        headers: { 'retry-after': '30' },
      };
    const refused = await this.keyCheck.check(apiKey, fingerprint);
    if (refused) return refused;
    if (this.countFor(fingerprint) >= this.limits.maxSessionsPerKey) {
      return {
        status: 429,
        message: `This x-api-key already has ${this.limits.maxSessionsPerKey} open sessions; close one (DELETE /mcp with its mcp-session-id) or reuse it.`,
      };
    }
    return undefined;
  }

  private countFor(fingerprint: string): number {
    return [...this.sessions.values()].filter((session) => session.keyFingerprint === fingerprint).length;
  }

  private async open(fingerprint: string): Promise<StreamableHTTPServerTransport> {
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.sessions.set(id, { transport, keyFingerprint: fingerprint, lastSeen: Date.now() });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
    };
    await this.connect(transport);
    return transport;
  }

  /** Closes idle sessions every minute (or sooner); call the returned function to stop. */
  startSweeper(): () => void {
    const sweeper = setInterval(
      () => {
        const cutoff = Date.now() - this.limits.sessionIdleMs;
        for (const session of this.sessions.values()) {
          if (session.lastSeen < cutoff) void session.transport.close();
        }
      },
      Math.min(this.limits.sessionIdleMs, 60_000),
    );
    sweeper.unref();
    return () => clearInterval(sweeper);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.transport.close()));
  }
}
