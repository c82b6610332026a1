// `--help` text: usage, global options, registered commands.
import type {Translate} from '../tui/i18n/index.js';
import {listCommands} from './registry.js';

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
  const cmds = listCommands();
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
