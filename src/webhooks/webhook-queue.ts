import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JOB_QUEUE_SCHEMA } from '../database/job-queue.js';

export const DELIVERY_QUEUE = 'webhook-delivery';

/** NOTIFYed in the publishing transaction, so it reaches the listeners when that commits. */
export const DELIVERY_CHANNEL = 'webhook_deliveries';

export interface DeliveryJob {
  deliveryId: string;
}

export interface QueuedDelivery {
  jobId: string;
  deliveryId: string;
  /** Delay measured by the database clock; none: due now. */
  afterMs?: number;
}

type DeliveryHandler = (deliveryId: string, jobId: string) => Promise<void>;

/**
 * The pg-boss delivery queue of this instance. Jobs are inserted through the caller's
 * transaction (so they exist exactly when the change that caused them commits) and fetched with
 * SKIP LOCKED by every instance's workers. Workers sleep between polls; a NOTIFY on commit, or a
 * local timer for a scheduled retry, wakes them at once.
 */
@Injectable()
export class WebhookQueue implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WebhookQueue.name);
  private readonly settings: AppConfig['webhooks'];
  private readonly boss: PgBoss;
  private readonly workerIds: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private listener?: pg.Client;
  private started = false;
  private stopping = false;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.settings = config.webhooks;
    this.boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: JOB_QUEUE_SCHEMA,
      application_name: 'compliance-service-jobs',
      max: this.settings.concurrency + 2,
      // The schema is installed with the migrations, under their lock (src/database/job-queue.ts).
      migrate: false,
      // Periodic jobs stay on ScheduledJobs; pg-boss is only the delivery queue.
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: Math.min(120, this.jobExpirySeconds),
    });
    this.boss.on('error', (error) => this.warn('Job queue error', error));
  }

  /**
   * How long a job may stay active before pg-boss hands it to another worker: a delivery is one
   * request bounded by the timeout plus two short transactions, so twice the timeout is ample.
   * Only an instance that died mid-delivery (kill -9) leaves a job to expire.
   */
  get jobExpirySeconds(): number {
    return Math.ceil((2 * this.settings.timeoutMs) / 1000) + 5;
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(DELIVERY_QUEUE, {
      name: DELIVERY_QUEUE,
      expireInSeconds: this.jobExpirySeconds,
      // Retries of the job itself cover only infrastructure failures (the database went away
      // mid-attempt); receivers' failures are retried by scheduling a new job with its backoff.
      retryLimit: 20,
      retryDelay: 1,
      retryBackoff: true,
      retentionMinutes: 7 * 24 * 60,
    });
    this.started = true;
  }

  /** Starts this instance's workers; called once the delivery handler exists. */
  async work(handler: DeliveryHandler): Promise<void> {
    const options = {
      batchSize: 1,
      pollingIntervalSeconds: this.settings.pollIntervalMs / 1000,
    };
    for (let i = 0; i < this.settings.concurrency; i++) {
      let workerId = '';
      workerId = await this.boss.work<DeliveryJob>(DELIVERY_QUEUE, options, async (jobs) => {
        for (const job of jobs) await handler(job.data.deliveryId, job.id);
        // More may be waiting: fetch again right away instead of sleeping a poll interval.
        if (jobs.length > 0) this.boss.notifyWorker(workerId);
      });
      this.workerIds.push(workerId);
    }
    await this.listen();
  }

  /** Inserts the jobs in the transaction of `manager` (no commit, no job). */
  async enqueue(deliveries: QueuedDelivery[], manager: EntityManager): Promise<void> {
    if (deliveries.length === 0) return;
    await this.boss.insert(
      deliveries.map((delivery) => ({
        id: delivery.jobId,
        name: DELIVERY_QUEUE,
        data: { deliveryId: delivery.deliveryId },
        startAfter: delivery.afterMs === undefined ? undefined : `${delivery.afterMs} milliseconds`,
      })),
      {
        db: {
          executeSql: (text, values) => manager.query(text, values).then(() => ({ rows: [] })),
        },
      },
    );
  }

  /** Wakes this instance's workers when a retry falls due (other instances find it by polling). */
  wakeAfter(ms: number): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wake();
    }, ms + 20);
    timer.unref();
    this.timers.add(timer);
  }

  /** Jobs waiting and in flight, for the readiness check. */
  async depth(): Promise<{ queued: number; active: number }> {
    if (!this.started) throw new Error('the job queue is not running');
    const rows = await this.dataSource.query<{ queued: number; active: number }[]>(
      `SELECT count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
              count(*) FILTER (WHERE state = 'active')::int AS active
         FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1`,
      [DELIVERY_QUEUE],
    );
    return rows[0];
  }

  /**
   * Stops polling and waits for deliveries in flight (at most one timeout); a job still running
   * then is failed back to the queue and retried by whichever instance runs next.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: this.settings.timeoutMs + 1000 });
    this.started = false;
  }

  private wake(): void {
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'compliance-service-listen',
    });
    const retry = () => {
      if (this.stopping || this.listener !== client) return;
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    };
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.warn('Delivery wake-up listener lost; polling meanwhile', error);
      retry();
    });
    client.on('end', retry);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${DELIVERY_CHANNEL}`);
    } catch (error) {
      this.warn('Delivery wake-up listener failed; polling meanwhile', error);
      retry();
    }
  }

  /**
   * Connection errors while stopping are expected (an embedded database receives the same Ctrl-C
   * and closes its connections first) and not logged. pg's errors carry their client (the whole
   * connection state) as a property; only what identifies the error is logged.
   */
  private warn(message: string, error: unknown): void {
    if (this.stopping) return;
    const {
      name,
      message: reason,
      code,
    } = error as { name?: string; message?: string; code?: string };
    this.logger.warn({ err: { name, message: reason, code } }, message);
  }

  private get databaseUrl(): string {
    return (this.dataSource.options as { url: string }).url;
  }
}
