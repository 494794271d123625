/**
 * Argument parsing shared by the commands: node's own parseArgs, with unknown flags and
 * missing values turned into a UsageError that names the flag.
 *
 * `npm run check lesson-01 --solution` (without `--`) does not pass `--solution` on: npm keeps
 * it as its own setting and hands it over as the environment variable npm_config_solution.
 * So, when the command runs as that npm script, a known flag found there counts as given.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { detectLang, fill, text, type Lang } from '../i18n.ts';
import { UsageError } from '../errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The command's name (`check`, `reset`…), from the script that runs. */
export function commandName(argv1 = process.argv[1] ?? ''): string {
  return path.basename(argv1).replace(/\.[cm]?[jt]s$/, '');
}

/** How to show a command's options, as one types it through npm. */
function helpCommand(): string {
  return `npm run ${commandName()} -- --help`;
}

/** True when npm started this very script (`npm run check …`), not a parent command's. */
function runByNpm(env: NodeJS.ProcessEnv): boolean {
  return env.npm_lifecycle_event !== undefined && env.npm_lifecycle_event === commandName();
}

/**
 * npm reads `--lang` as the short flags -l -a -n -g (long, all, global), and its value `ko` is
 * left as an argument: that trio plus a lone `en`/`ko` is what `--lang ko` became.
 */
function npmAteLang(env: NodeJS.ProcessEnv): boolean {
  return env.npm_config_long === 'true' && env.npm_config_global === 'true' && env.npm_config_all === 'true';
}

export interface NpmFlags {
  argv: string[];
  /** Flags taken from npm's variables, as they should have been typed (for a tip). */
  recovered: string[];
}

/**
 * Adds to `argv` the known flags npm kept for itself. A string flag whose value npm dropped
 * (`--dir path` becomes npm_config_dir=true and a stray `path`) cannot be put back for sure:
 * the learner is told exactly what to type instead.
 */
export function withNpmFlags(argv: string[], options: Options, env: NodeJS.ProcessEnv = process.env): NpmFlags {
  if (!runByNpm(env)) return { argv, recovered: [] };
  const out = [...argv];
  const recovered: string[] = [];
  const ateLang = 'lang' in options && npmAteLang(env) && !argv.some((a) => a === '--lang' || a.startsWith('--lang='));
  if (ateLang) {
    const at = out.findIndex((a) => a === 'en' || a === 'ko');
    if (at !== -1) {
      recovered.push(`--lang ${out[at]}`);
      out.push(`--lang=${out.splice(at, 1)[0]}`);
    }
  }
  const lost: string[] = [];
  for (const [name, o] of Object.entries(options)) {
    if (name === 'help' || (ateLang && name === 'all')) continue; // npm answers --help itself
    const given = argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    const value = env[`npm_config_${name.replace(/-/g, '_')}`];
    if (given || value === undefined || value === '') continue;
    if (o.type === 'boolean') {
      if (value === 'true') {
        out.push(`--${name}`);
        recovered.push(`--${name}`);
      }
    } else if (value === 'true') lost.push(name);
    else {
      out.push(`--${name}=${value}`);
      recovered.push(`--${name} ${value}`);
    }
  }
  if (lost.length > 0) throw lostValues(out, lost);
  return { argv: out, recovered };
}

/** `npm run check lesson-01 --dir x`: npm kept --dir and dropped the link to `x`. */
function lostValues(argv: string[], lost: string[]): UsageError {
  const positionals = argv.filter((a) => !a.startsWith('-'));
  const flags = argv.filter((a) => a.startsWith('-'));
  // The values npm left behind are the last arguments, in the order the flags were typed.
  const values = positionals.splice(Math.max(1, positionals.length - lost.length));
  const typed = [...positionals, ...flags.map((f) => f.replace(/^(--[^=]+)=/, '$1 ')), ...lost.map((n, i) => `--${n}${values[i] ? ` ${values[i]}` : ' …'}`)];
  const command = `npm run ${commandName()} -- ${typed.join(' ')}`.trimEnd();
  const names = lost.map((n) => `--${n}`).join(', ');
  return new UsageError(
    fill(
      text(
        'npm kept {names} for itself (options before "--" go to npm, not to the course). Type:\n  {command}',
        'npm이 {names}을(를) 가로챘습니다("--" 앞의 옵션은 코스가 아니라 npm이 받습니다). 이렇게 입력하세요:\n  {command}',
      ),
      { names, command },
    ),
  );
}

export function parseCommandArgs<T extends Options>(argv: string[], options: T) {
  const npm = withNpmFlags(argv, options);
  try {
    const parsed = parseArgs({ args: npm.argv, options, allowPositionals: true, strict: true });
    if (npm.recovered.length > 0) tellAboutDoubleDash(npm, (parsed.values as Record<string, unknown>).lang as string | undefined);
    return parsed;
  } catch (err) {
    const msg = (err as Error).message;
    const flag = /'(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? '';
    throw new UsageError(
      /Unknown option/.test(msg)
        ? fill(text('Unknown option {flag}. To see the options: {help}', '알 수 없는 옵션 {flag}. 옵션 보기: {help}'), { flag, help: helpCommand() })
        : text(`Bad arguments: ${msg}`, `잘못된 인자: ${msg}`),
    );
  }
}

/** One line on stderr: the flags were honoured, and how to type them so npm stays quiet. */
function tellAboutDoubleDash(npm: NpmFlags, langFlag: string | undefined): void {
  const lang: Lang = detectLang(langFlag);
  const positionals = npm.argv.filter((a) => !a.startsWith('-'));
  const command = `npm run ${commandName()} ${[...positionals, '--', ...npm.recovered].join(' ')}`;
  const tip = fill(
    text('(npm passed on {flags} as its own setting; it was used. Next time type: {command})', '(npm이 {flags}을(를) 자기 설정으로 넘겼지만 그대로 적용했습니다. 다음에는 이렇게 입력하세요: {command})'),
    { flags: npm.recovered.join(' '), command },
  );
  process.stderr.write(`${tip[lang]}\n`);
}

/** The report language: `--lang en|ko` if given (anything else is a usage error), else the locale. */
export function langOption(value: string | undefined): Lang {
  if (value !== undefined && value !== 'en' && value !== 'ko') {
    throw new UsageError(text(`--lang must be en or ko, not "${value}".`, `--lang은 en 또는 ko여야 합니다("${value}"는 안 됩니다).`));
  }
  return detectLang(value);
}

/** `--lang` as typed (also when npm swallowed it), before the command parses its flags. */
export function langFromArgv(argv: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const at = argv.indexOf('--lang');
  if (at !== -1) return argv[at + 1];
  const eq = argv.find((a) => a.startsWith('--lang='));
  if (eq) return eq.slice('--lang='.length);
  if (runByNpm(env) && npmAteLang(env)) return argv.find((a) => a === 'en' || a === 'ko');
  return undefined;
}
