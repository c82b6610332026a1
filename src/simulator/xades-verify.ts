// Verification of the XAdES-signed AuthTokenRequest: document shape, XSD, signature cryptography and the XAdES
// qualifying properties. Certificate trust is decided by the caller (it needs the simulator state).
import * as x509 from '@peculiar/x509';
import {DOMParser, XMLSerializer} from '@xmldom/xmldom';
import {createHash, webcrypto} from 'node:crypto';
import * as xadesjs from 'xadesjs';
import type {ContextType} from '../domain/index.js';
import {KsefError} from './errors.js';
import {NS_20, NS_21, validateAuthTokenRequest} from './xsd.js';

xadesjs.Application.setEngine('NodeJS', webcrypto as unknown as Crypto);
xadesjs.setNodeDependencies({DOMParser, XMLSerializer});

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES_NS = ['http://uri.etsi.org/01903/v1.3.2#', 'http://uri.etsi.org/01903/v1.4.1#'];

const ALLOWED_TRANSFORMS = new Set([
  'http://www.w3.org/TR/1999/REC-xpath-19991116',
  'http://www.w3.org/2002/06/xmldsig-filter2',
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/2000/09/xmldsig#base64',
  'http://www.w3.org/2006/12/xml-c14n11',
  'http://www.w3.org/2006/12/xml-c14n11#WithComments',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);
const SIGNATURE_METHODS: Record<string, {family: 'RSA' | 'RSA-PSS' | 'EC'; sha1: boolean}> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': {family: 'RSA', sha1: true},
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': {family: 'RSA', sha1: false},
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': {family: 'RSA', sha1: false},
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': {family: 'RSA', sha1: false},
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': {family: 'RSA-PSS', sha1: false},
  'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1': {family: 'RSA-PSS', sha1: false},
  'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1': {family: 'RSA-PSS', sha1: false},
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1': {family: 'EC', sha1: true},
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': {family: 'EC', sha1: false},
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': {family: 'EC', sha1: false},
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': {family: 'EC', sha1: false},
};
const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-256': 'sha3-256',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-384': 'sha3-384',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-512': 'sha3-512',
};

export const NOT_XADES = 'Format podpisu niezgodny z akceptowanymi profilami XAdES.';
export const WEAK_ALGORITHM = 'Podpis złożony z użyciem niewspieranego algorytmu kryptograficznego.';
const NEGATIVE = 'Podpis zweryfikowany negatywnie.';

export interface AuthTokenRequestData {
  namespace: string;
  challenge: string;
  context: {type: ContextType; value: string};
  subjectIdentifierType: 'certificateSubject' | 'certificateFingerprint';
  allowedIps: string[] | null;
}

export interface VerifiedAuthRequest {
  request: AuthTokenRequestData;
  certificate: x509.X509Certificate;
  signingTime: Date | null;
  /** `X-System-Warning` entries, e.g. `[sig-001]: …`. */
  warnings: string[];
}

export interface VerifyOptions {
  /** `X-KSeF-Feature: enforce-xades-compliance`: SHA-1 and a missing SigningTime become errors instead of warnings. */
  enforceCompliance: boolean;
  /** DEMO/PROD reject SHA-1 regardless of the header (TEST tolerated it, see NOTES §1.3). */
  rejectSha1: boolean;
}

const elements = (parent: Element | Document, ns: string, local: string): Element[] => Array.from(parent.getElementsByTagNameNS(ns, local) as unknown as ArrayLike<Element>);
const childElements = (el: Element): Element[] => Array.from(el.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);
const child = (el: Element, local: string, ns?: string): Element | undefined => childElements(el).find((c) => c.localName === local && (!ns || c.namespaceURI === ns));
const text = (el: Element | undefined): string => (el?.textContent ?? '').trim();

