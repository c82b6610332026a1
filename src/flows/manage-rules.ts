// Rules checked before an export or revocation starts (rights, the export password policy): light, so the bound
// services can answer them synchronously without loading the key and KSeF modules (cold start, services/*.ts).
import type {CertificateRecord, Operator, PasswordRule} from '../domain/index.js';
import {PASSWORD_MIN_LENGTH, passwordProblems} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {flowError} from './errors.js';
import {ownerText} from './list-view.js';
import {joinMessages, makeT, msg, render, type Message, type Translate} from '../i18n/index.js';

const plT = makeT('pl');
const ruleMsg = (r: PasswordRule): Message => (r === 'length' ? msg('flowErr.rule.length', {n: PASSWORD_MIN_LENGTH}) : msg(`flowErr.rule.${r}`));

/** What the password lacks against the key/export policy, as a message; undefined when it is strong. */
export function passwordPolicyIssue(password: string): Message | undefined {
  const p = passwordProblems(password);
  if (!p.length) return undefined;
  return msg('flowErr.weakPassword', {n: PASSWORD_MIN_LENGTH, missing: joinMessages(p.map(ruleMsg))});
}

/** `Hasło nie spełnia zasad — brakuje: wielkiej litery, cyfry.` (language of `t`) or undefined when the password is strong. */
export function passwordPolicyMessage(password: string, t: Translate = plT): string | undefined {
  const m = passwordPolicyIssue(password);
  return m && render(t, m);
}

/** What an operator tries to do with a certificate: `revoke`, `export`, or a caller's own verb shown as given. */
export type ManageAction = 'revoke' | 'export';

export function assertCanManage(op: Pick<Operator, 'code' | 'role' | 'disabled'>, rec: Pick<CertificateRecord, 'owner' | 'name' | 'serial'>, what: ManageAction | string): void {
  if (!canManage(op, rec.owner)) {
    const verb = what === 'revoke' || what === 'export' ? msg(`flowErr.manage.${what}`) : msg('err.verbatim', {text: what});
    throw flowError(msg('flowErr.forbiddenManage', {operator: op.code, what: verb, name: rec.name, owner: ownerText(rec.owner)}), 'forbidden');
  }
}

