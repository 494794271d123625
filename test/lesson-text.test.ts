/**
 * The lesson texts, read as a learner would meet them: both languages present with the same
 * sections, every failure the checker can report explained, every link resolving, and every
 * TypeScript block compiling.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { COURSE_ROOT, LESSONS_DIR, STATE_DIR } from '../src/paths.ts';
import { listLessonNames, loadLesson } from '../src/lessons.ts';
import { loadChecks } from '../src/checks/run-lesson.ts';
import { placeholdersOf } from '../src/checks/mistakes.ts';
import { listVariants } from './support/variants.ts';

const md = new MarkdownIt({ html: true });
const REQUIRED = ['what-you-build', 'the-exchange', 'the-checks', 'mistakes', 'run-it'];
const COURSE_REQUIRED = ['the-program-contract', 'when-things-go-wrong'];

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Ids a link can point at: explicit `<a id>` anchors and GitHub-style heading slugs. */
function anchors(src: string): Set<string> {
  const ids = new Set<string>();
  for (const m of src.matchAll(/<a\s+id="([^"]+)"/g)) ids.add(m[1]!);
  for (const t of md.parse(src, {}).filter((x) => x.type === 'inline')) {
    // heading slugs, as GitHub makes them
    ids.add(t.content.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-'));
  }
  return ids;
}

function explicitIds(src: string): Set<string> {
  return new Set([...src.matchAll(/<a\s+id="([^"]+)"/g)].map((m) => m[1]!));
}

function links(src: string): string[] {
  const out: string[] = [];
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const t of tokens) {
      if (t.type === 'link_open') out.push(String(t.attrGet('href') ?? ''));
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(src, {}));
  return out;
}

function codeBlocks(src: string, lang: string): string[] {
  return md
    .parse(src, {})
    .filter((t) => t.type === 'fence' && t.info.trim().split(/\s+/)[0] === lang)
    .map((t) => t.content);
}

/** Reasons and README sections named by a checks module (string literals). */
function namedIn(file: string, key: 'reason' | 'section'): string[] {
  const src = read(file);
  // The value may be a literal or a choice between literals (`reason: a ? 'x' : 'y'`).
  const values = [...src.matchAll(new RegExp(`\\b${key}: ([^,\\n]+)`, 'g'))].map((m) => m[1]!);
  const choices = values.map((v) => v.replace(/[!=]==\s*'[^']*'/g, '')); // drop the conditions' own literals
  return [...new Set(choices.flatMap((v) => [...v.matchAll(/'([a-z0-9:-]+)'/g)].map((m) => m[1]!)))];
}

function checkLinks(file: string): string[] {
  const problems: string[] = [];
  for (const href of links(read(file))) {
    if (/^[a-z]+:/i.test(href)) continue; // http(s):, mailto:
    const [target, anchor] = href.split('#') as [string, string | undefined];
    const resolved = target ? path.resolve(path.dirname(file), decodeURI(target)) : file;
    if (!fs.existsSync(resolved)) problems.push(`${href}: no such file`);
    else if (anchor && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor)) problems.push(`${href}: no such section`);
  }
  return problems;
}

/** Reasons the engine itself gives (a crash, a limit, never listening), whatever the lesson. */
function engineReasons(): string[] {
  const dir = path.join(COURSE_ROOT, 'src/checks');
  return [...new Set(fs.readdirSync(dir).flatMap((f) => namedIn(path.join(dir, f), 'reason')))];
}

const readmes = (dir: string) => ({ en: path.join(dir, 'README.md'), ko: path.join(dir, 'README.ko.md') });

describe('course README', () => {
  const files = readmes(COURSE_ROOT);
  test('exists in both languages, each linking to the other', () => {
    expect(read(files.en)).toContain('README.ko.md');
    expect(read(files.ko)).toContain('README.md');
  });
  test('has the sections failures point to, in both languages', () => {
    for (const f of Object.values(files)) {
      for (const id of COURSE_REQUIRED) expect(explicitIds(read(f)), `${f} #${id}`).toContain(id);
    }
  });
  test('explains every failure the engine itself can report', () => {
    const reasons = engineReasons();
    for (const f of Object.values(files)) {
      const src = read(f);
      expect(reasons.filter((r) => !src.includes(`\`${r}\``)), f).toEqual([]);
    }
  });
  test('links resolve', () => {
    for (const f of Object.values(files)) expect(checkLinks(f), f).toEqual([]);
  });
});

for (const name of listLessonNames()) {
  const dir = path.join(LESSONS_DIR, name);
  const files = readmes(dir);
  const checksFile = path.join(dir, '.checks', 'checks.ts');
  describe(`${name} text`, () => {
    test('exists in English and Korean, each linking to its twin', () => {
      expect(fs.existsSync(files.en), files.en).toBe(true);
      expect(fs.existsSync(files.ko), files.ko).toBe(true);
      expect(links(read(files.en))).toContain('README.ko.md');
      expect(links(read(files.ko))).toContain('README.md');
    });
    test('has the required sections, the same in both languages', () => {
      const en = explicitIds(read(files.en));
      const ko = explicitIds(read(files.ko));
      for (const id of REQUIRED) expect(en, `README.md #${id}`).toContain(id);
      expect([...ko].sort()).toEqual([...en].sort());
    });
    // The words of every failure live in the lesson's mistakes table, once: the scenarios and
    // their steps only name a reason and give its facts.
    test('keeps every failure text in its mistakes table', async () => {
      const checks = await loadChecks(loadLesson(name));
      expect(Object.keys(checks.mistakes).length, 'checks.ts exports defineChecks({ mistakes, scenarios })').toBeGreaterThan(0);
      const sources = fs.readdirSync(path.dirname(checksFile)).filter((f) => f.endsWith('.ts') && f !== 'mistakes.ts');
      for (const f of sources) {
        const src = read(path.join(path.dirname(checksFile), f));
        expect([...src.matchAll(/^\s*(summary|cause|fix): /gm)].map((m) => m[0].trim()), `${f}: failure words outside mistakes.ts`).toEqual([]);
      }
    });
    test('every section a failure points to exists in both languages', async () => {
      const { mistakes } = await loadChecks(loadLesson(name));
      const sections = [...new Set(Object.values(mistakes).flatMap((m) => (m.section ? [m.section] : [])))].filter((s) => !s.startsWith('course:'));
      for (const f of Object.values(files)) expect(sections.filter((s) => !explicitIds(read(f)).has(s)), f).toEqual([]);
    });
    test('every failure the checks can report is explained (by its reason id) in both languages', async () => {
      const reasons = Object.keys((await loadChecks(loadLesson(name))).mistakes);
      expect(reasons.length).toBeGreaterThan(0);
      for (const f of Object.values(files)) {
        const src = read(f);
        expect(reasons.filter((r) => !src.includes(`\`${r}\``)), f).toEqual([]);
      }
    });
    test('each mistake has one wording, with the same placeholders in both languages', async () => {
      const { mistakes } = await loadChecks(loadLesson(name));
      for (const [id, m] of Object.entries(mistakes)) {
        for (const t of [m.summary, m.cause, m.fix]) {
          if (!t) continue;
          const en = placeholdersOf({ en: t.en, ko: '' }).sort();
          const ko = placeholdersOf({ en: '', ko: t.ko }).sort();
          expect(ko, `${id}: ${t.en}`).toEqual(en);
        }
      }
    });
    test('every wrong variant expects a reason the checks can give', async () => {
      const { mistakes } = await loadChecks(loadLesson(name));
      const engine = engineReasons();
      const unknown = listVariants(dir).filter((v) => !(v.reason in mistakes) && !engine.includes(v.reason));
      expect(unknown.map((v) => `${v.name}: ${v.reason}`)).toEqual([]);
    });
    test('shows the exchange as a diagram and the source\'s Python or Java beside the TypeScript', () => {
      for (const f of Object.values(files)) {
        const src = read(f);
        expect(src, f).toMatch(/[─-]+[▶>]|[◀<][─-]+/); // a sequence diagram
        expect(codeBlocks(src, 'ts').length, `${f}: ts blocks`).toBeGreaterThan(0);
        expect(codeBlocks(src, 'python').length + codeBlocks(src, 'java').length, `${f}: python/java blocks`).toBeGreaterThan(0);
      }
    });
    test('links resolve', () => {
      for (const f of Object.values(files)) expect(checkLinks(f), f).toEqual([]);
    });
    test('has a valid manifest with at least three hints in both languages', () => {
      expect(loadLesson(name).manifest.hints.length).toBeGreaterThanOrEqual(3);
    });
  });
}

test('every ts code block in every README type-checks', () => {
  const dir = path.join(STATE_DIR, 'ts-blocks');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sources = [readmes(COURSE_ROOT), ...listLessonNames().map((n) => readmes(path.join(LESSONS_DIR, n)))];
  let count = 0;
  for (const r of sources) {
    for (const f of Object.values(r)) {
      if (!fs.existsSync(f)) continue;
      codeBlocks(read(f), 'ts').forEach((code, i) => {
        const rel = path.relative(COURSE_ROOT, f).replace(/[\\/]/g, '__');
        // Each block is its own module, so blocks never clash with each other.
        fs.writeFileSync(path.join(dir, `${rel}__block${i + 1}.ts`), `${code}\nexport {};\n`);
        count++;
      });
    }
  }
  expect(count).toBeGreaterThan(0);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noUnusedLocals: false, types: ['node'], typeRoots: ['../../node_modules/@types'] }, include: ['*.ts'] }),
  );
  const tsc = path.join(COURSE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', dir], { encoding: 'utf8', cwd: dir });
  } catch (err) {
    output = (err as { stdout?: string }).stdout ?? String(err);
  }
  expect(output).toBe('');
}, 120_000);
