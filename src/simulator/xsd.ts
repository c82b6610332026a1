// AuthTokenRequest schema validation (error 21401).
//
// libxml2 cannot compile the official 2.0 XSD (its IP patterns use `\b`, `^`, `$`, which XSD regexes lack), while
// the 2.1 XSD differs from it only in those IP patterns. So documents in the 2.0 namespace are validated against a
// copy of the 2.1 schema with the target namespace replaced by the 2.0 one. In both copies two pattern quirks are
// repaired, because XSD patterns are implicitly anchored and `^`/`$` are literal characters there: TNipVatUE ends in
// a literal `$` and TPeppolId is written `^P[A-Z]{2}[0-9]{6}$`, so no real NipVatUe/PeppolId value could ever pass.
// We drop those anchors (the evident intent). The schema has no slot for ds:Signature: callers remove it first.
import {validateXML} from 'xmllint-wasm';
import {contractFile} from './contract-files.js';

export const NS_20 = 'http://ksef.mf.gov.pl/auth/token/2.0';
export const NS_21 = 'http://ksef.mf.gov.pl/auth/token/2.1';

let schemas: {[ns: string]: string} | undefined;

function loadSchemas(): {[ns: string]: string} {
  if (schemas) return schemas;
  const v21 = contractFile('schemat_auth_v2-1.xsd')
    .replace(/\)\)\)\)\$"\/>/, '))))"/>')
    .replace('<xsd:pattern value="^P[A-Z]{2}[0-9]{6}$"/>', '<xsd:pattern value="P[A-Z]{2}[0-9]{6}"/>');
  schemas = {[NS_21]: v21, [NS_20]: v21.split(NS_21).join(NS_20)};
  return schemas;
}

/** Returns validator messages; an empty list means valid. */
export async function validateAuthTokenRequest(xml: string, ns: string): Promise<string[]> {
  const schema = loadSchemas()[ns];
  if (!schema) return [`Nieobsługiwana przestrzeń nazw: ${ns}`];
  const res = await validateXML({xml: [{fileName: 'AuthTokenRequest.xml', contents: xml}], schema: [{fileName: 'auth.xsd', contents: schema}]});
  return res.valid ? [] : res.errors.map((e) => e.message.trim()).filter(Boolean);
}
