import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { DatabaseLockedError, openDatabase } from '../db/database';
import { ImportError, ensureImported } from '../ingest/importAll';
import { parseCliArgs } from './args';

const USAGE = `Usage: npm run data:import -- [--force] [--db FILE] [--data DIR]

Imports DATA_DIR (default ../shared/data, or --data) into the DuckDB file (default data/cache/outlet-planner.duckdb,
env DB_PATH, or --db) in one transaction. A no-op when the same files were already imported for the same
SERVICE_DATE; --force re-imports. The server (npm start) does the same on start-up.`;

/**
 * \`npm run data:import\`. Returns the exit code (0 imported or already current, 1 failed, 2 bad arguments);
 * \`print\` receives each output line. A database held by another process (the running server) is reported
 * in plain words, not as a stack trace.
 */
export async function runImport(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const parsed = parseCliArgs(argv, { force: { type: 'boolean' }, db: { type: 'string' }, data: { type: 'string' } }, USAGE, print);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { force = false, db: dbArg, data } = parsed.values;
  const env: Record<string, string | undefined> = { ...process.env };
  if (dbArg) env.DB_PATH = path.resolve(dbArg);
  if (data) env.DATA_DIR = path.resolve(data);
  const config = loadConfig(env);
  fs.mkdirSync(path.dirname(config.dbPath), { recursive: true });
  fs.mkdirSync(config.cacheDir, { recursive: true });
  let db;
  try {
    db = await openDatabase(config.dbPath);
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      print(`Cannot import: the database ${config.dbPath} is held by another process (is the Outlet Planner server running?).`);
      print('Stop that process and run `npm run data:import` again — the server also imports on start-up, so restarting it is enough.');
      return 1;
    }
    throw err;
  }
  try {
    const summary = await ensureImported(db, config, { force, log: print });
    if (summary.skipped) print(`Nothing to do: ${config.dbPath} already holds this import (use --force to redo it).`);
    return 0;
  } catch (err) {
    if (err instanceof ImportError) {
      print(err.message);
      print('Nothing was changed: the import is all or nothing.');
      return 1;
    }
    throw err;
  } finally {
    db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runImport(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
