/**
 * Colour only where a person is looking at a terminal: off when NO_COLOR is set or output is
 * piped or captured (CI logs), on when FORCE_COLOR asks for it.
 */
import pc from 'picocolors';

export function colourWanted(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export type Style = ReturnType<typeof pc.createColors>;

export function makeStyle(enabled = colourWanted()): Style {
  return pc.createColors(enabled);
}
