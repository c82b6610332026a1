// A session on one PKCS#11 token (graphene-pk11 + node-webcrypto-p11, the PeculiarVentures family of
// @peculiar/x509 and xadesjs): find the token by label, log in with the PIN, generate a never-extractable EC P-256
// key pair, find keys and certificates, and hand out keys as ExternalKey. The PIN is used for C_Login only.
import {createHash, createPublicKey, X509Certificate as NodeX509} from 'node:crypto';
import {existsSync, statSync} from 'node:fs';
import * as graphene from 'graphene-pk11';
import {Crypto as P11Crypto, CryptoKey as P11CryptoKey} from './webcrypto-p11.js';
import {routeKeyTo, type ExternalKey} from '../key-source.js';
import {TokenError, type TokenErrorCode} from './errors.js';
import {formatPkcs11Uri, type Pkcs11KeyRef} from './uri.js';

export interface TokenInfo {
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
}

export interface TokenCertificate {
  /** CKA_ID (hex) shared with the key pair. */
  id: string;
  label: string;
  der: Buffer;
}

// One loaded module per path for the whole process (C_Initialize once); finalised when the last session closes.
const modules = new Map<string, {mod: graphene.Module; users: number}>();

const pkcs11Code = (e: unknown): string | undefined => {
  const m = e instanceof Error ? /\b(CKR_[A-Z_]+)\b/.exec(e.message) : null;
  return m?.[1];
};

function loadModule(path: string): graphene.Module {
  const known = modules.get(path);
  if (known) {
    known.users++;
    return known.mod;
  }
  if (!existsSync(path) || !statSync(path).isFile()) throw new TokenError('moduleMissing', {module: path});
  let mod: graphene.Module;
  try {
    mod = graphene.Module.load(path);
  } catch (e) {
    throw new TokenError('notPkcs11', {module: path}, {cause: e});
  }
  try {
    mod.initialize();
  } catch (e) {
    const code = pkcs11Code(e);
    if (code !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      // A real PKCS#11 library that cannot start: reader/token service down, its configuration or token store gone.
      throw new TokenError('moduleInitFailed', {module: path, detail: code ?? 'C_Initialize'}, {cause: e});
    }
  }
  modules.set(path, {mod, users: 1});
  return mod;
}

function releaseModule(path: string): void {
  const known = modules.get(path);
  if (!known || --known.users > 0) return;
  modules.delete(path);
  try {
    known.mod.finalize();
  } catch {
    // already finalised: nothing to release
  }
}

const trimLabel = (s: string): string => s.replace(/\s+$/, '');

/** Labels of the tokens present in the module's slots (for the configuration screen and messages). */
export function listTokens(modulePath: string): TokenInfo[] {
  const mod = loadModule(modulePath);
  try {
    const slots = mod.getSlots(true);
    const out: TokenInfo[] = [];
    for (let i = 0; i < slots.length; i++) {
      const t = slots.items(i).getToken();
      if (!(t.flags & graphene.TokenFlag.TOKEN_INITIALIZED)) continue;
      out.push({label: trimLabel(t.label), serial: trimLabel(t.serialNumber), manufacturer: trimLabel(t.manufacturerID), model: trimLabel(t.model)});
    }
    return out;
  } finally {
    releaseModule(modulePath);
  }
}

/**
 * What a failed C_Login means, from its return code and the token flags read right after it (the token says how
 * many tries are left only through CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED).
 */
export function pinFailureCode(ckr: string | undefined, flags: number): TokenErrorCode {
  if (ckr === 'CKR_PIN_LOCKED' || flags & graphene.TokenFlag.USER_PIN_LOCKED) return 'pinLocked';
  if (ckr === 'CKR_PIN_INCORRECT' || ckr === 'CKR_PIN_LEN_RANGE' || ckr === 'CKR_PIN_INVALID') {
    if (flags & graphene.TokenFlag.USER_PIN_FINAL_TRY) return 'pinWrongFinalTry';
    if (flags & graphene.TokenFlag.USER_PIN_COUNT_LOW) return 'pinWrongCountLow';
    return 'pinWrong';
  }
  return 'tokenFailed';
}

