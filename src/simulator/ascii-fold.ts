// ASCII folding for header values (X-System-Warning): letters with diacritics become their base letter
// (ą→a, ł→l, ż→z …), anything else outside printable ASCII becomes '?'.
const SPECIAL: Record<string, string> = {ł: 'l', Ł: 'L', ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', '–': '-', '—': '-', '„': '"', '”': '"', '’': "'"};

export function asciiFold(value: string): string {
  return value
    .replace(/[^\x20-\x7e]/g, (ch) => SPECIAL[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}
