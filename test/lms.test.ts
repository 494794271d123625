/**
 * LMS exports ("download all submissions"), built with fflate at test time: Canvas and Moodle
 * names grouped into students, a student's own zip unpacked, and every zip an attacker can
 * make — a path out of the folder (`../`, absolute, a drive letter), a link, too many
 * entries, an entry or a total too large, a zip bomb — refused for that student alone, with
 * a message that says why, and nothing written outside a fresh temporary folder. Then
 * `npm run grade` on such an export, end to end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';
import { loadLesson } from '../src/lessons.ts';
import { openLmsExport, studentOf } from '../src/grade/lms.ts';
import { CLASS_ZIP_LIMITS, STUDENT_ZIP_LIMITS, ZipRefused } from '../src/grade/safe-unzip.ts';
import { studentFileName } from '../src/grade/names.ts';

const L1 = 'lesson-01-hello-tcp';
const lesson1 = loadLesson(L1);
const utf8 = (s: string) => new TextEncoder().encode(s);
const LINK = { os: 3, attrs: (0o120777 << 16) >>> 0 };

function lessonFiles(from: 'solutions' | 'lessons'): Zippable {
  const dir = path.join(COURSE_ROOT, from, L1);
  return Object.fromEntries(['server.ts', 'client.ts'].map((f) => [f, new Uint8Array(fs.readFileSync(path.join(dir, f)))]));
}

function exportZip(files: Zippable): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lms-export-')), 'submissions.zip');
  fs.writeFileSync(file, zipSync(files));
  return file;
}

/** Where a `../../…` entry would land if it were followed: it must never exist. */
const escapeName = `lms-escape-${process.pid}`;
const escapeTarget = path.join(os.tmpdir(), escapeName);

const ATTACKS: Record<string, { zip: Zippable; says: string }> = {
  dotdot: { zip: { [`../../${escapeName}`]: utf8('x'), [L1]: lessonFiles('solutions') }, says: 'would be written outside its folder' },
  absolute: { zip: { [escapeTarget]: utf8('x') }, says: 'would be written outside its folder' },
  drive: { zip: { 'C:\\Windows\\evil.txt': utf8('x') }, says: 'would be written outside its folder' },
  link: { zip: { [L1]: { 'server.ts': [utf8('/work/main/solutions/lesson-01-hello-tcp/server.ts'), LINK], 'client.ts': utf8('') } }, says: 'is a link' },
  bomb: { zip: { 'zeros.bin': new Uint8Array(4 * 1024 * 1024) }, says: 'a zip bomb' },
  many: { zip: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, utf8('x')])), says: 'entries; at most 20' },
  large: { zip: { 'big.bin': new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24) }, says: 'per file' },
};