function pinFailure(token: graphene.Token, label: string, e: unknown): TokenError {
  const ckr = pkcs11Code(e);
  let flags = 0;
  try {
    flags = token.flags;
  } catch {
    // the token went away with the failure
  }
  const code = pinFailureCode(ckr, flags);
  return new TokenError(code, code === 'tokenFailed' ? {token: label, detail: ckr ?? 'C_Login'} : {token: label}, {cause: e});
}

export interface OpenTokenOptions {
  module: string;
  label: string;
  /** Called only when the token needs a login; never stored. */
  pin: () => Promise<string> | string;
  /** Read-write session (key generation); default false. */
  write?: boolean;
  /** false: public objects only (certificates), no PIN asked; default true. */
  login?: boolean;
}

export class TokenSession {
  private closed = false;

  private constructor(
    private readonly modulePath: string,
    readonly info: TokenInfo,
    private readonly session: graphene.Session,
    readonly crypto: P11Crypto,
    /** The PIN again for keys with CKA_ALWAYS_AUTHENTICATE (signature keys of qualified cards); memory only. */
    private readonly contextPin: () => Promise<string>,
  ) {
    crypto.onAlwaysAuthenticate = () => this.contextPin();
  }

  static async open(o: OpenTokenOptions): Promise<TokenSession> {
    const mod = loadModule(o.module);
    let session: graphene.Session | undefined;
    try {
      const slots = mod.getSlots(true);
      let slot: graphene.Slot | undefined;
      for (let i = 0; i < slots.length && !slot; i++) {
        const s = slots.items(i);
        if (trimLabel(s.getToken().label) === o.label) slot = s;
      }
      if (!slot) throw new TokenError('tokenAbsent', {token: o.label});
      const token = slot.getToken();
      const info: TokenInfo = {label: o.label, serial: trimLabel(token.serialNumber), manufacturer: trimLabel(token.manufacturerID), model: trimLabel(token.model)};
      if (token.flags & graphene.TokenFlag.USER_PIN_LOCKED) throw new TokenError('pinLocked', {token: o.label});
      session = slot.open(graphene.SessionFlag.SERIAL_SESSION | (o.write ? graphene.SessionFlag.RW_SESSION : 0));
      let typed: string | undefined;
      if (o.login !== false && token.flags & graphene.TokenFlag.LOGIN_REQUIRED) {
        const pin = (typed = await o.pin());
        if (!pin) throw new TokenError('pinRequired', {token: o.label});
        try {
          session.login(pin, graphene.UserType.USER);
        } catch (e) {
          if (pkcs11Code(e) !== 'CKR_USER_ALREADY_LOGGED_IN') throw pinFailure(slot.getToken(), o.label, e);
        }
      }
      const contextPin = async () => (typed ??= await o.pin());
      return new TokenSession(o.module, info, session, new P11Crypto({session}), contextPin);
    } catch (e) {
      try {
        session?.close();
      } catch {
        // the session is gone with the token
      }
      releaseModule(o.module);
      if (e instanceof TokenError) throw e;
      const code = pkcs11Code(e);
      if (code === 'CKR_TOKEN_NOT_PRESENT' || code === 'CKR_DEVICE_REMOVED' || code === 'CKR_SLOT_ID_INVALID') {
        throw new TokenError('tokenAbsent', {token: o.label}, {cause: e});
      }
      throw new TokenError('tokenFailed', {token: o.label, detail: code ?? 'PKCS#11'}, {cause: e});
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.session.logout();
    } catch {
      // not logged in (no PIN needed) or already gone
    }
    try {
      this.session.close();
    } catch {
      // the token was removed
    }
    releaseModule(this.modulePath);
  }

  private ref(obj: graphene.SessionObject, type: Pkcs11KeyRef['type']): Pkcs11KeyRef {
    const o = obj.toType<graphene.Storage>();
    let id: Buffer | undefined;
    let label: string | undefined;
    try {
      id = o.getAttribute('id') as Buffer;
      label = o.label;
    } catch {
      // both are optional attributes
    }
    return {token: this.info.label, serial: this.info.serial, object: label || undefined, id: id?.length ? id : undefined, type};
  }

