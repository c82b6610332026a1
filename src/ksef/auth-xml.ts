// AuthTokenRequest (schemat_auth_v2-0/2-1) — the document signed with XAdES for POST /auth/xades-signature.
import {DOMParser} from '@xmldom/xmldom';
import type {ContextIdentifier, ContextType} from '../domain/index.js';
import {KsefCryptoError} from './errors.js';
import {msg} from '../i18n/index.js';
import {hasDtd} from './dtd.js';

export type AuthXmlVersion = '2.0' | '2.1';
export type SubjectIdentifierType = 'certificateSubject' | 'certificateFingerprint';
export const AUTH_NS: Record<AuthXmlVersion, string> = {
  '2.0': 'http://ksef.mf.gov.pl/auth/token/2.0',
  '2.1': 'http://ksef.mf.gov.pl/auth/token/2.1',
};

export interface AllowedIps {
  ip4Addresses?: string[];
  ip4Ranges?: string[];
  ip4Masks?: string[];
}

export interface AuthTokenRequestInput {
  challenge: string;
  context: ContextIdentifier;
  subjectIdentifierType: SubjectIdentifierType;
  /** Namespace version; official clients emit 2.0 (default). */
  version?: AuthXmlVersion;
  allowedIps?: AllowedIps;
}

export const CHALLENGE_RE = /^\d{8}-CR-[A-F0-9]{10}-[A-F0-9]{10}-[A-F0-9]{2}$/;
const NIP = '[1-9]((\\d[1-9])|([1-9]\\d))\\d{7}';
const CONTEXT_RE: Record<ContextType, RegExp> = {
  Nip: new RegExp(`^${NIP}$`),
  InternalId: new RegExp(`^${NIP}-\\d{5}$`),
  NipVatUe: new RegExp(`^${NIP}-[A-Z]{2}[A-Z0-9+*]{2,13}$`),
  PeppolId: /^P[A-Z]{2}[0-9]{6}$/,
};
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IP4 = `${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}`;
const IP_RE = {
  ip4Addresses: new RegExp(`^${IP4}$`),
  ip4Ranges: new RegExp(`^${IP4}-${IP4}$`),
  ip4Masks: new RegExp(`^${IP4}/(0|[1-9]|[12][0-9]|3[0-2])$`),
};
const IP_ELEMENT = {ip4Addresses: 'Ip4Address', ip4Ranges: 'Ip4Range', ip4Masks: 'Ip4Mask'} as const;

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The unsigned document, byte-for-byte in the layout of the official samples (UTF-8, LF, two-space indent,
 * trailing newline). Invalid challenge / context / IPs → KsefCryptoError invalidInput.
 */
