// XAdES-BES enveloped signature of AuthTokenRequest (xadesjs / xmldsigjs), as the official C# client makes it:
// exc-c14n, SHA-256, a document reference and a SignedProperties reference, SigningTime (now − 1 min) and
// SigningCertificate (SHA-256), the certificate in KeyInfo; ECDSA value raw R‖S, RSA PKCS#1 v1.5.
import {webcrypto, type KeyObject} from 'node:crypto';
import {DOMParser, XMLSerializer} from '@xmldom/xmldom';
import * as xadesjs from 'xadesjs';
import * as xmldsig from 'xmldsigjs';
import type {CertTypeCode} from '../domain/index.js';
import {assertCertificateValid, parseCertificate, type CertInfo} from './cert-info.js';
import {KsefCryptoError} from './errors.js';
import {issuerRfc4514} from './dn.js';
import {keyMatchesCertificate} from './keys.js';
import {isExternalKey, routedCrypto, type SigningKey} from './key-source.js';
import {hasDtd, parseAuthTokenRequest, XMLDSIG_NS} from './auth-xml.js';

// Node's WebCrypto; sign() with a PKCS#11 key goes to its token (see key-source.ts).
xadesjs.Application.setEngine('NodeJS', routedCrypto);
xadesjs.setNodeDependencies({DOMParser, XMLSerializer});

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const XADES_REF_TYPE = 'http://uri.etsi.org/01903#SignedProperties';

/**
 * SignedXml whose SignedProperties reference carries an explicit exc-c14n transform and whose X509IssuerName is in
 * RFC 4514 order (`CN=…,O=…,C=PL`), both as the official C# client writes them.
 */
class KsefSignedXml extends xadesjs.SignedXml {
  override async ApplySigningCertificate(value?: string | xadesjs.OptionsSigningCertificate): Promise<void> {
    await super.ApplySigningCertificate(value);
    const certB64 = typeof value === 'string' ? value : value?.certificate;
    const props = this.Properties?.SignedProperties.SignedSignatureProperties.SigningCertificate;
    if (certB64 && props?.Count) props.Item(0)!.IssuerSerial.X509IssuerName = issuerRfc4514(Buffer.from(certB64, 'base64'));
  }

  protected override async ApplySignOptions(signature: xmldsig.Signature, algorithm: Algorithm, key: CryptoKey, options: xadesjs.OptionsXAdES): Promise<void> {
    await super.ApplySignOptions(signature, algorithm, key, options);
    for (const ref of signature.SignedInfo.References.GetIterator()) {
      if (ref.Type === XADES_REF_TYPE) {
        const transforms = new xmldsig.Transforms();
        transforms.Add(new xmldsig.XmlDsigExcC14NTransform());
        ref.Transforms = transforms;
      }
    }
  }
}

export interface XadesSigner {
  certPem: string;
  /** A key unsealed from the store or a key on a PKCS#11 token. */
  key: SigningKey;
  /** Certificate type if known (from the store); otherwise guessed from the certificate. */
  type?: CertTypeCode;
}