  /**
   * New EC P-256 key pair on the token: private key sensitive, never extractable, usable for signing only; CKA_ID =
   * the first 16 bytes of SHA-1 of the public key (node-webcrypto-p11's rule, matching a certificate written later).
   */
  async generateKeyPair(objectLabel: string): Promise<ExternalKey> {
    try {
      const pair = (await this.crypto.subtle.generateKey(
        {name: 'ECDSA', namedCurve: 'P-256', token: true, sensitive: true, label: objectLabel} as EcKeyGenParams,
        false, ['sign', 'verify'],
      )) as CryptoKeyPair;
      const priv = pair.privateKey as unknown as P11CryptoKey;
      return this.externalKey(priv.p11Object as unknown as graphene.SessionObject, Buffer.from(await this.crypto.subtle.exportKey('spki', pair.publicKey)));
    } catch (e) {
      throw new TokenError('tokenFailed', {token: this.info.label, detail: pkcs11Code(e) ?? 'C_GenerateKeyPair'}, {cause: e});
    }
  }

  private privateKeys(id?: Buffer): graphene.SessionObject[] {
    const out: graphene.SessionObject[] = [];
    const template: graphene.ITemplate = {class: graphene.ObjectClass.PRIVATE_KEY};
    if (id) template.id = id;
    const found = this.session.find(template);
    for (let i = 0; i < found.length; i++) out.push(found.items(i));
    return out;
  }

  /** SPKI of the object's public half: the public key or certificate with the same CKA_ID, or the RSA modulus. */
  private spkiFor(priv: graphene.SessionObject): Buffer | undefined {
    const id = priv.getAttribute('id') as Buffer;
    if (id?.length) {
      const pub = this.session.find({class: graphene.ObjectClass.PUBLIC_KEY, id});
      for (let i = 0; i < pub.length; i++) {
        try {
          const k = pub.items(i).toType<graphene.PublicKey>();
          const spki = publicKeySpki(k);
          if (spki) return spki;
        } catch {
          // try the certificate
        }
      }
      for (const c of this.certificates(id)) return new NodeX509(c.der).publicKey.export({type: 'spki', format: 'der'});
    }
    try {
      const k = priv.toType<graphene.PrivateKey>();
      if (k.type === graphene.KeyType.RSA) {
        const a = k.getAttribute({modulus: null, publicExponent: null}) as {modulus: Buffer; publicExponent: Buffer};
        return createPublicKey({key: {kty: 'RSA', n: a.modulus.toString('base64url'), e: a.publicExponent.toString('base64url')}, format: 'jwk'})
          .export({type: 'spki', format: 'der'});
      }
    } catch {
      // not readable on this token
    }
    return undefined;
  }

