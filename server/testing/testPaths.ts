import path from 'node:path';
import { REPO_ROOT } from '../config';

/** The import cache shared by every test run: built once by globalSetup, opened read-only by tests. */
export const TEST_CACHE_DIR = path.join(REPO_ROOT, 'data', 'cache', 'test');
export const TEST_DB_PATH = path.join(TEST_CACHE_DIR, 'outlet-planner.duckdb');