function signingParams(signing: SigningKey): {importAlg: RsaHashedImportParams | EcKeyImportParams; signAlg: Algorithm | EcdsaParams} {
  const key: KeyObject = isExternalKey(signing) ? signing.publicKey : signing;
  const d = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    const curve = ({prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521'} as Record<string, string>)[d.namedCurve ?? ''];
    if (!curve) throw new KsefCryptoError('unsupportedKey');
    const hash = curve === 'P-256' ? 'SHA-256' : curve === 'P-384' ? 'SHA-384' : 'SHA-512';
    return {importAlg: {name: 'ECDSA', namedCurve: curve}, signAlg: {name: 'ECDSA', hash} as EcdsaParams};
  }
  if (key.asymmetricKeyType === 'rsa' && (d.modulusLength ?? 0) >= 2048) {
    return {importAlg: {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}, signAlg: {name: 'RSASSA-PKCS1-v1_5'}};
  }
  throw new KsefCryptoError('unsupportedKey');
}

/**
 * Signs an AuthTokenRequest (as built by buildAuthTokenRequest) and returns the signed document: the input text
 * unchanged with the ds:Signature inserted as the last child of the root element.
 */
export async function signAuthTokenRequest(xml: string, signer: XadesSigner, now: Date = new Date()): Promise<string> {
  const info: CertInfo = parseCertificate(signer.certPem);
  const type = signer.type ?? info.typeGuess;
  if (type === 'O') throw new KsefCryptoError('offlineCannotAuthenticate');
  if (!keyMatchesCertificate(isExternalKey(signer.key) ? signer.key.publicKey : signer.key, info.der)) throw new KsefCryptoError('keyMismatch');
  assertCertificateValid(info, now);
  parseAuthTokenRequest(xml); // refuses anything that is not an AuthTokenRequest
  const closing = xml.lastIndexOf('</AuthTokenRequest>');
  if (closing < 0) throw new KsefCryptoError('invalidXml', 'Oczekiwano dokumentu AuthTokenRequest bez prefiksu przestrzeni nazw');

  const {importAlg, signAlg} = signingParams(signer.key);
  // Other modules in the process (the embedded simulator, test helpers) set xadesjs's one global engine to plain
  // WebCrypto when they load; routedCrypto is the same for store keys and also reaches token keys.
  xadesjs.Application.setEngine('NodeJS', routedCrypto);
  const cryptoKey = isExternalKey(signer.key)
    ? signer.key.webPrivateKey
    : await webcrypto.subtle.importKey('pkcs8', signer.key.export({type: 'pkcs8', format: 'der'}), importAlg, false, ['sign']);
  const certB64 = info.der.toString('base64');
  const doc = xadesjs.Parse(xml);
  const signed = new KsefSignedXml();
  signed.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = EXC_C14N;
  await signed.Sign(signAlg, cryptoKey as CryptoKey, doc, {
    references: [{hash: 'SHA-256', uri: '', transforms: ['enveloped', 'exc-c14n']}],
    x509: [certB64],
    signingCertificate: {certificate: certB64, digestAlgorithm: 'SHA-256'},
    signingTime: {value: new Date(now.getTime() - 60_000)},
  });
  const sigXml = new XMLSerializer().serializeToString(signed.GetXml() as never);
  return xml.slice(0, closing) + sigXml + xml.slice(closing);
}

/** Verifies every reference and the signature value with the certificate in KeyInfo (local pre-check / tests). */
export async function verifyXadesSignature(xml: string): Promise<boolean> {
  if (hasDtd(xml)) return false;
  const doc = xadesjs.Parse(xml);
  const sigs = doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature');
  if (sigs.length !== 1) return false;
  const signed = new xadesjs.SignedXml(doc);
  signed.LoadXml(sigs[0] as Element);
  try {
    return await signed.Verify();
  } catch {
    return false;
  }
}

export type SignedFileProblem =
  | 'empty'
  | 'tooLarge'
  | 'notXml'
  | 'malformedXml'
  | 'xmlBomb'
  | 'notAuthTokenRequest'
  | 'noSignature'
  | 'detached'
  | 'multipleSignatures';

export type SignedFileCheck =
  | {ok: true; signatureCount: number; challenge: string; context: {type: string; value: string}; signerSubject?: string; signerCert?: CertInfo}
  | {ok: false; reason: SignedFileProblem; messagePl: string};

const PROBLEM_PL: Record<SignedFileProblem, string> = {
  empty: 'Plik jest pusty',
  tooLarge: 'Plik jest za duży jak na podpisany AuthTokenRequest',
  notXml: 'To nie jest plik XML (może to kontener .asic/.zip lub PDF — podpisz plik XML podpisem XAdES otaczanym)',
  malformedXml: 'Plik XML jest uszkodzony (niepoprawna składnia XML, np. niedomknięty element lub obcięty plik) — zapisz podpisany plik ponownie',
  xmlBomb: 'Plik zawiera deklarację DOCTYPE/ENTITY — odrzucony ze względów bezpieczeństwa',
  notAuthTokenRequest: 'Plik nie zawiera dokumentu AuthTokenRequest KSeF',
  noSignature: 'Plik nie jest podpisany (brak elementu ds:Signature)',
  detached: 'Podpis zewnętrzny (detached) nie jest akceptowany przez KSeF — użyj podpisu otaczanego (enveloped)',
  multipleSignatures: 'Plik zawiera więcej niż jeden podpis — KSeF oczekuje jednego podpisu',
};
const MAX_SIGNED_FILE = 1024 * 1024;
const fail = (reason: SignedFileProblem): SignedFileCheck => ({ok: false, reason, messagePl: PROBLEM_PL[reason]});

function signerOf(sig: Element): CertInfo | undefined {
  const certEl = sig.getElementsByTagNameNS(XMLDSIG_NS, 'X509Certificate')[0];
  const b64 = certEl?.textContent?.replace(/\s+/g, '');
  if (!b64) return undefined;
  try {
    return parseCertificate(Buffer.from(b64, 'base64'));
  } catch {
    return undefined;
  }
}

/** Enveloped/enveloping = every Reference points inside the document (`""` or `#id`). */
function referencesAreInternal(sig: Element): boolean {
  const refs = Array.from(sig.getElementsByTagNameNS(XMLDSIG_NS, 'Reference'));
  return refs.length > 0 && refs.every((r) => {
    const uri = r.getAttribute('URI');
    return uri === null || uri === '' || uri.startsWith('#');
  });
}

/**
 * Quick local check of a signed file the user drops in (signed outside the app, e.g. with a qualified signature)
 * before it is sent byte-for-byte. Never modifies or re-encodes the bytes.
 */
export function inspectSignedFile(bytes: Buffer): SignedFileCheck {
  if (!bytes || bytes.length === 0) return fail('empty');
  if (bytes.length > MAX_SIGNED_FILE) return fail('tooLarge');
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return fail('notXml');
  }
  if (text.includes('\u0000')) return fail('notXml');
  text = text.replace(/^\uFEFF/, '');
  if (!/^\s*</.test(text)) return fail('notXml');
  if (hasDtd(text)) return fail('xmlBomb');
  let doc: Document;
  try {
    let failed = false;
    doc = new DOMParser({onError: (level) => { if (level !== 'warning') failed = true; }}).parseFromString(text, 'text/xml') as unknown as Document;
    // It starts like XML but does not parse: a damaged or truncated file, not a container or a PDF.
    if (failed || !doc.documentElement) return fail('malformedXml');
  } catch {
    return fail('malformedXml');
  }
  const sigs = Array.from(doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature'));
  const atr = Array.from(doc.getElementsByTagNameNS('*', 'AuthTokenRequest'));
  // A lone ds:Signature pointing elsewhere is a detached signature; any other document is simply the wrong file.
  if (atr.length === 0) {
    const root = doc.documentElement;
    const detachedRoot = root.namespaceURI === XMLDSIG_NS && root.localName === 'Signature' && !referencesAreInternal(root as never);
    return fail(detachedRoot ? 'detached' : 'notAuthTokenRequest');
  }
  if (sigs.length === 0) return fail('noSignature');
  if (sigs.length > 1) return fail('multipleSignatures');
  if (!referencesAreInternal(sigs[0])) return fail('detached');
  let parsed;
  try {
    const root = atr[0];
    parsed = parseAuthTokenRequest(new XMLSerializer().serializeToString(root as never));
  } catch {
    return fail('notAuthTokenRequest');
  }
  const cert = signerOf(sigs[0]);
  return {ok: true, signatureCount: sigs.length, challenge: parsed.challenge, context: parsed.context, signerSubject: cert?.subject, signerCert: cert};
}
