// `--help` text: usage, global options, registered commands.
import type {Translate} from '../i18n/index.js';
import {listCommands} from './registry.js';
import {COMMAND_MANIFEST} from './commands/manifest.js';

export function helpText(t: Translate): string {
  const opts: [string, Parameters<Translate>[0]][] = [
    ['--data DIR', 'cli.opt.data'],
    ['--store URL', 'cli.opt.store'],
    ['--demo', 'cli.opt.demo'],
    ['--lang pl|en', 'cli.opt.lang'],
    ['--operator CODE', 'cli.opt.operator'],
    ['--ksef sim|real', 'cli.opt.ksef'],
    ['--api URL', 'cli.opt.api'],
    ['--help', 'cli.opt.help'],
    ['--version', 'cli.opt.version'],
  ];
  const tr = (s: string) => t(s as Parameters<Translate>[0]);
  // The manifest (no command module loaded) plus any command registered at run time.
  const byName = new Map<string, string>(Object.entries(COMMAND_MANIFEST).map(([name, e]) => [name, e.summary]));
  for (const c of listCommands()) byName.set(c.name, c.summary);
  // Command names are ASCII: a plain comparison, not localeCompare (whose first call loads ICU collation, ~70 ms).
  const cmds = [...byName].map(([name, summary]) => ({name, summary})).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const width = Math.max(16, ...cmds.map(c => c.name.length + 2));
  return [
    t('cli.usage'),
    t('cli.noCommandTui'),
    '',
    `${t('cli.options')}:`,
    ...opts.map(([o, k]) => `  ${o.padEnd(18)}${t(k)}`),
    '',
    `${t('cli.commands')}:`,
    ...cmds.map(c => `  ${c.name.padEnd(width)}${tr(c.summary)}`),
    '',
  ].join('\n');
}
