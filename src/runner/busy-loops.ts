/**
 * CPU-bound processes that load the machine while a measurement runs ("under two busy loops"):
 * each spins forever until stopped. They carry the checker's mark and are tracked like the
 * course's own tools, so Ctrl-C, a crash or a kill of the measuring process ends them too.
 */
import { spawn } from 'node:child_process';
import { toolEnv, trackTool } from './cleanup.ts';

export interface BusyLoops {
  readonly count: number;
  stop(): void;
}

export function startBusyLoops(count: number): BusyLoops {
  const children = Array.from({ length: count }, () => trackTool(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', env: toolEnv() })));
  return {
    count,
    stop: () => children.forEach((c) => c.kill('SIGKILL')),
  };
}
