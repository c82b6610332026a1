// PEM armour helpers (RFC 7468). Only splitting/joining of base64 text — all structure parsing is done by
// Node crypto or the @peculiar/asn1-* schemas.

export interface PemBlock {
  label: string;
  headers: Record<string, string>;
  der: Buffer;
  /** The block exactly as in the input (armour and headers included). */
  text: string;
}

const BLOCK_RE = /-----BEGIN ([A-Z0-9 #]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** All PEM blocks of a text, in order. Malformed base64 bodies are skipped. */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK_RE)) {
    const headers: Record<string, string> = {};
    const bodyLines: string[] = [];
    for (const line of m[2].split(/\r?\n/)) {
      const h = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (h) headers[h[1]] = h[2].trim();
      else bodyLines.push(line.trim());
    }
    const body = bodyLines.join('');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) continue;
    out.push({label: m[1], headers, der: Buffer.from(body, 'base64'), text: m[0] + '\n'});
  }
  return out;
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Bare base64 (no armour) as some tools save it; returns DER or undefined. */
export function bareBase64(text: string): Buffer | undefined {
  const body = text.replace(/\s+/g, '');
  if (body.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  const der = Buffer.from(body, 'base64');
  return der[0] === 0x30 ? der : undefined;
}