function parseXml(body: Buffer): Document {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', {fatal: true}).decode(body);
  } catch {
    throw new KsefError(21217, ['Treść dokumentu nie jest poprawnie zakodowana w UTF-8.']);
  }
  const decl = /^\uFEFF?<\?xml[^>]*encoding=["']([^"']+)["']/.exec(decoded);
  if (decl && !/^utf-?8$/i.test(decl[1])) throw new KsefError(21217, [`Nieobsługiwane kodowanie dokumentu: ${decl[1]}.`]);
  const errors: string[] = [];
  let doc: Document | undefined;
  try {
    doc = new DOMParser({onError: (level: string, msg: string) => void (level !== 'warning' && errors.push(msg))}).parseFromString(decoded.replace(/^\uFEFF/, ''), 'application/xml') as unknown as Document;
  } catch (e) {
    errors.push((e as Error).message);
  }
  // KSeF names the problem, not the parser's internals.
  if (!doc || errors.length || !doc.documentElement) throw new KsefError(21001, ['Dokument nie jest poprawnym dokumentem XML.']);
  return doc;
}

function idIndex(doc: Document): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const el of elements(doc, '*', '*')) for (const a of ['Id', 'ID', 'id']) {
    const v = el.getAttribute(a);
    if (v) map.set(v, el);
  }
  return map;
}

const isAncestorOrSelf = (anc: Element, el: Element): boolean => {
  for (let n: Node | null = el; n; n = n.parentNode) if (n === anc) return true;
  return false;
};

function readRequest(atr: Element): AuthTokenRequestData {
  const ns = atr.namespaceURI ?? '';
  const ctxEl = child(atr, 'ContextIdentifier', ns)!;
  const ctxChild = childElements(ctxEl)[0];
  const policy = child(atr, 'AuthorizationPolicy', ns);
  const ips = policy ? childElements(child(policy, 'AllowedIps', ns)!).map((e) => text(e)) : null;
  return {
    namespace: ns,
    challenge: text(child(atr, 'Challenge', ns)),
    context: {type: ctxChild.localName as ContextType, value: text(ctxChild)},
    subjectIdentifierType: text(child(atr, 'SubjectIdentifierType', ns)) as AuthTokenRequestData['subjectIdentifierType'],
    allowedIps: ips,
  };
}

/**
 * X509IssuerName names the certificate's issuer. Accepted in RFC 4514 order (`CN=…,O=…,C=PL`, as the official C#
 * client writes it) and in X.500 order (`C=PL, O=…, CN=…`, as xadesjs and older clients wrote it and KSeF accepted):
 * the same attributes with the same values, order aside.
 */
