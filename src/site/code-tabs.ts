/**
 * Where a README shows the same code in Python, Java and TypeScript one block after another,
 * the site shows them as tabs of one box (a VitePress code group), so the three languages sit
 * beside each other rather than one screen apart.
 */
const LANGUAGE_TAB: Record<string, string> = { python: 'Python', java: 'Java', ts: 'TypeScript', typescript: 'TypeScript' };

interface Block {
  start: number; // index of the opening fence line
  end: number; // index of the closing fence line
  lang: string;
}

function fencedBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let open: { start: number; fence: string; lang: string } | undefined;
  lines.forEach((line, i) => {
    const m = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!open) {
      if (m) open = { start: i, fence: m[1]!, lang: m[2]!.toLowerCase() };
      return;
    }
    if (m && line.trim() === m[1] && m[1]![0] === open.fence[0] && m[1]!.length >= open.fence.length) {
      blocks.push({ start: open.start, end: i, lang: open.lang });
      open = undefined;
    }
  });
  return blocks;
}

/** Runs of two or more blocks in different tab languages, with only blank lines between them. */
function tabRuns(lines: string[], blocks: Block[]): Block[][] {
  const runs: Block[][] = [];
  let run: Block[] = [];
  const close = () => {
    if (run.length >= 2) runs.push(run);
    run = [];
  };
  for (const b of blocks) {
    if (!LANGUAGE_TAB[b.lang]) {
      close();
      continue;
    }
    const prev = run.at(-1);
    const adjacent = prev && lines.slice(prev.end + 1, b.start).every((l) => l.trim() === '');
    const repeats = run.some((x) => LANGUAGE_TAB[x.lang] === LANGUAGE_TAB[b.lang]);
    if (!adjacent || repeats) close();
    run.push(b);
  }
  close();
  return runs;
}

/** The Markdown with each such run wrapped in `::: code-group`, every block labelled by its language. */
export function codeTabs(markdown: string): string {
  const lines = markdown.split('\n');
  const runs = tabRuns(lines, fencedBlocks(lines));
  // From the end, so the indexes of earlier runs stay right.
  for (const run of runs.reverse()) {
    for (const b of run) lines[b.start] = `${lines[b.start]!.trimEnd()} [${LANGUAGE_TAB[b.lang]}]`;
    lines.splice(run.at(-1)!.end + 1, 0, ':::');
    lines.splice(run[0]!.start, 0, '::: code-group');
  }
  return lines.join('\n');
}
