// English texts: the help-desk demo kit. Typed against ../pl/demo.ts: every Polish key needs an English text.
import type {demo as pl} from '../pl/demo.js';
import type {EnglishOf} from '../placeholders.js';

export const demo = {
  'demo.reset.summary': 'demo mode: puts the demo store back to its initial state (deletes everything in the data folder)',
  'demo.reset.needYes': 'This deletes all data in {dir} (certificates, audit log, simulator state) and creates the demo store again. Confirm with --yes.',
  'demo.reset.notDemo': 'The folder {dir} holds no demo store — demo-reset works only on a store created by --demo.',
  'demo.reset.notFolder': 'demo-reset works only on a store in a folder (--data), not in PostgreSQL.',
  'demo.reset.usage': 'Usage: {usage}',
  'demo.reset.done': 'Demo store restored in {dir}: operators {admin} / {operator} (PESEL {pesel}), sample invoices in {invoices}.',
  'demo.qr.invoices': 'demo: sample invoices in {dir}',
  'demo.sign.noPesel': 'Operator {operator} has no PESEL [A-1-5-5] — the TEST personal signature needs one.',
  'demo.sign.unknownOperator': 'There is no operator {operator}.',
  'demo.sign.signed': 'Signed for TESTING (demo mode) as {who}: {file}',
} as const satisfies EnglishOf<typeof pl>;
