// Sample FA(3) invoices of the demo company for the QR screen [A-1-5-8]: structured invoices in the FA(3) namespace
// (http://crd.gov.pl/wzor/2025/06/25/13775/, KodFormularza "FA (3)", wariant 3), element order as in the schema
// (Naglowek, Podmiot1, Podmiot2, Fa: KodWaluty, P_1, P_1M, P_2, P_6, sums P_13_x/P_14_x, P_15, Adnotacje,
// RodzajFaktury, FaWiersz…, Platnosc). The seller is the demo company, so KOD II signs in its own context.
// Data are invented; the buyers' NIPs only pass the checksum. Every issue date (P_1) is the day the kit writes
// them: KOD II needs a type-O certificate valid on P_1, and the demo's certificates are generated today.
import {DEMO_COMPANY} from '../store/index.js';
import {warsawDate} from '../domain/index.js';
import data from './demo-invoices.json' with {type: 'json'};

/** Folder (inside the data folder) the demo kit writes them to; named in the QR screen hint and the README. */
export const DEMO_INVOICE_DIR = 'faktury-demo';

interface Line {
  name: string;
  unit: string;
  qty: number;
  net: number;
  rate: 23 | 8;
}

interface SampleInvoice {
  file: string;
  /** Number after FV/RRRR/MM/. */
  seq: string;
  /** Days of the sale before the issue day. */
  saleDaysBefore: number;
  buyer: {nip: string; name: string; street: string; city: string};
  lines: Line[];
}

/** Invoice content (Polish sample data, not UI text) lives in a data file beside this one. */
const SAMPLES: readonly SampleInvoice[] = data.samples as SampleInvoice[];

const money = (n: number): string => n.toFixed(2);
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const DAY_MS = 24 * 3600 * 1000;

function invoiceXml(sample: SampleInvoice, today: Date): string {
  const issueDate = warsawDate(today);
  const inv = {
    ...sample, issueDate, number: `FV/${issueDate.slice(0, 4)}/${issueDate.slice(5, 7)}/${sample.seq}`,
    saleDate: warsawDate(new Date(today.getTime() - sample.saleDaysBefore * DAY_MS)), due: warsawDate(new Date(today.getTime() + 14 * DAY_MS)),
  };
  const sums = {23: {net: 0, vat: 0}, 8: {net: 0, vat: 0}};
  for (const l of inv.lines) {
    const net = l.qty * l.net;
    sums[l.rate].net += net;
    sums[l.rate].vat += Math.round(net * l.rate) / 100;
  }
  const total = sums[23].net + sums[23].vat + sums[8].net + sums[8].vat;
  const rateSums = [
    ...(sums[23].net ? [`    <P_13_1>${money(sums[23].net)}</P_13_1>`, `    <P_14_1>${money(sums[23].vat)}</P_14_1>`] : []),
    ...(sums[8].net ? [`    <P_13_2>${money(sums[8].net)}</P_13_2>`, `    <P_14_2>${money(sums[8].vat)}</P_14_2>`] : []),
  ];
  const lines = inv.lines.map((l, i) => [
    '    <FaWiersz>',
    `      <NrWierszaFa>${i + 1}</NrWierszaFa>`,
    `      <P_7>${esc(l.name)}</P_7>`,
    `      <P_8A>${esc(l.unit)}</P_8A>`,
    `      <P_8B>${l.qty}</P_8B>`,
    `      <P_9A>${money(l.net)}</P_9A>`,
    `      <P_11>${money(l.qty * l.net)}</P_11>`,
    `      <P_12>${l.rate}</P_12>`,
    '    </FaWiersz>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <Naglowek>',
    '    <KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza>',
    '    <WariantFormularza>3</WariantFormularza>',
    `    <DataWytworzeniaFa>${inv.issueDate}T08:00:00Z</DataWytworzeniaFa>`,
    '    <SystemInfo>F2000 (demo ksef-certs)</SystemInfo>',
    '  </Naglowek>',
    '  <Podmiot1>',
    '    <DaneIdentyfikacyjne>',
    `      <NIP>${DEMO_COMPANY.nip}</NIP>`,
    `      <Nazwa>${esc(DEMO_COMPANY.name)}</Nazwa>`,
    '    </DaneIdentyfikacyjne>',
    '    <Adres>',
    '      <KodKraju>PL</KodKraju>',
    `      <AdresL1>${esc(data.sellerAddress.street)}</AdresL1>`,
    `      <AdresL2>${esc(data.sellerAddress.city)}</AdresL2>`,
    '    </Adres>',
    '  </Podmiot1>',
    '  <Podmiot2>',
    '    <DaneIdentyfikacyjne>',
    `      <NIP>${inv.buyer.nip}</NIP>`,
    `      <Nazwa>${esc(inv.buyer.name)}</Nazwa>`,
    '    </DaneIdentyfikacyjne>',
    '    <Adres>',
    '      <KodKraju>PL</KodKraju>',
    `      <AdresL1>${esc(inv.buyer.street)}</AdresL1>`,
    `      <AdresL2>${esc(inv.buyer.city)}</AdresL2>`,
    '    </Adres>',
    '    <JST>2</JST>',
    '    <GV>2</GV>',
    '  </Podmiot2>',
    '  <Fa>',
    '    <KodWaluty>PLN</KodWaluty>',
    `    <P_1>${inv.issueDate}</P_1>`,
    '    <P_1M>Warszawa</P_1M>',
    `    <P_2>${inv.number}</P_2>`,
    `    <P_6>${inv.saleDate}</P_6>`,
    ...rateSums,
    `    <P_15>${money(total)}</P_15>`,
    '    <Adnotacje>',
    '      <P_16>2</P_16>',
    '      <P_17>2</P_17>',
    '      <P_18>2</P_18>',
    '      <P_18A>2</P_18A>',
    '      <Zwolnienie>',
    '        <P_19N>1</P_19N>',
    '      </Zwolnienie>',
    '      <NoweSrodkiTransportu>',
    '        <P_22N>1</P_22N>',
    '      </NoweSrodkiTransportu>',
    '      <P_23>2</P_23>',
    '      <PMarzy>',
    '        <P_PMarzyN>1</P_PMarzyN>',
    '      </PMarzy>',
    '    </Adnotacje>',
    '    <RodzajFaktury>VAT</RodzajFaktury>',
    ...lines,
    '    <Platnosc>',
    '      <TerminPlatnosci>',
    `        <Termin>${inv.due}</Termin>`,
    '      </TerminPlatnosci>',
    '      <FormaPlatnosci>6</FormaPlatnosci>',
    '    </Platnosc>',
    '  </Fa>',
    '</Faktura>',
    '',
  ].join('\n');
}

/** File name → XML text of every sample invoice, issued on `today` (Warsaw date). */
export function demoInvoices(today: Date): Array<{file: string; xml: string; sellerNip: string; issueDate: string}> {
  return SAMPLES.map((s) => ({file: s.file, xml: invoiceXml(s, today), sellerNip: DEMO_COMPANY.nip, issueDate: warsawDate(today)}));
}
