/**
 * Argument parsing shared by the commands: node's own parseArgs, with unknown flags and
 * missing values turned into a UsageError that names the flag.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { detectLang, text, type Lang } from '../i18n.ts';
import { UsageError } from '../errors.ts';

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = (err as Error).message;
    const flag = /'(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? '';
    throw new UsageError(
      /Unknown option/.test(msg)
        ? text(`Unknown option ${flag}. Run with --help to see the options.`, `알 수 없는 옵션 ${flag}. --help로 옵션을 확인하세요.`)
        : text(`Bad arguments: ${msg}`, `잘못된 인자: ${msg}`),
    );
  }
}

/** The report language: `--lang en|ko` if given (anything else is a usage error), else the locale. */
export function langOption(value: string | undefined): Lang {
  if (value !== undefined && value !== 'en' && value !== 'ko') {
    throw new UsageError(text(`--lang must be en or ko, not "${value}".`, `--lang은 en 또는 ko여야 합니다("${value}"는 안 됩니다).`));
  }
  return detectLang(value);
}