  private async externalKey(obj: graphene.SessionObject, spki: Buffer): Promise<ExternalKey> {
    const publicKey = createPublicKey({key: spki, format: 'der', type: 'spki'});
    const d = publicKey.asymmetricKeyDetails ?? {};
    let alg: EcKeyImportParams | RsaHashedImportParams;
    let algorithm: string;
    if (publicKey.asymmetricKeyType === 'ec' && d.namedCurve === 'prime256v1') {
      alg = {name: 'ECDSA', namedCurve: 'P-256'};
      algorithm = 'EC-P256';
    } else if (publicKey.asymmetricKeyType === 'rsa' && (d.modulusLength ?? 0) >= 2048) {
      alg = {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'};
      algorithm = `RSA-${d.modulusLength}`;
    } else {
      throw new TokenError('unsupportedKey', {token: this.info.label});
    }
    const webPrivateKey = (await this.crypto.keyStorage.getItem(P11CryptoKey.getID(obj.toType<graphene.Key>()), alg, false, ['sign'])) as unknown as CryptoKey;
    routeKeyTo(webPrivateKey, this.crypto.subtle as unknown as SubtleCrypto);
    const session = this.session;
    const key = obj.toType<graphene.PrivateKey>();
    let alwaysAuth = false;
    try {
      alwaysAuth = !!key.alwaysAuthenticate;
    } catch {
      // attribute not readable: treated as not set
    }
    // KOD II signs synchronously: the PIN for a context-specific login is fetched once, before the first signature.
    const pinNow = alwaysAuth ? await this.contextPin() : undefined;
    const label = this.info.label;
    const uri = formatPkcs11Uri(this.ref(obj, 'private'));
    return {
      kind: 'pkcs11', uri, publicKey, algorithm, webPrivateKey,
      signKod2(data: Buffer): Buffer {
        try {
          const signer = algorithm === 'EC-P256'
            // CKM_ECDSA over the SHA-256 digest: supported by every EC token (the combined mechanism is not).
            ? session.createSign('ECDSA', key)
            : session.createSign({name: 'SHA256_RSA_PKCS_PSS', params: new graphene.RsaPssParams(graphene.MechanismEnum.SHA256, graphene.RsaMgf.MGF1_SHA256, 32)}, key);
          // CKA_ALWAYS_AUTHENTICATE: the context-specific login goes between C_SignInit and C_Sign.
          if (pinNow !== undefined) session.login(pinNow, graphene.UserType.CONTEXT_SPECIFIC);
          return signer.once(algorithm === 'EC-P256' ? createHash('sha256').update(data).digest() : data);
        } catch (e) {
          throw new TokenError('tokenFailed', {token: label, detail: pkcs11Code(e) ?? 'C_Sign'}, {cause: e});
        }
      },
    };
  }

  /** The private key named by a URI's id (or object label); keyNotFound otherwise. */
  async findKey(ref: Pkcs11KeyRef): Promise<ExternalKey> {
    let candidates = this.privateKeys(ref.id);
    if (!ref.id && ref.object !== undefined) candidates = candidates.filter((o) => o.toType<graphene.Storage>().label === ref.object);
    for (const obj of candidates) {
      const spki = this.spkiFor(obj);
      if (spki) return this.externalKey(obj, spki);
    }
    throw new TokenError('keyNotFound', {token: this.info.label});
  }

  /** The private key whose public half is `spki` (import: match a certificate to its key on the token). */
  async findKeyForPublicKey(spki: Buffer): Promise<ExternalKey> {
    for (const obj of this.privateKeys()) {
      const mine = this.spkiFor(obj);
      if (mine?.equals(spki)) return this.externalKey(obj, mine);
    }
    throw new TokenError('keyNotFound', {token: this.info.label});
  }

  /** X.509 certificate objects on the token (optionally those with one CKA_ID). */
  certificates(id?: Buffer): TokenCertificate[] {
    const template: graphene.ITemplate = {class: graphene.ObjectClass.CERTIFICATE};
    if (id) template.id = id;
    const found = this.session.find(template);
    const out: TokenCertificate[] = [];
    for (let i = 0; i < found.length; i++) {
      try {
        const c = found.items(i).toType<graphene.X509Certificate>();
        out.push({id: (c.id ?? Buffer.alloc(0)).toString('hex'), label: c.label ?? '', der: Buffer.from(c.value)});
      } catch {
        // a certificate object of another type (WTLS, attribute certificate)
      }
    }
    return out;
  }
}

function publicKeySpki(k: graphene.PublicKey): Buffer | undefined {
  if (k.type === graphene.KeyType.EC) {
    // graphene names CKA_EC_PARAMS `paramsECDSA` in what it returns (the older alias of the same attribute).
    const a = k.getAttribute({pointEC: null, paramsEC: null}) as {pointEC: Buffer; paramsEC?: Buffer; paramsECDSA?: Buffer};
    const params = a.paramsEC ?? a.paramsECDSA ?? Buffer.alloc(0);
    // CKA_EC_PARAMS: the P-256 OID only. CKA_EC_POINT: a DER OCTET STRING (04 41) around the uncompressed point
    // 04‖X‖Y (some tokens give the bare point).
    if (params.toString('hex') !== '06082a8648ce3d030107') return undefined;
    const point = a.pointEC.length === 67 && a.pointEC[0] === 0x04 && a.pointEC[1] === 0x41 ? a.pointEC.subarray(2) : a.pointEC;
    if (point.length !== 65 || point[0] !== 0x04) return undefined;
    const jwk = {kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url')};
    return createPublicKey({key: jwk, format: 'jwk'}).export({type: 'spki', format: 'der'});
  }
  if (k.type === graphene.KeyType.RSA) {
    const a = k.getAttribute({modulus: null, publicExponent: null}) as {modulus: Buffer; publicExponent: Buffer};
    return createPublicKey({key: {kty: 'RSA', n: a.modulus.toString('base64url'), e: a.publicExponent.toString('base64url')}, format: 'jwk'})
      .export({type: 'spki', format: 'der'});
  }
  return undefined;
}
