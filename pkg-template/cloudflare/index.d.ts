import type { DedupeStore } from "../web/twochat.js";

/** The parts of a Workers KV namespace binding the store uses. */
export interface KVNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}
/** The parts of a Durable Object namespace binding the store uses. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}
/** The parts of a Durable Object's state the class uses. */
export interface DurableObjectStateLike {
  storage: {
    get(key: string): Promise<unknown>;
    put(key: string, value: number): Promise<void>;
    delete(keys: string | string[]): Promise<unknown>;
    list(): Promise<Map<string, unknown>>;
    getAlarm(): Promise<number | null>;
    setAlarm(at: number): Promise<void>;
  };
}

/**
 * A de-duplication store on Workers KV: cheap, eventually consistent (best effort — two
 * deliveries of one uuid at the same moment in two locations may both run).
 */
export function kvDedupe(namespace: KVNamespaceLike, options?: { /** Key prefix (default "twochat-dedupe:"). */ prefix?: string }): DedupeStore;
/** A de-duplication store on a Durable Object namespace bound to `DedupeObject`: each claim is decided once. */
export function durableObjectDedupe(namespace: DurableObjectNamespaceLike, options?: { /** Object name prefix (default "twochat-dedupe"). */ name?: string }): DedupeStore;
/** The Durable Object class behind `durableObjectDedupe`: export it from your Worker and bind it in wrangler.toml. */
export class DedupeObject {
  constructor(state: DurableObjectStateLike, env?: unknown);
  fetch(request: Request): Promise<Response>;
  alarm(): Promise<void>;
}
