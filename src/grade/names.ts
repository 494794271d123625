/**
 * One file name per student, for records and output files alike: readable (the folder name,
 * cut to a safe length, with only letters, digits, `.`, `_` and `-`) and unique (a short hash
 * of the exact name), so `alice smith`, `alice_smith` and `alice,smith` never share a file
 * and a 70-character Korean name never exceeds the file system's 255 bytes.
 */
import crypto from 'node:crypto';

const READABLE_CHARS = 40;

export function studentFileName(student: string): string {
  const slug = [...student.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.]+/, '_')].slice(0, READABLE_CHARS).join('');
  const hash = crypto.createHash('sha256').update(student).digest('hex').slice(0, 8);
  return `${slug || 'student'}-${hash}`;
}
