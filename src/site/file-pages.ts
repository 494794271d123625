/**
 * Pages for the course files the READMEs link to: a file (`source/client.py`) shown as code, a
 * folder (`source/`) as the list of its files. They are made from the files at build time, in
 * both languages, so a link to a file resolves on the site as it does in the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pick, text, type Lang } from '../i18n.ts';
import { COURSE_ROOT } from '../paths.ts';
import { filePagePath, folderPagePath, relativeLink } from './pages.ts';

const LANGUAGE: Record<string, string> = { '.py': 'python', '.java': 'java', '.ts': 'ts', '.js': 'js', '.json': 'json', '.yml': 'yaml', '.yaml': 'yaml', '.sh': 'sh', '.md': 'md' };

const L = {
  file: text('A file of the course, as it is in the repository:', '코스 저장소에 있는 그대로의 파일입니다:'),
  folder: text('A folder of the course; its files:', '코스의 폴더입니다. 들어 있는 파일:'),
};

function fence(body: string, lang: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}

export function filePage(file: string, lang: Lang): string {
  const body = fs.readFileSync(path.join(COURSE_ROOT, file), 'utf8').trimEnd();
  const code = LANGUAGE[path.extname(file)] ?? 'text';
  return `# \`${path.posix.basename(file)}\`\n\n${pick(L.file, lang)} \`${file}\`\n\n${fence(body, code)}\n`;
}

/** The files a folder page lists: regular text files, hidden ones left out as on GitHub's first view. */
export function folderFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(COURSE_ROOT, dir), { withFileTypes: true })
    .filter((d) => d.isFile() && !d.name.startsWith('.'))
    .map((d) => `${dir}/${d.name}`)
    .sort();
}

export function folderPage(dir: string, lang: Lang): string {
  const page = folderPagePath(dir, lang);
  const items = folderFiles(dir).map((f) => `- [\`${path.posix.basename(f)}\`](${relativeLink(page, filePagePath(f, lang))})`);
  return `# \`${dir}/\`\n\n${pick(L.folder, lang)}\n\n${items.join('\n')}\n`;
}
