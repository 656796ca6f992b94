import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args';

const OPTIONS = { in: { type: 'string' }, grid: { type: 'boolean' }, db: { type: 'string' } } as const;
const USAGE = 'Usage: test';

function run(argv: string[]) {
  const lines: string[] = [];
  return { result: parseCliArgs(argv, OPTIONS, USAGE, (l) => lines.push(l)), lines };
}

describe('parseCliArgs (the one CLI argument parser)', () => {
  it('reads --name value, --name=value and flags; absent options are undefined', () => {
    const { result, lines } = run(['--in', 'sites.csv', '--grid', '--db=x.duckdb']);
    expect(result).toEqual({ values: { in: 'sites.csv', grid: true, db: 'x.duckdb' } });
    expect(lines).toEqual([]);
    expect(run([]).result).toEqual({ values: {} });
  });
  it('--help and -h print the usage and exit 0', () => {
    for (const h of ['--help', '-h']) {
      const { result, lines } = run([h]);
      expect(result).toEqual({ exitCode: 0 });
      expect(lines).toEqual([USAGE]);
    }
  });
  it('a bad argument exits 2 naming it, then the usage', () => {
    expect(run(['--nope'])).toEqual({ result: { exitCode: 2 }, lines: [`Unknown argument "--nope".\n${USAGE}`] });
    expect(run(['stray'])).toEqual({ result: { exitCode: 2 }, lines: [`Unknown argument "stray".\n${USAGE}`] });
    expect(run(['--grid', '--db'])).toEqual({ result: { exitCode: 2 }, lines: [`--db needs a value.\n${USAGE}`] });
    const flagValue = run(['--grid=yes']);
    expect(flagValue.result).toEqual({ exitCode: 2 });
    expect(flagValue.lines[0]).toMatch(/--grid' does not take an argument/);
  });
});
