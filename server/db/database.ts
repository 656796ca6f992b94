import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
// the converter `getColumnsObjectJS` uses (not re-exported by the package's index)
import { JSDuckDBValueConverter } from '@duckdb/node-api/lib/JSDuckDBValueConverter.js';
import { nextTurn } from '../eventLoop';

/**
 * Rows {@link Database.columns} converts between two turns of the event loop: one DuckDB chunk (2,048 rows, ≈ 5–20 ms).
 * 4 chunks held it up to 120 ms at start-up on a loaded machine, 2 still 40–95 ms (their strings and garbage collection included).
 */
export const COLUMNS_ROWS_PER_TURN = 2048;

/**
 * Within a chunk, {@link Database.columns} takes a turn of the event loop after a column once it has converted for this
 * long, ms: one chunk of the block groups' string columns still held it 60–100 ms at start-up on a loaded machine.
 */
export const COLUMNS_TURN_MS = 10;

/** Parameters bound to a statement: positional ($1, $2 …) or named ($name). */
export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;

/**
 * A thin wrapper over one DuckDB connection: typed row reads, statements and all-or-nothing transactions.
 * DuckDB lets ONE process own a database file read-write; a second process gets "Could not set lock on
 * file", which {@link openDatabase} turns into a {@link DatabaseLockedError}.
 */
export class Database {
  constructor(readonly instance: DuckDBInstance, readonly conn: DuckDBConnection, readonly path: string, readonly readOnly: boolean) {}

  /** Run a query and return its rows as plain JS objects (BIGINT → bigint, DATE → Date …). */
  async all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.track(this.conn.runAndReadAll(sql, params));
    return reader.getRowObjectsJS() as T[];
  }

  /** Run a query and return its rows as JSON-safe objects (BIGINT → number-as-string where large, dates → ISO). */
  async json<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.track(this.conn.runAndReadAll(sql, params));
    return reader.getRowObjectsJson() as T[];
  }

  /**
   * Run a query and return its result column by column (faster than row objects for 10⁵ rows; JS values as in
   * {@link all}). The result is converted {@link COLUMNS_ROWS_PER_TURN} rows at a time with a turn of the event loop
   * between, and within those rows a turn after a column once {@link COLUMNS_TURN_MS} have passed: converting the
   * 242,335 block groups at once held the loop 1–1.5 s at start-up.
   */
  async columns<T extends Record<string, unknown[]> = Record<string, unknown[]>>(sql: string, params?: SqlParams): Promise<T> {
    const result = await this.track(this.conn.run(sql, params));
    const names = result.deduplicatedColumnNames();
    const out: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, []]));
    let rows = 0, since = performance.now();
    const turn = async () => { rows = 0; await nextTurn(); since = performance.now(); };
    for (;;) {
      const chunk = await this.track(result.fetchChunk());
      if (!chunk || chunk.rowCount === 0) break;
      for (let ci = 0; ci < names.length; ci++) {
        const col = out[names[ci]];
        chunk.visitColumnValues(ci, (v, _r, _c, type) => { col.push(JSDuckDBValueConverter(v, type, JSDuckDBValueConverter)); });
        if (ci < names.length - 1 && performance.now() - since >= COLUMNS_TURN_MS) await turn();
      }
      rows += chunk.rowCount;
      if (rows >= COLUMNS_ROWS_PER_TURN) await turn();
    }
    return out as T;
  }

  /** Run a statement for its effect. */
  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.track(this.conn.run(sql, params));
  }

  /**
   * Run `fn` inside BEGIN … COMMIT; on any throw, ROLLBACK and rethrow, leaving the database as it was.
   * Nested calls join the outer transaction.
   */
  async transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    await this.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const out = await fn(this);
      await this.run('COMMIT');
      return out;
    } catch (err) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      this.inTransaction = false;
    }
  }

  private inTransaction = false;

  /** Statements running on this connection (see {@link shutdown}). */
  private readonly running = new Set<Promise<unknown>>();

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    const done = () => { this.running.delete(p); };
    p.then(done, done);
    return p;
  }

  /** A second connection to the same instance (several connections inside one process are fine). */
  async connect(): Promise<Database> {
    return new Database(this.instance, await this.instance.connect(), this.path, this.readOnly);
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /**
   * Close while statements may still run (a server stopping mid-request): interrupt them — their promises reject
   * with DuckDB's INTERRUPT error —, wait until they have settled (at most `timeoutMs`), then {@link close}.
   * Closing, or exiting the process, with a statement still running in DuckDB's threads hangs the process.
   */
  async shutdown(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // a settled statement may start another (a ROLLBACK after an interrupted transaction): repeat until none runs
    while (this.running.size && Date.now() < deadline) {
      this.conn.interrupt();
      await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, deadline - Date.now()).unref())]);
    }
    this.close();
  }
}

/** Thrown when another process holds the DuckDB file. */
export class DatabaseLockedError extends Error {
  readonly code = 'database_locked';
  constructor(readonly path: string, cause: unknown) {
    super(`The database ${path} is held by another process (is the Outlet Planner server running?). ` +
      `Stop it, or use the CLI with --server http://HOST:PORT to work through it.`, { cause });
  }
}

/**
 * Open (creating if needed) a DuckDB database. `path` ':memory:' gives a private in-memory database.
 * @throws DatabaseLockedError when another process holds the file.
 */
export async function openDatabase(path: string, opts: { readOnly?: boolean } = {}): Promise<Database> {
  try {
    const options: Record<string, string> = {};
    if (opts.readOnly) options.access_mode = 'READ_ONLY';
    const instance = await DuckDBInstance.create(path, options);
    const conn = await instance.connect();
    return new Database(instance, conn, path, !!opts.readOnly);
  } catch (err) {
    if (/lock/i.test(String((err as Error)?.message))) throw new DatabaseLockedError(path, err);
    throw err;
  }
}

/** Quote an SQL identifier (the only place identifiers are spliced into SQL). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
