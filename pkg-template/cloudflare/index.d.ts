import type { DedupeStore } from "../web/twochat.js";

/** The parts of a Workers KV namespace binding the store uses. */
export interface KVNamespaceLike {
  /** Reads a key (`null` when absent). */
  get(key: string): Promise<string | null>;
  /** Writes a key, expiring after `expirationTtl` seconds. */
  put(key: string, value: string, options?: { /** Seconds until the key expires. */ expirationTtl?: number }): Promise<void>;
  /** Deletes a key. */
  delete(key: string): Promise<void>;
}
/** The parts of a Durable Object namespace binding the store uses. */
export interface DurableObjectNamespaceLike {
  /** The id of the object called `name`. */
  idFromName(name: string): unknown;
  /** A stub of the object with that id. */
  get(id: never): {
    /** Sends the object a request. */
    fetch(input: string, init?: RequestInit): Promise<Response>;
  };
}
/** The parts of a Durable Object's state the class uses. */
export interface DurableObjectStateLike {
  /** The object's transactional storage. */
  storage: {
    /** Reads a key. */
    get(key: string): Promise<unknown>;
    /** Writes a key (a claim's expiry, in epoch milliseconds). */
    put(key: string, value: number): Promise<void>;
    /** Deletes keys. */
    delete(keys: string | string[]): Promise<unknown>;
    /** Every key and value. */
    list(): Promise<Map<string, unknown>>;
    /** When the alarm is set for (epoch milliseconds), or `null`. */
    getAlarm(): Promise<number | null>;
    /** Sets the alarm that sweeps expired claims. */
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
  /** Made by the Workers runtime with the object's state. */
  constructor(state: DurableObjectStateLike, env?: unknown);
  /** Answers the store's `claim` and `release` requests. */
  fetch(request: Request): Promise<Response>;
  /** Sweeps expired claims. */
  alarm(): Promise<void>;
}