describe('reading an LMS export', () => {
  test('Canvas and Moodle names, and a plain folder or zip, each make one student', () => {
    expect(studentOf(['smithjohn_12345_6789012_lesson01.zip'])).toEqual({ student: 'smithjohn_12345', rest: ['lesson01.zip'] });
    expect(studentOf(['smithjohn_LATE_12345_6789012_server.ts'])).toEqual({ student: 'smithjohn_12345', rest: ['server.ts'] });
    expect(studentOf(['John Smith_12345_assignsubmission_file_', 'lesson01.zip'])).toEqual({ student: 'John Smith_12345', rest: ['lesson01.zip'] });
    expect(studentOf(['alice', 'lessons', L1, 'server.ts'])).toEqual({ student: 'alice', rest: ['lessons', L1, 'server.ts'] });
    expect(studentOf(['bob.zip'])).toEqual({ student: 'bob', rest: ['bob.zip'] });
    expect(studentOf(['__MACOSX', 'x'])).toBeUndefined();
    expect(studentOf(['grades.csv'])).toBeUndefined();
  });

  test('groups files by student, unpacks their own zips, and shapes them for the grader', () => {
    const own = zipSync({ 'my-repo-main': { lessons: { [L1]: lessonFiles('solutions') } } });
    const file = exportZip({
      'smithjohn_12345_6789012_lesson01.zip': own,
      'smithjohn_LATE_12345_6789013_notes.txt': utf8('late note'),
      'doejane_23456_7890123_server.ts': lessonFiles('solutions')['server.ts']!,
      'doejane_23456_7890124_client.ts': lessonFiles('solutions')['client.ts']!,
      'John Smith_34567_assignsubmission_file_': { 'lesson01.zip': zipSync({ [L1]: lessonFiles('lessons') }) },
      '김민수_45678_assignsubmission_file_': { lessons: { [L1]: lessonFiles('solutions') } },
      '__MACOSX': { '._x': utf8('') },
      'index.html': utf8('<html>'),
    });
    const lms = openLmsExport(file, [lesson1]);
    expect(fs.readdirSync(lms.classDir).sort()).toEqual(['John Smith_34567', 'doejane_23456', 'smithjohn_12345', '김민수_45678'].sort());
    expect(fs.existsSync(path.join(lms.classDir, 'smithjohn_12345', 'lessons', L1, 'server.ts'))).toBe(true); // unwrapped from my-repo-main/
    expect(fs.existsSync(path.join(lms.classDir, 'doejane_23456', L1, 'client.ts'))).toBe(true); // loose files: the one lesson graded
    expect(fs.existsSync(path.join(lms.classDir, 'John Smith_34567', L1, 'server.ts'))).toBe(true);
    expect(lms.stray).toEqual(['index.html']);
    expect(lms.refused.size).toBe(0);
    expect(path.dirname(lms.classDir)).toBe(os.tmpdir());
  });

  test.each(Object.keys(ATTACKS))('a student zip with %s is refused for that student alone, with why', (attack) => {
    const { zip, says } = ATTACKS[attack]!;
    const file = exportZip({ [`mallory_666_1_lesson01.zip`]: zipSync(zip), 'honest_1_2_lesson01.zip': zipSync({ [L1]: lessonFiles('solutions') }) });
    const lms = openLmsExport(file, [lesson1], { export: CLASS_ZIP_LIMITS, student: { ...STUDENT_ZIP_LIMITS, entries: 20, entryBytes: 1024 * 1024 } });
    expect(lms.refused.get('mallory_666')?.en).toContain(says);
    expect(lms.refused.get('mallory_666')?.ko).toBeTruthy();
    expect(fs.readdirSync(lms.classDir)).toEqual(['honest_1']); // nothing of mallory's is kept
    expect(fs.existsSync(escapeTarget)).toBe(false);
  });

  test('a student whose files come to more than the total allowed is refused', () => {
    const chunk = () => new Uint8Array(600 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const file = exportZip({ 'hoarder_7_1_a.bin': chunk(), 'hoarder_7_2_b.bin': chunk() });
    const lms = openLmsExport(file, [lesson1], { export: CLASS_ZIP_LIMITS, student: { ...STUDENT_ZIP_LIMITS, totalBytes: 1024 * 1024 } });
    expect(lms.refused.get('hoarder_7')?.en).toContain('at most 1 MiB');
  });

  test('an export with a path out of its folder is refused whole, before anything is written', () => {
    const file = exportZip({ [`../${escapeName}`]: utf8('x'), 'alice_1_2_server.ts': utf8('') });
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('socket-course-lms-')).length;
    expect(() => openLmsExport(file, [lesson1])).toThrow(ZipRefused);
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('socket-course-lms-')).length).toBe(before);
    expect(fs.existsSync(path.join(path.dirname(file), '..', escapeName))).toBe(false);
  });

  test('what is not a zip is refused with a clear message', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lms-export-')), 'broken.zip');
    fs.writeFileSync(file, 'not a zip at all');
    expect(() => openLmsExport(file, [lesson1])).toThrow(/not a zip file that can be read/);
  });
});

describe('npm run grade -- export.zip', () => {
  test('grades every student of the export, tells the refused ones why, and leaves no temporary folder', async () => {
    const file = exportZip({
      'smithjohn_12345_6789012_lesson01.zip': zipSync({ [L1]: lessonFiles('solutions') }),
      'John Smith_34567_assignsubmission_file_': { 'lesson01.zip': zipSync({ [L1]: lessonFiles('lessons') }) },
      'mallory_666_1_lesson01.zip': zipSync(ATTACKS.dotdot!.zip),
      'bomber_777_1_lesson01.zip': zipSync(ATTACKS.bomb!.zip),
    });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-tmp-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-out-'));
    const r = await execa(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', file, '--lessons', '1', '--out', out, '--jobs', '2'], {
      cwd: COURSE_ROOT,
      reject: false,
      env: { NO_COLOR: '1', LANG: 'C.UTF-8', TMPDIR: tmp },
      timeout: 240_000,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).toBe(['student,lesson-01,total', 'bomber_777,0,0', 'John Smith_34567,0,0', 'mallory_666,0,0', 'smithjohn_12345,10,10', ''].join('\n'));
    expect(r.stdout).toContain('mallory_666: not graded, the submission was refused');
    const feedback = fs.readFileSync(path.join(out, 'feedback', `${studentFileName('mallory_666')}.md`), 'utf8');
    expect(feedback).toContain('would be written outside its folder');
    expect(fs.readFileSync(path.join(out, 'feedback', `${studentFileName('bomber_777')}.md`), 'utf8')).toContain('zip bomb');
    expect(fs.readdirSync(tmp).filter((n) => n.startsWith('socket-course-'))).toEqual([]);
    expect(fs.existsSync(escapeTarget)).toBe(false);
  }, 240_000);

  test('an export that is not a zip is a usage error', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lms-export-')), 'broken.zip');
    fs.writeFileSync(file, 'PK not really');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-out-'));
    const r = await execa(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', file, '--out', out], { cwd: COURSE_ROOT, reject: false, env: { LANG: 'C.UTF-8' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('was not unpacked');
  }, 60_000);
});
