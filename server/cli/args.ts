import { parseArgs } from 'node:util';

/** The options a command accepts: `--name value` (string) or `--name` (boolean flag). */
export type CliOptions = Record<string, { type: 'string' | 'boolean' }>;

/** Parsed option values: a string per given string option, true per given flag; absent ones are undefined. */
export type CliValues<O extends CliOptions> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/**
 * The one argument parser of the command-line tools (node:util `parseArgs`, strict): `--name value` or
 * `--name=value` for string options (`--name=-1` for a value starting with a dash), `--name` for flags, and `--help` /
 * `-h` built in. Returns the values, or the exit code after printing: 0 for help (the usage text), 2 for a bad
 * argument — an unknown option or a stray word (`Unknown argument "…".`), a string option without its value
 * (`--name needs a value.`), a value given to a flag — followed by the usage.
 */
export function parseCliArgs<O extends CliOptions>(argv: readonly string[], options: O, usage: string,
  print: (line: string) => void): { values: CliValues<O> } | { exitCode: 0 | 2 } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    print(`${argumentProblem(err as Error & { code?: string }, argv)}\n${usage}`);
    return { exitCode: 2 };
  }
  if (values.help) { print(usage); return { exitCode: 0 }; }
  return { values: values as CliValues<O> };
}

/** A one-line description of what `parseArgs` refused, naming the argument as the user typed it. */
function argumentProblem(err: Error & { code?: string }, argv: readonly string[]): string {
  const quoted = /'(-[^' ]*|[^']*)'/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `Unknown argument "${quoted ?? '?'}".`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `Unknown argument "${quoted ?? argv.find((a) => !a.startsWith('-')) ?? '?'}".`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--[\w-]+/.exec(err.message)?.[0];
      return name && /argument missing/.test(err.message) ? `${name} needs a value.` : err.message.split('\n').join(' ');
    }
    default: return err.message;
  }
}
