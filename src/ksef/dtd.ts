// The DTD/entity refusal shared by every XML reader, in a module of its own so the QR batch threads (xml-facts.ts)
// do not load the DOM parser with auth-xml.ts.

/** True when the text declares a DTD or entities (XML bomb / XXE vector) — such files are never parsed. */
export const hasDtd = (text: string): boolean => /<!DOCTYPE|<!ENTITY/i.test(text);
