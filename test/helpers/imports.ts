// Imports of a TypeScript source, found by pattern (no parser needed for import lines): static `import … from`,
// `export … from`, bare `import 'x'` and dynamic `import('x')`, with whether each is type-only. Used by the
// architecture and dependency tests.

export interface Import {
  spec: string;
  typeOnly: boolean;
  dynamic: boolean;
}

export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

export function importsOf(text: string): Import[] {
  const src = stripComments(text);
  const out: Import[] = [];
  const fromRe = /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?)\s+from\s*['"]([^'"]+)['"]/gm;
  for (const m of src.matchAll(fromRe)) out.push({spec: m[3], typeOnly: !!m[2], dynamic: false});
  for (const m of src.matchAll(/(?:^|[;\s])import\s*['"]([^'"]+)['"]/gm)) out.push({spec: m[1], typeOnly: false, dynamic: false});
  // A dynamic import() counts as a value import (inline `import('x').T` types of relative files would too).
  for (const m of src.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({spec: m[1], typeOnly: false, dynamic: true});
  return out;
}

