import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NYC_BOROUGHS } from '../../core/api/coverage';

/**
 * County names by 5-digit FIPS from `<dataDir>/census-cenpop2020/county2020.csv` (e.g. "Bergen County, New Jersey"
 * → "Bergen, New Jersey"); NYC counties get their borough names. When the file cannot be read, only the borough
 * names. server/services.ts keeps one per app (its own data folder).
 */
export async function loadCountyNames(dataDir: string): Promise<Map<string, string>> {
  try {
    const text = await readFile(path.join(dataDir, 'census-cenpop2020', 'county2020.csv'), 'utf8');
    const m = new Map<string, string>();
    for (const line of text.split(/\r?\n/).slice(1)) {
      const f = line.split(',');
      if (f.length < 4) continue;
      m.set(f[0] + f[1], `${f[2]}, ${f[3]}`);
    }
    for (const [fips, name] of Object.entries(NYC_BOROUGHS)) m.set(fips, name);
    return m;
  } catch {
    return new Map(Object.entries(NYC_BOROUGHS));
  }
}
