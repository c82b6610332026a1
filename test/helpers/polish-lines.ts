// Counts code lines that carry Polish letters: string and template literals, JSX text, regular expressions and
// identifiers, found through the TypeScript parser so comments (trivia) never count.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;

const CODE_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.JsxText,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.Identifier,
]);

/**
 * Polish words that need no diacritics — placeholders (PLIK, KATALOG, RRRR-MM-DD …) and common message words — which
 * the letter check cannot see. Matched as whole words in string and template literals and JSX text only.
 */
export const POLISH_WORDS =
  /\b(Nie|nie|brak|Brak|jest|lub|oraz|dla|Podaj|podaj|Wybierz|wybierz|Zapisano|katalog\w*|plik\w*|PLIK|KATALOG|NAZWA|RRRR|ADRES|KOD|HASLO|haslo|operatora|[Cc]ertyfikat\w*|[Ff]aktur\w*|Blad|BLAD|Uzycie|opcje|ETYKIETA|NR_SERYJNY|PODPISANY\w*)\b/;

const TEXT_KINDS = new Set<ts.SyntaxKind>([...CODE_KINDS].filter((k) => k !== ts.SyntaxKind.Identifier && k !== ts.SyntaxKind.RegularExpressionLiteral));

/** The literals of `text` (strings, templates, JSX text; never comments) that carry a word of POLISH_WORDS. */
export function polishWordLiterals(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (TEXT_KINDS.has(node.kind)) {
      const literal = text.slice(node.getStart(sf), node.end);
      if (POLISH_WORDS.test(literal)) out.push(literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** 1-based numbers of the lines of `text` whose code (not comments) carries a Polish letter. */
export function polishCodeLines(file: string, text: string): number[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const lines = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (CODE_KINDS.has(node.kind)) {
      const start = node.getStart(sf);
      if (POLISH.test(text.slice(start, node.end))) {
        const first = sf.getLineAndCharacterOfPosition(start).line;
        const last = sf.getLineAndCharacterOfPosition(node.end).line;
        // Only the lines that themselves hold a Polish letter (a long template literal spans several lines).
        for (let l = first; l <= last; l++) {
          const from = Math.max(start, sf.getPositionOfLineAndCharacter(l, 0));
          const lineEnd = l + 1 < sf.getLineStarts().length ? sf.getLineStarts()[l + 1] : text.length;
          if (POLISH.test(text.slice(from, Math.min(node.end, lineEnd)))) lines.add(l + 1);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...lines].sort((a, b) => a - b);
}

/** Every .ts/.tsx file under `dir`, relative to `root`, with '/' separators. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, {withFileTypes: true})) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}
