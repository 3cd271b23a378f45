import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntityTarget,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';

declare const IN_TRANSACTION: unique symbol;

/**
 * The manager of a transaction in progress. Only `Transactions.run` hands one out, so a function
 * that asks for a `Transaction` (to lock rows, say) cannot be called outside one.
 */
export type Transaction = EntityManager & { readonly [IN_TRANSACTION]: true };

/**
 * The one transaction handle. Work that changes state runs in `run`; reads outside a unit use
 * `manager`, which is the current transaction's when there is one, so an outer caller (the
 * idempotency interceptor, a job) can hold one transaction around the work, its audit event and
 * its stored response.
 *
 * Nesting is defined: a `run` inside another is a savepoint. When the inner unit fails only its
 * own statements are rolled back, so a caller that catches and translates the error (a unique
 * violation into a 409, say) leaves the outer transaction usable, not aborted.
 */
@Injectable()
export class Transactions {
  private readonly current = new AsyncLocalStorage<Transaction>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The manager of the transaction in progress, or the pool's when there is none. */
  get manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  /**
   * The transaction in progress, for work that must be part of its caller's (an outbox write);
   * throws when there is none, rather than committing that work on its own.
   */
  joined(what: string): Transaction {
    const tx = this.current.getStore();
    if (!tx) throw new Error(`${what} must run inside the transaction of the change`);
    return tx;
  }

  /**
   * Runs `work` in a transaction, or in a savepoint of the one in progress. Connections are READ
   * COMMITTED by default (see dataSourceOptions), so no per-transaction SET is sent.
   */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    const unit = (manager: EntityManager) => {
      const tx = manager as Transaction;
      return this.current.run(tx, () => work(tx));
    };
    // On a manager bound to a query runner in a transaction, TypeORM opens a SAVEPOINT.
    return outer ? outer.transaction(unit) : this.dataSource.transaction(unit);
  }
}

/**
 * `SELECT … FOR UPDATE` (or `FOR SHARE`) over `entity`: the rows read stay locked until `tx`
 * ends. The only way the service takes row locks, so that none is attempted outside a transaction.
 */
export function lockedQuery<T extends ObjectLiteral>(
  tx: Transaction,
  entity: EntityTarget<T>,
  alias: string,
  mode: 'update' | 'share' = 'update',
): SelectQueryBuilder<T> {
  return tx
    .createQueryBuilder(entity, alias)
    .setLock(mode === 'update' ? 'pessimistic_write' : 'pessimistic_read');
}
