import pg from 'pg';
import { lockedQuery, Transactions } from '../src/database/transactions.js';
import { User } from '../src/users/entities/user.entity.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

describe('Transactions', () => {
  let t: TestApp;
  let transactions: Transactions;
  let db: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    transactions = t.app.get(Transactions);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    await db.query('CREATE TABLE tx_probe (id integer PRIMARY KEY)');
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });
  beforeEach(() => db.query('TRUNCATE tx_probe'));

  const ids = async () =>
    (await db.query<{ id: number }>('SELECT id FROM tx_probe ORDER BY id')).rows.map((r) => r.id);

  it('runs a nested unit as a savepoint: a caught failure leaves the outer unit usable', async () => {
    await transactions.run(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES (1)');
      const inner = transactions.run((nested) => nested.query('INSERT INTO tx_probe VALUES (1)'));
      await expect(inner).rejects.toMatchObject({ driverError: { code: '23505' } });
      await tx.query('INSERT INTO tx_probe VALUES (2)');
    });
    expect(await ids()).toEqual([1, 2]);
  });

  it('keeps a nested unit that succeeded, and rolls everything back when the outer one fails', async () => {
    await expect(
      transactions.run(async (tx) => {
        await transactions.run((nested) => nested.query('INSERT INTO tx_probe VALUES (3)'));
        await tx.query('INSERT INTO tx_probe VALUES (4)');
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await ids()).toEqual([]);
    await transactions.run(async () => {
      await transactions.run((nested) => nested.query('INSERT INTO tx_probe VALUES (5)'));
    });
    expect(await ids()).toEqual([5]);
  });

  it('shares the transaction in progress through manager, and uses the pool outside', async () => {
    await transactions.run(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES (6)');
      const seen = await transactions.manager.query<unknown[]>('SELECT id FROM tx_probe');
      expect(seen).toEqual([{ id: 6 }]);
      expect(await ids()).toEqual([]);
    });
    expect(await ids()).toEqual([6]);
  });

  it('holds the rows of lockedQuery until the transaction ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const unit = transactions.run(async (tx) => {
      const admin = await lockedQuery(tx, User, 'user')
        .where('user.username = :name', { name: 'admin' })
        .getOneOrFail();
      expect(admin.username).toBe('admin');
      locked();
      await held;
    });
    await isLocked;
    await expect(
      db.query("SELECT 1 FROM users WHERE username = 'admin' FOR UPDATE NOWAIT"),
    ).rejects.toMatchObject({ code: '55P03' });
    release();
    await unit;
    await db.query("SELECT 1 FROM users WHERE username = 'admin' FOR UPDATE NOWAIT");
  });
});
