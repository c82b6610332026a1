// Names and one-line summaries (catalogue keys) of the commands, with the module each lives in, so `--help` and a single
// command load only what they need (a command module pulls in its own stack: KSeF client, XAdES, QR…). The summaries
// must equal the ones the modules register (test/cli/manifest.test.ts); ./index.ts still loads every module at once.
import type {MessageKey} from '../../i18n/index.js';

export interface CommandEntry {
  summary: MessageKey;
  load: () => Promise<unknown>;
}

export const COMMAND_MANIFEST: Record<string, CommandEntry> = {
  audit: {summary: 'cli.cmd.audit', load: () => import('./audit.js')},
  'auth-request': {summary: 'cli.cmd.authRequest', load: () => import('./auth-request.js')},
  check: {summary: 'cli.cmd.check', load: () => import('./check.js')},
  config: {summary: 'cli.cmd.config', load: () => import('./config.js')},
  'demo-reset': {summary: 'demo.reset.summary', load: () => import('./demo-reset.js')},
  export: {summary: 'cli.cmd.export', load: () => import('./export.js')},
  generate: {summary: 'cli.cmd.generate', load: () => import('./generate.js')},
  import: {summary: 'cli.cmd.import', load: () => import('./import.js')},
  list: {summary: 'cli.cmd.list', load: () => import('./list.js')},
  login: {summary: 'cli.cmd.login', load: () => import('./login.js')},
  operator: {summary: 'cli.cmd.operator', load: () => import('./operator.js')},
  qr: {summary: 'cli.cmd.qr', load: () => import('./qr.js')},
  resume: {summary: 'cli.cmd.resume', load: () => import('./resume.js')},
  revoke: {summary: 'cli.cmd.revoke', load: () => import('./revoke.js')},
  show: {summary: 'cli.cmd.show', load: () => import('./show.js')},
  'sign-demo': {summary: 'cli.cmd.signDemo', load: () => import('./sign-demo.js')},
  simulator: {summary: 'cli.cmd.simulator', load: () => import('./simulator.js')},
  'simulator-identity': {summary: 'cli.cmd.simulatorIdentity', load: () => import('./simulator.js')},
  status: {summary: 'cli.cmd.status', load: () => import('./status.js')},
  store: {summary: 'cli.store.summary', load: () => import('./store.js')},
  tokens: {summary: 'cli.cmd.tokens', load: () => import('./tokens.js')},
  'verify-qr': {summary: 'cli.cmd.verifyQr', load: () => import('./verify-qr.js')},
};
