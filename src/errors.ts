import type { Text } from './i18n.ts';

/** A mistake in how a command was called: reported in one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = 'UsageError';
  }
}
