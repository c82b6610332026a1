// `ksef-certs check`: the unattended watch for cron and monitoring (Nagios / Icinga / Zabbix plugin convention:
// exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN — usage errors and a missing password are UNKNOWN too). The first
// stdout line is the summary monitoring shows; details follow; `--json` for scripts. Never prompts without a TTY.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import os from 'node:os';
import {CERT_TYPE_CODES, ENV_CODES, parseOwner, terminalSafeJson, type CertTypeCode, type EnvCode, type Operator, type Owner} from '../../domain/index.js';
import {userMessage} from '../../flows/errors.js';
import {markRepaired, permissionFindings} from '../../flows/check/permissions.js';
import {runCheck, type CheckOptions, type CheckReport} from '../../flows/check/run.js';
import {findingText, planLines, severityLabel, STATE_EXIT} from '../../flows/check/text.js';
import type {Store} from '../../store/types.js';
import {loadLang, makeT, type Translate} from '../../i18n/index.js';
import {readPasswordFile} from '../password-source.js';
import {CliError, registerCommand, type CliContext} from '../registry.js';

const UNKNOWN = STATE_EXIT.UNKNOWN;

/** The declared option table (node:util parseArgs, strict). */
const OPTIONS = {
  'warn-days': {type: 'string', default: '30'},
  'crit-days': {type: 'string', default: '7'},
  env: {type: 'string'},
  owner: {type: 'string'},
  type: {type: 'string'},
  refresh: {type: 'boolean', default: false},
  plan: {type: 'boolean', default: false},
  json: {type: 'boolean', default: false},
  'password-file': {type: 'string'},
  webhook: {type: 'string'},
  smtp: {type: 'string'},
  'mail-to': {type: 'string', multiple: true},
  'mail-from': {type: 'string'},
  'smtp-ca': {type: 'string'},
  'smtp-require-tls': {type: 'boolean', default: false},
  'repeat-hours': {type: 'string', default: '24'},
  prometheus: {type: 'string'},
  help: {type: 'boolean', short: 'h', default: false},
} as const satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{options: typeof OPTIONS; strict: true; allowPositionals: false}>>['values'];

/** An UNKNOWN outcome: the message becomes the summary line. */
class Unknown extends Error {
  constructor(message: string, readonly usage = false) {
    super(message);
  }
}

function parse(t: Translate, argv: string[]): Values {
  try {
    return parseArgs({args: argv, options: OPTIONS, strict: true, allowPositionals: false}).values;
  } catch (e) {
    const err = e as {code?: string; message: string};
    const name = /'([^']+)'/.exec(err.message)?.[1]?.split(/[ ,]/)[0] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Unknown(t('cli.unknownOption', {name}), true);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new Unknown(t(/does not take/.test(err.message) ? 'check.err.noValue' : 'cli.missingValue', {name}), true);
    }
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new Unknown(t('check.err.positional', {value: name}), true);
    throw new Unknown(err.message, true);
  }
}

function wholeNumber(t: Translate, name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > max) throw new Unknown(t('check.err.int', {name, value, max}), true);
  return n;
}

function url(t: Translate, name: string, value: string, protocols: string[]): URL {
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    u = undefined;
  }
  if (!u || !protocols.includes(u.protocol) || !u.hostname) {
    throw new Unknown(t('check.err.url', {name, value: value.slice(0, 200), expected: protocols.map((p) => `${p}//…`).join(', ')}), true);
  }
  return u;
}

/** Validated options (every problem is a usage error → UNKNOWN). */
export function checkOptions(t: Translate, v: Values, env: NodeJS.ProcessEnv, dataDir: string): CheckOptions {
  const warnDays = wholeNumber(t, 'warn-days', v['warn-days'], 3650);
  const critDays = wholeNumber(t, 'crit-days', v['crit-days'], 3650);
  if (critDays > warnDays) throw new Unknown(t('check.err.critGtWarn', {crit: critDays, warn: warnDays}), true);
  const envCode = v.env?.toUpperCase();
  if (envCode !== undefined && !(ENV_CODES as readonly string[]).includes(envCode)) throw new Unknown(t('check.err.env', {value: v.env!}), true);
  const type = v.type?.toUpperCase();
  if (type !== undefined && !(CERT_TYPE_CODES as readonly string[]).includes(type)) throw new Unknown(t('check.err.type', {value: v.type!}), true);
  let owner: Owner | undefined;
  if (v.owner !== undefined) {
    owner = parseOwner(v.owner);
    if (!owner) throw new Unknown(t('check.err.owner', {value: v.owner}), true);
  }
  if (v.webhook !== undefined) url(t, '--webhook', v.webhook, ['http:', 'https:']);
  let mail: CheckOptions['mail'];
  if (v.smtp !== undefined) {
    const u = url(t, '--smtp', v.smtp, ['smtp:', 'smtps:']);
    if (u.password) throw new Unknown(t('check.err.smtpPassword'), true);
    if (!v['mail-to']?.length) throw new Unknown(t('check.err.mailTo'), true);
    mail = {
      url: v.smtp, to: v['mail-to'], from: v['mail-from'] ?? `ksef-certs@${os.hostname()}`,
      ...(u.username && env.KSEF_CERTS_SMTP_PASSWORD !== undefined ? {password: env.KSEF_CERTS_SMTP_PASSWORD} : {}),
      ...(v['smtp-ca'] ? {caFile: v['smtp-ca']} : {}), requireTls: v['smtp-require-tls'],
    };
  } else if (v['mail-to'] || v['mail-from'] || v['smtp-ca'] || v['smtp-require-tls']) {
    throw new Unknown(t('check.err.mailWithoutSmtp'), true);
  }
  return {
    thresholds: {warnDays, critDays},
    filter: {env: envCode as EnvCode | undefined, type: type as CertTypeCode | undefined, owner},
    refresh: v.refresh, webhook: v.webhook, mail, repeatHours: wholeNumber(t, 'repeat-hours', v['repeat-hours'], 24 * 3650),
    prometheusFile: v.prometheus, dataDir,
  };
}

