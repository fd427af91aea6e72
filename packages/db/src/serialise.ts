/**
 * One statement or transaction at a time for an embedded database (`:memory:`, `file:`).
 *
 * The embedded driver runs each statement synchronously. While a write transaction is open (an
 * audited change and its audit entry, committed together), a write from elsewhere in the same
 * process would wait for SQLite's lock inside that synchronous call: the event loop stops, the
 * transaction cannot finish, and both fail after the busy timeout. An in-memory database has a
 * single connection, so any statement outside an open transaction fails at once. Queueing every
 * statement and transaction of the process in order (FIFO) avoids both, and costs nothing because
 * the statements ran one at a time anyway. A libsql server (sqld) does its own locking, off our
 * event loop, and is not wrapped.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client, Transaction } from '@libsql/client';
import { DbError } from './errors.ts';

/** How long a statement waits for the open transaction before it is refused (ms). */
export const LOCK_WAIT_MS = 30_000;

const body = new AsyncLocalStorage<true>();

/**
 * Runs `fn` as the body of an open transaction: a statement it sends to the database instead of to
 * the transaction fails at once (it would wait for the transaction, which waits for it).
 */
export function runAsTransactionBody<T>(fn: () => Promise<T>): Promise<T> {
  return body.run(true, fn);
}

/** A FIFO lock whose waiters give up after `timeoutMs`. */
export class Lock {
  #held = false;
  #waiters: Array<() => void> = [];
  constructor(readonly timeoutMs = LOCK_WAIT_MS) {}

  acquire(): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next();
      else this.#held = false;
    };
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(release);
    }
    if (body.getStore())
      return Promise.reject(
        new DbError(
          'busy',
          'a query was sent to the database while its transaction is open: inside a transaction, run every query on the transaction (tx)',
        ),
      );
    return new Promise((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(
          new DbError(
            'busy',
            `waited ${this.timeoutMs / 1000} s for an open transaction to finish; inside a transaction, ` +
              'run every query on the transaction (tx), not on the database',
          ),
        );
      }, this.timeoutMs);
      timer.unref?.();
      this.#waiters.push(waiter);
    });
  }
}

const STATEMENTS = new Set(['execute', 'batch', 'executeMultiple', 'migrate']);

/** Wraps an embedded client so that its statements and transactions run one at a time, in order. */
export function serialiseClient(client: Client, lock = new Lock()): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (STATEMENTS.has(prop as string))
        return async (...args: unknown[]) => {
          const release = await lock.acquire();
          try {
            return await value.apply(target, args);
          } finally {
            release();
          }
        };
      if (prop === 'transaction')
        return async (...args: unknown[]) => {
          const release = await lock.acquire();
          let tx: Transaction;
          try {
            tx = await value.apply(target, args);
          } catch (e) {
            release();
            throw e;
          }
          return holdUntilSettled(tx, release);
        };
      return value.bind(target);
    },
  });
}

/** The transaction keeps the lock until it commits, rolls back or closes. */
function holdUntilSettled(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'commit' || prop === 'rollback')
        return async (...args: unknown[]) => {
          try {
            return await value.apply(target, args);
          } finally {
            release();
          }
        };
      if (prop === 'close')
        return (...args: unknown[]) => {
          try {
            return value.apply(target, args);
          } finally {
            release();
          }
        };
      return value.bind(target);
    },
  });
}
