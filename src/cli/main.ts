/**
 * Runs a command's body and maps its outcome to an exit code: 0 success, 1 a check failed,
 * 2 a usage error (explained in one line, no stack trace). Anything else is a bug: it is
 * reported as such, with the stack, and exits 70.
 */
import { detectLang, pick } from '../i18n.ts';
import { UsageError } from '../errors.ts';
import { langFromArgv } from './args.ts';

export async function runCommand(body: () => Promise<number>): Promise<void> {
  // Errors can come before the command has parsed its flags, so --lang is looked up here too.
  const lang = detectLang(langFromArgv(process.argv.slice(2)));
  try {
    process.exitCode = await body();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${pick(err.text, lang)}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.stderr.write(
      lang === 'ko' ? '코스 도구 자체의 오류입니다. 위 내용을 알려 주세요.\n' : 'This is an error in the course tools themselves. Please report the text above.\n',
    );
    process.exitCode = 70;
  }
}