/**
 * The operator: `--operator` / KSEF_CERTS_OPERATOR, the password from `--password-file`, KSEF_CERTS_OPERATOR_PASSWORD
 * or — only on a terminal — the usual hidden prompt. Without a terminal a missing password is UNKNOWN, not a hang.
 */
async function login(ctx: CliContext, t: Translate, passwordFile: string | undefined): Promise<{store: Store; operator: Operator}> {
  const code = ctx.options.operator;
  if (!code) throw new Unknown(t('cli.missingOperator'));
  let password = passwordFile !== undefined ? await readPasswordFile(passwordFile) : ctx.env.KSEF_CERTS_OPERATOR_PASSWORD;
  if (password === undefined) {
    if (!ctx.stdin.isTTY) throw new Unknown(t('check.err.password', {code}));
    return ctx.login();
  }
  const store = await ctx.openStore();
  const operator = await store.authenticate(code, password, ctx.workstation);
  password = undefined;
  if (!operator) throw new Unknown(t('cli.authFailed'));
  return {store, operator};
}

async function runCheckCommand(ctx: CliContext, argv: string[]): Promise<number> {
  let t = ctx.t;
  const json = argv.includes('--json');
  try {
    const values = parse(t, argv);
    if (values.help) {
      ctx.stdout.write(`${t('check.err.usage')} ${t('check.synopsis')}\n`);
      return STATE_EXIT.OK;
    }
    const opts = checkOptions(t, values, ctx.env, ctx.options.dataDir);
    const exposed = await permissionFindings(ctx.options.dataDir);
    const {store, operator} = await login(ctx, t, values['password-file']);
    opts.permissions = await markRepaired(exposed, ctx.options.dataDir);
    // The operator's language: --lang, else the workstation's [A-1-5-2] (as the TUI does).
    const lang = ctx.options.langGiven ? ctx.options.lang : (await store.workstation(ctx.workstation)).lang ?? ctx.options.lang;
    await loadLang(lang);
    t = makeT(lang);
    const report = await runCheck({store, gateway: ctx.gateway(), operator, workstation: ctx.workstation, now: ctx.now ?? (() => new Date()), t, lang}, opts);
    if (json) ctx.stdout.write(`${terminalSafeJson(jsonReport(report, values.plan), 2)}\n`);
    else ctx.stdout.write(textReport(t, report, values.plan, opts.thresholds.warnDays));
    return report.exitCode;
  } catch (e) {
    const message = e instanceof Unknown || e instanceof CliError ? e.message : t('check.err.failed', {message: userMessage(e).text});
    const summary = `KSEF-CERTS UNKNOWN - ${message.split('\n')[0]}`;
    if (json) ctx.stdout.write(`${terminalSafeJson({state: 'UNKNOWN', exitCode: UNKNOWN, summary, error: {message}}, 2)}\n`);
    else ctx.stdout.write(`${summary}\n`);
    if (e instanceof Unknown && e.usage) ctx.stderr.write(`${t('check.err.usage')} ${t('check.synopsis')}\n`);
    return UNKNOWN;
  }
}

function textReport(t: Translate, r: CheckReport, withPlan: boolean, warnDays: number): string {
  const lines = [r.summary];
  if (r.findings.length) {
    lines.push(t('check.details'));
    for (const f of r.findings) lines.push(`  ${severityLabel(t, f)}: ${findingText(t, f)}`);
  }
  if (r.problems.length) {
    lines.push(t('check.problems'));
    for (const p of r.problems) lines.push(`  ${p}`);
  }
  for (const a of r.alerts) {
    const channel = `${a.channel === 'mail' ? 'e-mail' : 'webhook'} ${a.target}`;
    lines.push(a.error ? t('check.alertsFailed', {channel, error: a.error}) : a.sent ? t('check.alerts', {channel, n: a.sent}) : t('check.alertsNone', {channel}));
  }
  if (r.prometheusFile && !r.problems.some((p) => p.startsWith('--prometheus'))) lines.push(t('check.prometheusWritten', {file: r.prometheusFile}));
  if (withPlan) lines.push(...planLines(t, r.plan, warnDays));
  return `${lines.join('\n')}\n`;
}

function jsonReport(r: CheckReport, withPlan: boolean) {
  const {plan, ...rest} = r;
  return withPlan ? {...rest, plan} : rest;
}

registerCommand({name: 'check', summary: 'cli.cmd.check', usage: 'check.synopsis', run: runCheckCommand, usageExitCode: UNKNOWN});