function sameName(written: string, issuer: x509.Name): boolean {
  const key = (n: x509.Name) => n.toJSON().flatMap((rdn) => Object.entries(rdn).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`))).sort().join('\n');
  try {
    return key(new x509.Name(written)) === key(issuer);
  } catch {
    return false;
  }
}

/** The detail KSeF writes for a reference whose digest does not match, instead of the library's message (XMLJS0013…). */
function digestDetail(e: unknown): string[] {
  const m = /digest for uri '([^']*)'/i.exec((e as Error)?.message ?? '');
  return m ? [`Nieprawidłowa wartość skrótu dla referencji '${m[1]}'.`] : [];
}

export async function verifyAuthTokenRequest(body: Buffer, opts: VerifyOptions): Promise<VerifiedAuthRequest> {
  const doc = parseXml(body);
  const warnings: string[] = [];
  const sigs = elements(doc, DS, 'Signature');
  if (sigs.length === 0) throw new KsefError(9102);
  if (sigs.length > 1) throw new KsefError(9103);
  const sig = sigs[0];

  // Enveloped: the request is the root and holds the signature. Enveloping: the signature is the root and the
  // request sits in ds:Object. Anything else (e.g. a detached signature next to foreign content) is not a request.
  const root = doc.documentElement;
  const isRequest = (el: Element) => el.localName === 'AuthTokenRequest' && (el.namespaceURI === NS_20 || el.namespaceURI === NS_21);
  let atr: Element | undefined;
  if (isRequest(root)) atr = root;
  else if (root === sig) atr = elements(sig, NS_20, 'AuthTokenRequest')[0] ?? elements(sig, NS_21, 'AuthTokenRequest')[0];
  if (!atr) throw new KsefError(9101, ['Dokument nie zawiera elementu AuthTokenRequest w obsługiwanej przestrzeni nazw.']);

  const unsigned = atr.cloneNode(true) as Element;
  for (const s of elements(unsigned, DS, 'Signature')) s.parentNode?.removeChild(s);
  const xsdErrors = await validateAuthTokenRequest(new XMLSerializer().serializeToString(unsigned as never), atr.namespaceURI!);
  if (xsdErrors.length) throw new KsefError(21401, xsdErrors);
  const request = readRequest(atr);

  // --- references: no detached content, and the request itself must be covered ---
  const signedInfo = child(sig, 'SignedInfo', DS);
  if (!signedInfo) throw new KsefError(9105, ['Brak elementu SignedInfo.']);
  const ids = idIndex(doc);
  const refs = childElements(signedInfo).filter((e) => e.localName === 'Reference');
  let coversRequest = false;
  const referenced = new Set<Element>();
  let weak = false;
  for (const ref of refs) {
    const uri = ref.getAttribute('URI');
    if (uri === null || (uri !== '' && !uri.startsWith('#'))) {
      throw new KsefError(9105, [`Element wskazywany przez referencję '${uri ?? 'null'}' nie został odnaleziony. Podpis zewnętrzny (detached) nie jest akceptowany.`]);
    }
    const target = uri === '' ? root : ids.get(uri.slice(1));
    if (!target) throw new KsefError(9105, [`Element wskazywany przez referencję '${uri}' nie został odnaleziony.`]);
    referenced.add(target);
    const transforms = child(ref, 'Transforms', DS);
    for (const t of transforms ? childElements(transforms) : []) {
      const alg = t.getAttribute('Algorithm') ?? '';
      if (!ALLOWED_TRANSFORMS.has(alg)) throw new KsefError(9105, [`Niedozwolona transformata: ${alg}.`]);
    }
    const digest = DIGESTS[child(ref, 'DigestMethod', DS)?.getAttribute('Algorithm') ?? ''];
    if (!digest) throw new KsefError(9105, [WEAK_ALGORITHM]);
    if (digest === 'sha1') weak = true;
    if (isAncestorOrSelf(target, atr)) coversRequest = true;
  }
  if (!coversRequest) throw new KsefError(9105, ['Podpis nie obejmuje dokumentu AuthTokenRequest (podpis zewnętrzny nie jest akceptowany).']);

  const methodUri = child(signedInfo, 'SignatureMethod', DS)?.getAttribute('Algorithm') ?? '';
  const method = SIGNATURE_METHODS[methodUri];
  if (!method) throw new KsefError(9105, [WEAK_ALGORITHM]);
  if (method.sha1) weak = true;

  // --- signing certificate ---
  const certB64 = text(elements(sig, DS, 'X509Certificate')[0]);
  if (!certB64) throw new KsefError(9105, ['Brak certyfikatu podpisującego w KeyInfo.']);
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(Buffer.from(certB64.replace(/\s+/g, ''), 'base64'));
  } catch {
    throw new KsefError(21115, ['Nie można odczytać certyfikatu podpisującego.']);
  }
  const keyAlg = certificate.publicKey.algorithm as RsaHashedKeyAlgorithm & EcKeyAlgorithm;
  const isEc = keyAlg.name === 'ECDSA' || keyAlg.name === 'ECDH';
  if (isEc !== (method.family === 'EC')) throw new KsefError(9105, ['Algorytm podpisu nie odpowiada kluczowi certyfikatu.']);
  if (isEc && !['P-256', 'P-384', 'P-521'].includes(keyAlg.namedCurve)) throw new KsefError(9105, [WEAK_ALGORITHM]);
  if (!isEc) {
    const bits = (await certificate.publicKey.export({name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'} as RsaHashedImportParams, ['verify'])).algorithm as RsaHashedKeyAlgorithm;
    if (bits.modulusLength < 2048) throw new KsefError(9105, [WEAK_ALGORITHM]);
  }

  // ECDSA must be raw R||S (XMLDSIG 1.1); a DER SEQUENCE has the wrong length and fails verification below anyway,
  // but we say why.
  const sigValue = Buffer.from(text(child(sig, 'SignatureValue', DS)).replace(/\s+/g, ''), 'base64');
  if (isEc) {
    const size = {'P-256': 64, 'P-384': 96, 'P-521': 132}[keyAlg.namedCurve as 'P-256'];
    if (sigValue.length !== size) throw new KsefError(9105, [NEGATIVE, 'Wartość podpisu ECDSA musi mieć postać R||S (IEEE P1363), nie DER.']);
  }

  // --- cryptographic verification of references and SignatureValue ---
  let ok = false;
  try {
    const signed = new xadesjs.SignedXml(doc);
    signed.LoadXml(sig);
    // Plain XMLDSIG verification (references + SignatureValue with the KeyInfo key): xadesjs does not add its own
    // SigningCertificate check to Verify(); we check the XAdES properties below ourselves.
    ok = await signed.Verify();
  } catch (e) {
    throw new KsefError(9105, [NEGATIVE, ...digestDetail(e)]);
  }
  if (!ok) throw new KsefError(9105, [NEGATIVE]);

  // --- XAdES: signed QualifyingProperties with SigningCertificate (+ SigningTime) ---
  const signedProps = XADES_NS.flatMap((ns) => elements(sig, ns, 'SignedProperties'))[0];
  if (!signedProps || !referenced.has(signedProps)) throw new KsefError(9105, [NOT_XADES]);
  const xns = signedProps.namespaceURI!;
  const sigTimeEl = elements(signedProps, xns, 'SigningTime')[0];
  const signingTime = sigTimeEl ? new Date(text(sigTimeEl)) : null;
  if (!signingTime || Number.isNaN(signingTime.getTime())) {
    if (opts.enforceCompliance) throw new KsefError(9105, [NOT_XADES]);
    warnings.push(`[sig-001]: ${NOT_XADES}`);
  }
  const certEls = [...elements(signedProps, xns, 'SigningCertificate'), ...elements(signedProps, xns, 'SigningCertificateV2')].flatMap((sc) => childElements(sc).filter((c) => c.localName === 'Cert'));
  if (certEls.length === 0) throw new KsefError(9105, [NOT_XADES, 'Brak SigningCertificate w SignedProperties.']);
  const der = Buffer.from(certificate.rawData);
  const matches = certEls.some((c) => {
    const cd = child(c, 'CertDigest', xns);
    const alg = DIGESTS[cd ? child(cd, 'DigestMethod', DS)?.getAttribute('Algorithm') ?? '' : ''];
    if (!cd || !alg) return false;
    if (alg === 'sha1') weak = true;
    const expected = createHash(alg).update(der).digest('base64');
    if (text(child(cd, 'DigestValue', DS)).replace(/\s+/g, '') !== expected) return false;
    const serial = text(elements(c, DS, 'X509SerialNumber')[0]);
    const issuerName = text(elements(c, DS, 'X509IssuerName')[0]);
    if (issuerName && !sameName(issuerName, certificate.issuerName)) return false;
    return !serial || BigInt(serial) === BigInt('0x' + certificate.serialNumber);
  });
  if (!matches) throw new KsefError(9105, [NOT_XADES, 'SigningCertificate nie odpowiada certyfikatowi użytemu do podpisu.']);

  if (weak) {
    if (opts.enforceCompliance || opts.rejectSha1) throw new KsefError(9105, [WEAK_ALGORITHM]);
    warnings.push(`[sig-002]: ${WEAK_ALGORITHM}`);
  }
  return {request, certificate, signingTime, warnings};
}
