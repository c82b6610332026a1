// English texts: command-line texts. Typed against ../pl/cli.ts: every Polish key needs an English text.
import type {cli as pl} from '../pl/cli.js';
import type {EnglishOf} from '../placeholders.js';

export const cli = {
  'cli.lockedOut': 'Account {code} is temporarily locked after {n} failed logins — try again after {until}.',
  'cli.usage': 'Usage: ksef-certs [options] [command [arguments]]',
  'cli.noCommandTui': 'Without a command the terminal UI starts.',
  'cli.options': 'Options',
  'cli.commands': 'Commands',
  'cli.opt.data': 'store folder (default ./data, env KSEF_CERTS_DATA)',
  'cli.opt.store': 'store in PostgreSQL: postgresql://… (env KSEF_CERTS_STORE); master.key stays in --data or KSEF_CERTS_MASTER_KEY_FILE',
  'cli.store.summary': 'store: copy --to URL|DIR moves it between a folder and PostgreSQL (counts and checksums verified)',
  'cli.store.copied': 'Store copied {from} → {to}. Record counts and SHA-256 checksums match:',
  'cli.opt.demo': 'create the demo store if missing',
  'cli.opt.lang': 'UI language: pl (default) or en',
  'cli.opt.operator': 'operator for CLI commands (env KSEF_CERTS_OPERATOR); password: KSEF_CERTS_OPERATOR_PASSWORD or a prompt',
  'cli.opt.ksef': 'where KSeF calls go: sim — embedded simulator (default), real — public KSeF addresses (env KSEF_CERTS_KSEF)',
  'cli.opt.api': 'one KSeF API base URL for every environment, e.g. a separately started simulator (env KSEF_CERTS_API)',
  'cli.opt.help': 'this help',
  'cli.opt.version': 'program version',
  'cli.unknownCommand': 'Unknown command: {name}',
  'cli.unknownOption': 'Unknown option: {name}',
  'cli.missingValue': 'Option {name} needs a value.',
  'cli.badKsef': 'Unknown --ksef target: {value} (available: sim, real).',
  'cli.badLang': 'Unsupported language: {value} (available: pl, en).',
  'cli.missingOperator': 'Name the operator: --operator CODE or env KSEF_CERTS_OPERATOR.',
  'cli.noPassword': 'No password: set KSEF_CERTS_OPERATOR_PASSWORD or run in a terminal.',
  'cli.passwordPrompt': 'Password of operator {code}: ',
  'cli.authFailed': 'Wrong operator code or password.',
  'cli.noStore': 'No store in {dir}. Run with --demo to create a demo store.',
  'cli.notTty': 'The terminal UI needs a terminal (TTY).',
  'cli.error': 'Error: {message}',
  // ksef-certs check (unattended watch: cron, monitoring, alerts)
  'cli.cmd.check': 'checks certificates (cron, monitoring: exit codes 0/1/2/3), sends e-mail and webhook alerts, renewal plan',
  'cli.cmd.simulator': 'starts the local KSeF 2.0 simulator',
  'cli.cmd.simulatorIdentity': 'creates a test identity (qualified certificate) for the simulator',
  'cli.cmd.import': 'imports a KSeF certificate (.crt + .key) into the store',
} as const satisfies EnglishOf<typeof pl>;
