import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { DatabaseLockedError, openDatabase } from '../db/database';
import { AppError } from '../errors';
import { AccountStore, LOCAL_USER, ROLES, type Role } from '../auth/accounts';
import { AuditLog } from '../auth/audit';
import { parseCliArgs } from './args';

const USAGE = `Usage: npm run user:create -- --email EMAIL (--admin | --role viewer|analyst|designer|admin) [--db FILE]

Creates an account in the server's database (env DB_PATH, default data/cache/outlet-planner.duckdb). The password is
read from env OUTLET_PLANNER_PASSWORD, or else from the first line of standard input
(e.g. \`printf '%s\\n' "$PW" | npm run user:create -- --admin --email it@bank.example\`). At least 10 characters.
Run it while the server is stopped (DuckDB lets one process hold the file); later accounts are created by an
administrator in the app (Users) or with POST /api/users.`;

async function readFirstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

/**
 * `npm run user:create`. @returns the exit code (0 created, 1 refused, 2 bad arguments); `print` gets each line.
 */
export async function runUserCreate(argv: string[], io: { env?: Record<string, string | undefined>; stdin?: NodeJS.ReadableStream;
  print?: (line: string) => void } = {}): Promise<number> {
  const print = io.print ?? console.log;
  const env = { ...(io.env ?? process.env) };
  const parsed = parseCliArgs(argv, { email: { type: 'string' }, admin: { type: 'boolean' }, role: { type: 'string' }, db: { type: 'string' } }, USAGE, print);
  if ('exitCode' in parsed) return parsed.exitCode;
  const args = parsed.values;
  const role = (args.admin ? 'admin' : args.role) as Role | undefined;
  if (!args.email || !role || (args.admin && args.role && args.role !== 'admin')) { print(USAGE); return 2; }
  if (!ROLES.includes(role)) { print(`--role must be one of ${ROLES.join(', ')}, got "${role}"`); return 2; }
  if (args.db) env.DB_PATH = path.resolve(args.db);
  const password = env.OUTLET_PLANNER_PASSWORD ?? (io.stdin ? await readFirstLine(io.stdin) : '');
  const config = loadConfig(env);
  fs.mkdirSync(path.dirname(config.dbPath), { recursive: true });
  let db;
  try {
    db = await openDatabase(config.dbPath);
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      print(`Cannot create the account: the database ${config.dbPath} is held by the running server. Stop it (Ctrl-C) and run this again, ` +
        'or sign in as an administrator and add the account under Users.');
      return 1;
    }
    throw err;
  }
  try {
    const accounts = new AccountStore(db);
    const u = await accounts.create(args.email, password, role);
    await new AuditLog(db).record({ ...LOCAL_USER, email: 'command line' }, 'create', 'user', u.id, `${u.email} as ${u.role} (npm run user:create)`);
    print(`Created ${u.role} ${u.email}. Start the server (npm start) and sign in.`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) { print(`Cannot create the account: ${err.message}`); return 1; }
    throw err;
  } finally {
    db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runUserCreate(process.argv.slice(2), { stdin: process.stdin }).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
