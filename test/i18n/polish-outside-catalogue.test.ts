// Issue 11 "one catalogue": user-facing text lives in src/i18n; code elsewhere returns or throws codes with parameters.
// This guard counts code lines (comments never count: the TypeScript parser tells code from trivia) that carry Polish
// letters outside src/i18n and src/simulator (the simulator speaks for KSeF itself), per folder, against a budget.
// Lowering a budget is the point: when you move texts into the catalogue, lower the number here in the same commit.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {polishCodeLines, sourceFiles} from '../helpers/polish-lines.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Budget {
  /** Which files the budget covers (first match wins, in this order). */
  match: (file: string) => boolean;
  max: number;
  /** Why the lines that remain are legitimate, or which work lowers the budget. */
  note: string;
}

const BUDGETS: Record<string, Budget> = {
  'src/i18n': {match: f => f.startsWith('src/i18n/'), max: Infinity, note: 'the catalogue itself'},
  'src/simulator': {match: f => f.startsWith('src/simulator/'), max: Infinity, note: 'the simulator answers as KSeF does (its own messages)'},
  'src/ksef': {match: f => f.startsWith('src/ksef/'), max: 0, note: 'KSeF explanations and crypto errors are catalogue messages'},
  'src/domain': {
    match: f => f.startsWith('src/domain/'), max: 2,
    note: 'input vocabulary, not text: the owner prefix "oddział:" accepted as typed, Polish letters allowed in certificate names',
  },
  'src/tui': {match: f => f.startsWith('src/tui/'), max: 0, note: 'the widget kit takes every text from the catalogue'},
  'src/store': {
    match: f => f.startsWith('src/store/'), max: 8,
    note: 'audit-log details written into the store (persisted records, shown as stored) and the demo branch name',
  },
  'src/flows': {
    match: f => f.startsWith('src/flows/'), max: 8,
    note: 'audit-log details written into the store (alerts 2, config 1, qr-batch 1, refresh 1, switchover 2: persisted ' +
      'Polish records shown as stored) and the CSV status word of qr-batch.csv (a file format column, read by scripts)',
  },
  'src/screens': {match: f => f.startsWith('src/screens/'), max: 0, note: 'screens take every text from the catalogue'},
  'src/cli': {
    match: f => f.startsWith('src/cli/'), max: 2,
    note: 'the bilingual exit-code line of `check` usage and the CZYTAJ-TO.txt note the demo kit writes beside its test identity',
  },
  'src/main.ts': {match: f => f === 'src/main.ts', max: 0, note: 'entry point'},
};

/** Lines with Polish letters per budget, with the files that carry them. */
function count(files: {file: string; text: string}[]): Map<string, {lines: number; files: string[]}> {
  const out = new Map<string, {lines: number; files: string[]}>();
  for (const {file, text} of files) {
    const n = polishCodeLines(file, text).length;
    if (!n) continue;
    const name = Object.keys(BUDGETS).find(k => BUDGETS[k].match(file)) ?? `unbudgeted: ${file}`;
    const entry = out.get(name) ?? {lines: 0, files: []};
    entry.lines += n;
    entry.files.push(`${file} (${n})`);
    out.set(name, entry);
  }
  return out;
}

const overBudget = (counts: Map<string, {lines: number; files: string[]}>): string[] =>
  [...counts].filter(([name, c]) => c.lines > (BUDGETS[name]?.max ?? 0)).map(([name, c]) => `${name}: ${c.lines} > ${BUDGETS[name]?.max ?? 0} — ${c.files.join(', ')}`);

describe('Polish text outside the catalogue', () => {
  it('stays within each folder\'s budget (code lines, comments excluded)', () => {
    const files = sourceFiles(ROOT, 'src').map(file => ({file, text: fs.readFileSync(path.join(ROOT, file), 'utf8')}));
    const counts = count(files);
    const report = Object.keys(BUDGETS).filter(k => BUDGETS[k].max !== Infinity).map(k => `${k}: ${counts.get(k)?.lines ?? 0}/${BUDGETS[k].max}`);
    console.log(`Polish code lines per folder (count/budget):\n  ${report.join('\n  ')}`);
    expect(overBudget(counts)).toEqual([]);
  });

  it('the counter sees strings, templates, JSX text and regexes, never comments', () => {
    const probe = [
      "// Zażółć gęślą jaźń — a comment",
      "/* wielowierszowy",
      "   komentarz: żółw */",
      "const a = 'Błąd';",
      "const b = `Plik ${x} uszkodzony — ${y} źle`;",
      "const c = <Text>Zapisano — ważne</Text>;",
      "const d = /^[ąę]+$/;",
      "const e = 'plain ascii'; // ąę in a trailing comment",
      "{/* JSX komentarz: łódź */}",
    ].join('\n');
    expect(polishCodeLines('probe.tsx', probe)).toEqual([4, 5, 6, 7]);
  });

  it('fails when a folder goes over its budget or a new folder carries Polish text', () => {
    const tooMany = Array.from({length: 3}, (_, i) => ({file: `src/ksef/x${i}.ts`, text: "export const x = 'Błąd';"}));
    expect(overBudget(count(tooMany))).toEqual([expect.stringMatching(/^src\/ksef: 3 > 0 — src\/ksef\/x0\.ts \(1\)/)]);
    expect(overBudget(count([{file: 'src/newarea/y.ts', text: "export const y = 'Zażółć';"}]))).toEqual([expect.stringMatching(/^unbudgeted: src\/newarea\/y\.ts: 1 > 0/)]);
    expect(overBudget(count([{file: 'src/simulator/z.ts', text: "export const z = 'Błąd';"}]))).toEqual([]);
  });
});
