// Issue 11 "one catalogue": user-facing text lives in src/i18n; code elsewhere returns or throws codes with parameters.
// This guard counts code lines (comments never count: the TypeScript parser tells code from trivia) that carry Polish
// letters outside src/i18n and src/simulator (the simulator speaks for KSeF itself), per folder, against a budget.
// Lowering a budget is the point: when you move texts into the catalogue, lower the number here in the same commit.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {polishCodeLines, polishWordLiterals, sourceFiles} from '../helpers/polish-lines.js';

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
    match: f => f.startsWith('src/store/'), max: 1,
    note: 'the demo branch name „Oddział 1” (data of the demo store; audit details are catalogue messages since audit-i18n)',
  },
  'src/flows': {
    match: f => f.startsWith('src/flows/'), max: 1,
    note: 'the CSV status word of qr-batch.csv (a file format column, read by scripts)',
  },
  'src/screens': {match: f => f.startsWith('src/screens/'), max: 0, note: 'screens take every text from the catalogue'},
  'src/cli': {
    match: f => f.startsWith('src/cli/'), max: 1,
    note: 'the CZYTAJ-TO.txt note the demo kit writes beside its test identity (a file for Polish help-desk staff)',
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

// Polish without diacritics (an English screen showed `RRRR-MM-DD`, English usage lines `--key-password-file PLIK`):
// every such literal outside the catalogue and the simulator is listed here with why it may stay.
const WORD_ALLOWED: Record<string, {literals: RegExp[]; note: string}> = {
  'src/ksef/qr-verify.ts': {literals: [/^'KOD II?'$/], note: 'KOD I / KOD II: the names the KSeF specification gives the two codes'},
  'src/flows/verify-qr.ts': {literals: [/^'KOD( II?)?'$/], note: 'the same names'},
  'src/cli/commands/qr.ts': {literals: [/^`KOD II? \(\$\{$/], note: 'the same names, as labels of the printed links'},
  'src/flows/demo-invoices.ts': {literals: [/^'faktury-demo'$/, /Faktura/], note: 'the demo folder name and FA(3) XML element names'},
  'src/flows/qr-batch.ts': {literals: [/^'plik'$/, /Faktura|P_11/], note: 'the CSV column name of qr-batch.csv (read by scripts) and FA(3) XML'},
  'src/flows/qr-invoice.ts': {literals: [/^'Faktura'$/], note: 'the FA(3) root element'},
  'src/ksef/xml-facts-fast.ts': {literals: [/^'Faktura'$/], note: 'the FA(3) root element'},
  'src/flows/qr.ts': {literals: [/^'faktura'$/], note: 'default file base name of the QR images (a file name)'},
  'src/flows/export.ts': {literals: [/^'certyfikat'$/], note: 'default file base name of an export (a file name)'},
  'src/cli/commands/sign-demo.ts': {literals: [/^'Tożsamość TESTOWA/], note: 'the CZYTAJ-TO.txt note for Polish help-desk staff'},
  'src/cli/commands/simulator.ts': {literals: [/^'ksef-certs \[--data KATALOG\] simulator/], note: "the registry's usage field, never displayed (the simulator prints its own help)"},
};

describe('Polish words without diacritics outside the catalogue', () => {
  it('appear only where listed, each with its reason', () => {
    const found: string[] = [];
    for (const file of sourceFiles(ROOT, 'src')) {
      if (file.startsWith('src/i18n/') || file.startsWith('src/simulator/')) continue;
      const allowed = WORD_ALLOWED[file]?.literals ?? [];
      for (const lit of polishWordLiterals(file, fs.readFileSync(path.join(ROOT, file), 'utf8'))) {
        if (!allowed.some((re) => re.test(lit))) found.push(`${file}: ${lit.slice(0, 100)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the word check sees literals, never comments or identifiers', () => {
    const probe = [
      "// Podaj PLIK w komentarzu",
      "const brak = 1;",
      "const a = '--key-password-file PLIK';",
      "const b = `Nie znaleziono ${x}`;",
      "const c = <Text>RRRR-MM-DD</Text>;",
      "const d = 'no Polish here';",
    ].join('\n');
    expect(polishWordLiterals('probe.tsx', probe)).toEqual(["'--key-password-file PLIK'", '`Nie znaleziono ${', 'RRRR-MM-DD']);
  });
});