export function buildAuthTokenRequest(input: AuthTokenRequestInput): string {
  const {challenge, context, subjectIdentifierType} = input;
  const version = input.version ?? '2.0';
  if (!CHALLENGE_RE.test(challenge)) throw new KsefCryptoError('invalidInput', msg('crypto.challengeInvalid', {challenge}));
  const re = CONTEXT_RE[context.type];
  if (!re) throw new KsefCryptoError('invalidInput', msg('crypto.contextTypeUnknown', {type: context.type}));
  if (!re.test(context.value)) throw new KsefCryptoError('invalidInput', msg('crypto.contextIdInvalid', {type: context.type, value: context.value}));
  if (subjectIdentifierType !== 'certificateSubject' && subjectIdentifierType !== 'certificateFingerprint') {
    throw new KsefCryptoError('invalidInput', msg('crypto.subjectTypeInvalid', {type: String(subjectIdentifierType)}));
  }
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<AuthTokenRequest xmlns="${AUTH_NS[version]}">`,
    `  <Challenge>${challenge}</Challenge>`,
    '  <ContextIdentifier>',
    `    <${context.type}>${escapeXml(context.value)}</${context.type}>`,
    '  </ContextIdentifier>',
    `  <SubjectIdentifierType>${subjectIdentifierType}</SubjectIdentifierType>`,
  ];
  const ips = input.allowedIps;
  if (ips) {
    const items: string[] = [];
    for (const k of ['ip4Addresses', 'ip4Ranges', 'ip4Masks'] as const) {
      const list = ips[k] ?? [];
      if (list.length > 10) throw new KsefCryptoError('invalidInput', msg('crypto.ipPolicyTooMany'));
      for (const v of list) {
        if (!IP_RE[k].test(v)) throw new KsefCryptoError('invalidInput', msg('crypto.ipPolicyBad', {ip: v}));
        items.push(`      <${IP_ELEMENT[k]}>${v}</${IP_ELEMENT[k]}>`);
      }
    }
    if (items.length) lines.push('  <AuthorizationPolicy>', '    <AllowedIps>', ...items, '    </AllowedIps>', '  </AuthorizationPolicy>');
  }
  lines.push('</AuthTokenRequest>', '');
  return lines.join('\n');
}

export interface ParsedAuthTokenRequest {
  version: AuthXmlVersion;
  challenge: string;
  context: ContextIdentifier;
  subjectIdentifierType: string;
  allowedIps?: AllowedIps;
  /** Number of ds:Signature elements anywhere in the document. */
  signatureCount: number;
}

export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export {hasDtd};

/** Parses XML text safely (no DTD); throws invalidXml with a Polish message. */
export function parseXmlSafe(text: string): Document {
  if (hasDtd(text)) throw new KsefCryptoError('invalidXml', msg('crypto.xmlDtd'));
  let failed = false;
  let doc;
  try {
    doc = new DOMParser({onError: (level) => { if (level !== 'warning') failed = true; }}).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new KsefCryptoError('invalidXml', undefined, {cause: e});
  }
  if (failed || !doc?.documentElement) throw new KsefCryptoError('invalidXml');
  return doc as unknown as Document;
}

const childEl = (parent: Element, name: string): Element | undefined => {
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === name) return n as Element;
  return undefined;
};

/** Reads challenge / context from an AuthTokenRequest, signed or not. */
export function parseAuthTokenRequest(xml: string | Buffer): ParsedAuthTokenRequest {
  const text = typeof xml === 'string' ? xml : xml.toString('utf8');
  const doc = parseXmlSafe(text.replace(/^\uFEFF/, ''));
  const root = doc.documentElement;
  const version = (Object.keys(AUTH_NS) as AuthXmlVersion[]).find((v) => AUTH_NS[v] === root.namespaceURI);
  if (root.localName !== 'AuthTokenRequest' || !version) {
    throw new KsefCryptoError('invalidXml', msg('crypto.notAuthRequest'));
  }
  const challenge = childEl(root, 'Challenge')?.textContent?.trim() ?? '';
  const ctxEl = childEl(root, 'ContextIdentifier');
  const ctxChild = ctxEl && (['Nip', 'InternalId', 'NipVatUe', 'PeppolId'] as ContextType[]).map((t) => [t, childEl(ctxEl, t)] as const).find(([, e]) => e);
  if (!challenge || !ctxChild) throw new KsefCryptoError('invalidXml', msg('crypto.authRequestIncomplete'));
  const out: ParsedAuthTokenRequest = {
    version,
    challenge,
    context: {type: ctxChild[0], value: ctxChild[1]!.textContent?.trim() ?? ''},
    subjectIdentifierType: childEl(root, 'SubjectIdentifierType')?.textContent?.trim() ?? '',
    signatureCount: doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature').length,
  };
  const allowed = childEl(root, 'AuthorizationPolicy') && childEl(childEl(root, 'AuthorizationPolicy')!, 'AllowedIps');
  if (allowed) {
    const list = (name: string) => Array.from(allowed.getElementsByTagNameNS(root.namespaceURI!, name)).map((e) => e.textContent?.trim() ?? '');
    out.allowedIps = {ip4Addresses: list('Ip4Address'), ip4Ranges: list('Ip4Range'), ip4Masks: list('Ip4Mask')};
  }
  return out;
}
