// PKCS#11 URIs (RFC 7512) naming a key on a token: `pkcs11:token=KSeF;object=Faktury%20O;id=%9f%e0…;type=private`.
// Only the attributes this program writes and needs are read back (token, object, id, type, serial).

export interface Pkcs11KeyRef {
  /** CKA_LABEL of the token (its label in the slot list). */
  token: string;
  /** Token serial number, when known: tells two tokens with the same label apart. */
  serial?: string;
  /** CKA_LABEL of the key object. */
  object?: string;
  /** CKA_ID of the key pair (and of its certificate on the token). */
  id?: Buffer;
  type?: 'private' | 'public' | 'cert';
}

// RFC 7512 §2.3: pchar without the separators `;` `?` `&` and without `/` in path attributes; everything else
// percent-encoded (UTF-8).
const SAFE = /[A-Za-z0-9\-._~!$'()*+,=:@&]/;

function encodeValue(v: string): string {
  let out = '';
  for (const ch of v) out += SAFE.test(ch) && ch !== '&' ? ch : Buffer.from(ch, 'utf8').toString('hex').replace(/../g, (h) => `%${h}`);
  return out;
}

const encodeBytes = (b: Buffer): string => b.toString('hex').replace(/../g, (h) => `%${h}`);

export function formatPkcs11Uri(ref: Pkcs11KeyRef): string {
  const parts = [`token=${encodeValue(ref.token)}`];
  if (ref.serial) parts.push(`serial=${encodeValue(ref.serial)}`);
  if (ref.object !== undefined) parts.push(`object=${encodeValue(ref.object)}`);
  if (ref.id) parts.push(`id=${encodeBytes(ref.id)}`);
  if (ref.type) parts.push(`type=${ref.type}`);
  return `pkcs11:${parts.join(';')}`;
}

function decode(v: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) {
      bytes.push(parseInt(v.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(v[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Parses the path attributes of a `pkcs11:` URI; undefined when it is not one or names no token. */
export function parsePkcs11Uri(uri: string): Pkcs11KeyRef | undefined {
  if (!uri.startsWith('pkcs11:')) return undefined;
  const path = uri.slice('pkcs11:'.length).split('?')[0];
  const ref: Partial<Pkcs11KeyRef> = {};
  for (const attr of path.split(';')) {
    const eq = attr.indexOf('=');
    if (eq <= 0) continue;
    const name = attr.slice(0, eq);
    const value = attr.slice(eq + 1);
    if (name === 'token') ref.token = decode(value).toString('utf8');
    else if (name === 'serial') ref.serial = decode(value).toString('utf8');
    else if (name === 'object') ref.object = decode(value).toString('utf8');
    else if (name === 'id') ref.id = decode(value);
    else if (name === 'type' && (value === 'private' || value === 'public' || value === 'cert')) ref.type = value;
  }
  return ref.token ? (ref as Pkcs11KeyRef) : undefined;
}
