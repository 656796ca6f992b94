import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, loadConfig } from '../config';
import { loadSourcesManifest, verifyData } from '../ingest/verify';
import { parseCliArgs } from './args';

const USAGE = `Usage: npm run data:verify -- [--data DIR] [--only ID,ID…] [--manifest FILE]

Checks every file of DATA_DIR (default ../shared/data, or --data) against data/sources.json: it exists, its
size and sha256 are the recorded ones, and its row count is the one stated in its folder's SOURCE.md.
Exit 0 when all match, 1 naming each file that does not.`;

/**
 * \`npm run data:verify\`. Returns the exit code (0 all files match, 1 a mismatch, 2 bad arguments) so tests
 * can call it; \`print\` receives each output line.
 */
export async function runVerify(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const parsed = parseCliArgs(argv, { data: { type: 'string' }, manifest: { type: 'string' }, only: { type: 'string' } }, USAGE, print);
  if ('exitCode' in parsed) return parsed.exitCode;
  const o = parsed.values;
  const dataDir = o.data ? path.resolve(o.data) : loadConfig().dataDir;
  const manifestFile = o.manifest ? path.resolve(o.manifest) : path.join(REPO_ROOT, 'data', 'sources.json');
  const only = o.only?.split(',').filter(Boolean);
  const manifest = loadSourcesManifest(manifestFile);
  if (only) {
    const unknown = only.filter((id) => !manifest.datasets.some((d) => d.id === id));
    if (unknown.length) {
      print(`Unknown dataset id(s) ${unknown.join(', ')}; known: ${manifest.datasets.map((d) => d.id).join(', ')}`);
      return 2;
    }
  }
  print(`Verifying ${dataDir} against ${path.relative(process.cwd(), manifestFile) || manifestFile}…`);
  const t0 = performance.now();
  const checks = await verifyData(dataDir, manifest, {
    only,
    onFile: (c) => print(`${c.ok ? 'ok  ' : 'FAIL'} ${c.file}${c.rows != null ? ` (${c.rows.toLocaleString('en-US')} rows)` : ''}${c.ok ? '' : ': ' + c.problems.join('; ')}`),
  });
  const bad = checks.filter((c) => !c.ok);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (bad.length) {
    print(`\n${bad.length} of ${checks.length} files do not match data/sources.json (${secs} s):`);
    for (const c of bad) print(`  ${c.file}: ${c.problems.join('; ')}`);
    return 1;
  }
  print(`\nAll ${checks.length} files match (sha256, size, SOURCE.md row counts) in ${secs} s.`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runVerify(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
