// The F2000-style frame around every screen: title bar, breadcrumb, body, message line, status line, F-key legend.
// It takes every row: the title bar on the first, the F-key legend on the last (frames are painted at fixed rows,
// see terminal-screen.ts); only the body shrinks or scrolls.
import React, {useState} from 'react';
import {Box, type DOMElement} from 'ink';
import {Text} from '../text.js';
import {useKit} from '../kit-context.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {shellRows} from '../layout.js';
import {shortenPath, truncate} from '../format.js';
import {theme} from '../theme.js';
import {bindingLabel, type Command} from '../keys/keymap.js';
import type {MessageKey, Translate} from '../../i18n/index.js';
import {LegendLine, LegendSlotContext} from './legend-slot.js';

export interface LegendItem {
  /** Shown key, e.g. `F4`. */
  key: string;
  label: string;
}

export const LEGEND_LABELS: Partial<Record<Command, MessageKey>> = {
  help: 'legend.help', back: 'legend.back', quit: 'legend.quit', export: 'legend.export',
  refresh: 'legend.refresh', revoke: 'legend.revoke', save: 'legend.save', add: 'legend.add', verify: 'legend.verify',
};

/** Legend items for commands (label from LEGEND_LABELS; commands without a label are skipped). */
export function legendItems(commands: readonly Command[], t: Translate): LegendItem[] {
  return commands.flatMap(c => {
    const label = LEGEND_LABELS[c];
    return label ? [{key: bindingLabel(c), label: t(label)}] : [];
  });
}

export interface ShellProps {
  /** Breadcrumb code, e.g. `A-1-5-7` (empty at the root). */
  crumb: string;
  /** Labels of the path, root excluded. */
  trail: string[];
  legend: LegendItem[];
  /** One-line message under the body. */
  message?: {text: string; tone?: 'error' | 'warning' | 'ok' | 'info'};
  /** Extra status-line part after the environment, e.g. `KSeF: dostępny`. */
  extraStatus?: string;
  children?: React.ReactNode;
}

export function Shell({crumb, trail, legend, message, extraStatus, children}: ShellProps) {
  const {columns, rows} = useTerminalSize();
  const {t, frame: ctx} = useKit();
  const width = Math.max(20, columns);
  const title = t('app.title');
  const right = ctx.demo ? ` ${t('app.demo')} ` : '';
  const trailText = trail.length ? trail.join(' › ') : t('menu.root');
  const crumbText = crumb ? `[${crumb}] ` : '';

  const parts = [
    `${t('status.operator')}: ${ctx.operator ?? t('status.notLogged')}`,
    ...(ctx.branch !== undefined ? [`${t('status.branch')}: ${ctx.branch}`] : []),
    `${t('status.env')}: ${t(`env.${ctx.env}` as MessageKey)}`,
    ...(extraStatus ? [extraStatus] : []),
  ];
  const fixed = parts.join(' │ ') + ` │ ${t('status.store')}: `;
  const status = fixed + shortenPath(ctx.dataDir, Math.max(8, width - fixed.length - 1));

  // The legend row is also the slot a screen draws its own legend into (legend-slot.tsx).
  const [slot, setSlot] = useState<DOMElement | undefined>();

  return (
    // The chrome rows never shrink (flexShrink 0): content taller than the body is clipped inside the body instead of
    // squeezing the title bar or the legend out of the window.
    <Box flexDirection="column" width={width} height={shellRows({columns, rows})} overflow="hidden">
      <Box width={width} flexShrink={0}>
        <Text backgroundColor={theme.titleBg} color={theme.titleFg} bold wrap="truncate">
          {truncate(` ${title}`, width - right.length).padEnd(width - right.length)}
        </Text>
        {right ? <Text backgroundColor={theme.demo} color={theme.titleFg} bold>{right}</Text> : null}
      </Box>
      <Box flexShrink={0}><Text color={theme.crumb} wrap="truncate">{truncate(`${crumbText}${trailText}`, width)}</Text></Box>
      <Box flexDirection="column" flexGrow={1} flexShrink={1} flexBasis={0} paddingX={1} overflow="hidden">
        <LegendSlotContext.Provider value={slot}>{children}</LegendSlotContext.Provider>
      </Box>
      <Box flexShrink={0}><Text color={message ? toneColor(message.tone) : undefined} wrap="truncate">{message ? truncate(message.text, width) : ' '}</Text></Box>
      <Box flexShrink={0}><Text inverse wrap="truncate">{truncate(status, width).padEnd(width)}</Text></Box>
      <Box ref={(node: DOMElement | null) => void (node && node !== slot && setSlot(node))} width={width} flexShrink={0}>
        <LegendLine legend={legend} width={width} />
      </Box>
    </Box>
  );
}

function toneColor(tone: 'error' | 'warning' | 'ok' | 'info' | undefined): string | undefined {
  if (tone === 'error') return theme.error;
  if (tone === 'warning') return theme.warning;
  if (tone === 'ok') return theme.ok;
  return undefined;
}
