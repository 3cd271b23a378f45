import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The transaction in progress for the current async call chain. Services read `manager` for all
 * their queries and wrap state changes in `run`, so an outer caller (the idempotency interceptor,
 * a job) can hold one transaction around the work, its audit event and its stored response.
 */
@Injectable()
export class Transactions {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The manager of the transaction in progress, or the pool's when there is none. */
  get manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  get active(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs `work` in a transaction, joining the one in progress if there is one. Connections are
   * READ COMMITTED by default (see dataSourceOptions), so no per-transaction SET is sent.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const manager = this.current.getStore();
    if (manager) return work(manager);
    return this.dataSource.transaction((tx) => this.current.run(tx, () => work(tx)));
  }
}
