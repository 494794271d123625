/**
 * `autograder.zip` in Gradescope's layout: `setup.sh` and `run_autograder` at the root, beside
 * what they need — the engine (src/), the chosen lessons with their hidden checks, the
 * package files for `npm ci`, and `autograder.json` (the lessons, language, visibility and
 * time limit chosen). The solutions are never in it: a program run unboxed in Gradescope's
 * container could read whatever the zip holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { Lesson } from '../lessons.ts';
import { COURSE_ROOT } from '../paths.ts';
import { CONFIG_FILE, type AutograderConfig } from './autograder-run.ts';

/** Folders never bundled, wherever they are. */
const SKIP = new Set(['node_modules', '.git', '.course', '.DS_Store']);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * The real programs a lesson's checks run against, as Ubuntu packages: the course has no
 * manifest field for them, its checks say which they run (the source's Python and Java).
 */
export function toolsFor(lesson: Lesson): string[] {
  const checks = filesUnder(path.dirname(lesson.checksFile));
  const code = checks.filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const tools: string[] = [];
  if (checks.some((f) => f.endsWith('.py')) || /\bfindPython\b/.test(code)) tools.push('python3');
  if (checks.some((f) => f.endsWith('.java')) || /\b(hasJava|compileJava)\b/.test(code)) tools.push('default-jdk-headless');
  if (/\bcurl\b/.test(code)) tools.push('curl');
  return tools;
}

export function setupScript(packages: string[]): string {
  const list = ['ca-certificates', 'curl', 'gnupg', 'bubblewrap', ...packages.filter((p) => p !== 'curl')].join(' ');
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu).
# It installs Node.js 20, the sandbox (bubblewrap), the real programs the graded lessons'
# checks talk to, and the course's own dependencies.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SOURCE="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
apt-get update
apt-get install -y --no-install-recommends ${list}
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
cd "$SOURCE"
npm ci --no-audit --no-fund
`;
}

/** Always leaves a results file, even when node itself cannot start. */
export const RUN_AUTOGRADER = `#!/usr/bin/env bash
# Gradescope runs this once per submission, in that submission's own container, from
# /autograder. AUTOGRADER_ROOT stands in for /autograder (the course's self-test sets it).
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
mkdir -p "$ROOT/results"
cd "$ROOT/source" && node --import tsx scripts/autograder-run.ts --root "$ROOT"
status=$?
if [ ! -s "$ROOT/results/results.json" ]; then
  cat > "$ROOT/results/results.json" <<JSON
{"score": 0, "output": "The autograder could not start (exit code $status); see the autograder output. / 자동 채점기를 시작하지 못했습니다(종료 코드 $status). 자동 채점기 출력을 확인하세요.", "tests": []}
JSON
fi
exit 0
`;

const EXECUTABLE = { os: 3, attrs: (0o100755 << 16) >>> 0 };
const REGULAR = { os: 3, attrs: (0o100644 << 16) >>> 0 };

export function autograderFiles(lessons: Lesson[], config: AutograderConfig): Zippable {
  const files: Zippable = {};
  const add = (name: string, data: string | Uint8Array, executable = false) => {
    files[name] = [typeof data === 'string' ? new TextEncoder().encode(data) : data, executable ? EXECUTABLE : REGULAR];
  };
  const bundled = [
    ...['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/autograder-run.ts'].map((f) => path.join(COURSE_ROOT, f)),
    ...filesUnder(path.join(COURSE_ROOT, 'src')),
    ...lessons.flatMap((l) => filesUnder(l.dir)),
  ];
  for (const f of bundled) add(path.relative(COURSE_ROOT, f).split(path.sep).join('/'), fs.readFileSync(f));
  const packages = [...new Set(lessons.flatMap(toolsFor))].sort();
  add('setup.sh', setupScript(packages), true);
  add('run_autograder', RUN_AUTOGRADER, true);
  add(CONFIG_FILE, JSON.stringify(config, null, 2) + '\n');
  return files;
}

export function autograderZip(lessons: Lesson[], config: AutograderConfig): Uint8Array {
  return zipSync(autograderFiles(lessons, config), { level: 9 });
}
