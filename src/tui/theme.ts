// Colours in one place (F2000 look: blue title bar, inverse highlight, greyed foreign items).
export const theme = {
  titleBg: 'blue',
  titleFg: 'whiteBright',
  crumb: 'cyan',
  highlightBg: 'cyan',
  highlightFg: 'black',
  muted: 'gray',
  error: 'red',
  warning: 'yellow',
  ok: 'green',
  key: 'yellowBright',
  demo: 'magenta',
  border: 'blue',
} as const;
