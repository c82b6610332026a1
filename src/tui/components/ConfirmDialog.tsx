// Yes/no question: T (Tak) / N (Nie) answer at once; ←/→/Tab move the highlight, Enter takes the highlighted
// answer (starts on `defaultChoice`), Esc = Nie. Consumes every key while active (PRIORITY.modal) except F1 (help)
// and F10 (quit at once, as on every screen): those go on to the screen and the app.
import React, {useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {PRIORITY, useKeys} from '../keys/KeyProvider.js';
import {isText} from '../keys/key.js';
import {matches} from '../keys/keymap.js';
import {theme} from '../theme.js';
import {useTranslate} from '../form/use-translate.js';

export interface ConfirmDialogProps {
  /** Default "Potwierdzenie". */
  title?: string;
  message: string | readonly string[];
  onYes(): void;
  onNo(): void;
  /** Answer highlighted at first (taken by Enter). Default 'no'. */
  defaultChoice?: 'yes' | 'no';
  /** Red frame for destructive actions (revoke). */
  danger?: boolean;
  active?: boolean;
}

export function ConfirmDialog({title, message, onYes, onNo, defaultChoice = 'no', danger, active = true}: ConfirmDialogProps) {
  const t = useTranslate();
  const [choice, setChoice] = useState(defaultChoice);
  const ref = useRef(choice);
  const answered = useRef(false);
  const answer = (yes: boolean) => {
    if (answered.current) return;
    answered.current = true;
    (yes ? onYes : onNo)();
  };
  useKeys(key => {
    if (matches(key, 'help') || matches(key, 'quit')) return false;
    if (isText(key)) {
      if (t('widget.yesKeys').includes(key.ch)) answer(true);
      else if (t('widget.noKeys').includes(key.ch)) answer(false);
    } else if (key.name === 'escape') {
      answer(false);
    } else if (key.name === 'enter') {
      answer(ref.current === 'yes');
    } else if (['left', 'right', 'tab', 'backtab'].includes(key.name)) {
      ref.current = ref.current === 'yes' ? 'no' : 'yes';
      setChoice(ref.current);
    }
    return true;
  }, {active, priority: PRIORITY.modal});
  const lines = typeof message === 'string' ? [message] : message;
  const button = (which: 'yes' | 'no') => {
    const on = choice === which;
    return (
      <Text backgroundColor={on ? theme.highlightBg : undefined} color={on ? theme.highlightFg : undefined} bold={on}>
        {/* Brackets mark the focused answer without colour too (NO_COLOR, CI, a monochrome terminal). */}
        {on ? `[${t(which === 'yes' ? 'widget.yes' : 'widget.no')}]` : ` ${t(which === 'yes' ? 'widget.yes' : 'widget.no')} `}
      </Text>
    );
  };
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={danger ? theme.error : theme.border} paddingX={1}>
      <Text bold>{title ?? t('widget.confirm')}</Text>
      <Box flexDirection="column" marginTop={1}>
        {lines.map((l, i) => <Text key={i} wrap="wrap">{l}</Text>)}
      </Box>
      <Box marginTop={1} gap={2}>{button('yes')}{button('no')}</Box>
      <Text color={theme.muted} wrap="wrap">{t('widget.confirmKeys')}</Text>
    </Box>
  );
}
