// Polish texts: the help-desk demo kit (sample invoices, the operator's TEST identity, `demo-reset`).
export const demo = {
  'demo.reset.summary': 'tryb demonstracyjny: przywraca magazyn demo do stanu początkowego (usuwa wszystko w katalogu danych)',
  'demo.reset.needYes': 'To usunie wszystkie dane w {dir} (certyfikaty, dziennik, stan symulatora) i utworzy magazyn demonstracyjny od nowa. Potwierdź opcją --yes.',
  'demo.reset.notDemo': 'Katalog {dir} nie zawiera magazynu demonstracyjnego — demo-reset działa tylko na magazynie utworzonym przez --demo.',
  'demo.reset.notFolder': 'demo-reset działa tylko na magazynie w katalogu (--data), nie w bazie PostgreSQL.',
  'demo.reset.usage': 'Użycie: {usage}',
  'demo.reset.done': 'Przywrócono magazyn demonstracyjny w {dir}: operatorzy {admin} / {operator} (PESEL {pesel}), przykładowe faktury w {invoices}.',
  'demo.qr.invoices': 'demo: przykładowe faktury w {dir}',
  'demo.sign.noPesel': 'Operator {operator} nie ma PESEL [A-1-5-5] — testowy podpis osobisty wymaga PESEL.',
  'demo.sign.unknownOperator': 'Nie ma operatora {operator}.',
  'demo.sign.signed': 'Podpisano TESTOWO (tryb demonstracyjny) jako {who}: {file}',
} as const;
