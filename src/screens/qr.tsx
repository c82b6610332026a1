// [A-1-5-8] Kody QR faktur offline: invoice file → KOD I (OFFLINE) and KOD II (CERTYFIKAT) signed with the type-O
// certificate the selector picks; links, terminal QR codes, PNG/SVG on request. State in qr-reducer.ts; the use
// cases through the bound services (services.qr).
import React, {useEffect, useMemo, useReducer, useRef} from 'react';
import path from 'node:path';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {ENV_NAME, warsawDate, type EnvCode} from '../domain/index.js';
import {userMessage} from '../flows/errors.js';
import {checkContext, parseContextArg, type MakeCodesResult} from '../flows/qr.js';
import {ownerText} from './cert-texts.js';
import {QrCodeFull, QrCodesFramed, type QrCode} from './qr-codes.js';
import {useFullScreen} from '../tui/full-screen.js';
import {wrappedLines, bodySize} from '../tui/layout.js';
import {isValidNip, normalizeNip, parseDate} from '../domain/index.js';
import {useAppContext, useLegend, withLegend} from './shell/context.js';
import {demoInvoiceDir} from '../flows/demo-kit.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {nodePathFs, resolveTypedPath, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {theme} from '../tui/theme.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import type {ScreenProps} from './types.js';
import {LabelRow} from '../tui/components/LabelRow.js';
import {KitSelect} from '../tui/components/KitSelect.js';
import {FormPage} from './form-page.js';
import {fieldOf, initialQr, invoiceDerived, qrReducer, type QrPhase} from './qr-reducer.js';

export function QrScreen({active, nav, path: screenPath}: ScreenProps) {
  const {services, t, env, demo, dataDir} = useAppContext();
  const qr = services.qr;
  const [s, dispatch] = useReducer(qrReducer, initialQr);
  const {phase, defaults} = s;
  const card = defaults?.card;
  const pathFs = useMemo(() => nodePathFs(), []);
  const size = useTerminalSize();
  /** Seller NIP / P_1 last read from the invoice file (cleared from the form when the next file has none). */
  const lastFacts = useRef<{sellerNip?: string; issueDate?: string}>({});

  useEffect(() => {
    let cancelled = false;
    qr.defaults().then((d) => !cancelled && dispatch({type: 'defaults', defaults: d}), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [qr]);

  const fields = useMemo<FieldSpec[] | undefined>(() => {
    if (!defaults) return undefined;
    const fromFile = t('qr.hint.fromFile');
    return [
      // Demo mode names the folder of the sample invoices (src/flows/demo-kit.ts).
      {id: 'invoice', kind: 'path', label: t('qr.field.invoice'), target: 'file', extensions: ['.xml'], mustExist: true, width: 48, ...(demo ? {hint: t('demo.qr.invoices', {dir: demoInvoiceDir(dataDir)})} : {})},
      {
        id: 'context', kind: 'text', label: t('qr.field.context'), default: defaults.context, maxLength: 40, hint: t('qr.hint.context'),
        validate: (v) => {
          const c = parseContextArg(v);
          if (!c) return t('qr.error.contextFormat');
          try {
            checkContext(c);
            return undefined;
          } catch (e) {
            return userMessage(e, t).text;
          }
        },
      },
      {
        id: 'sellerNip', kind: 'text', label: t('qr.field.sellerNip'), maxLength: 16, hint: fromFile,
        validate: (v) => (isValidNip(normalizeNip(v)) ? undefined : t('qr.error.nip')),
      },
      {id: 'issueDate', kind: 'date', label: t('qr.field.issueDate'), hint: fromFile, validate: (v) => (parseDate(v) ? undefined : t('qr.error.date'))},
      {id: 'env', kind: 'code', label: t('qr.field.env'), options: {D: t('certs.env.D'), P: t('certs.env.P'), T: t('certs.env.T')}, default: env},
      {id: 'imageDir', kind: 'path', label: t('qr.field.imageDir'), target: 'dir', required: false, hint: t('qr.hint.imageDir'), width: 48},
      ...(card ? [{id: 'pin', kind: 'password', label: t('pkcs11.card.pin'), required: false, maxLength: 64, hint: t('pkcs11.qrPinHint')} as FieldSpec] : []),
    ];
  }, [defaults, t, env, card, demo, dataDir]);

  // Choosing an invoice fills seller NIP and issue date from Podmiot1/NIP and P_1 (the user may still change them);
  // another file replaces them, and what came from the old file does not stay when the new one has none.
  const derive = useMemo(() => (v: FormValues, changed: string): Partial<FormValues> | undefined => {
    if (changed !== 'invoice') return undefined;
    const facts = qr.invoiceFacts(resolveTypedPath(v.invoice ?? '', pathFs));
    const out = invoiceDerived(v, lastFacts.current, facts);
    lastFacts.current = facts;
    return Object.keys(out).length ? out : undefined;
  }, [pathFs, qr]);

  const backToForm = (error?: string, focus?: string) => dispatch({type: 'back', error, focus});
  const failed = (e: unknown) => {
    const m = userMessage(e, t);
    backToForm(m.text, fieldOf(m.code));
  };
  const request = (v: FormValues, certSerial?: string) => ({
    invoicePath: v.invoice, sellerNip: v.sellerNip, issueDate: v.issueDate, env: v.env as EnvCode, context: parseContextArg(v.context ?? ''), certSerial, pin: v.pin,
  });

  /** KOD I + II with the chosen certificate (undefined: the selector's best one). */
  const sign = (v: FormValues, certSerial?: string) => {
    dispatch({type: 'busy'});
    qr.make(request(v, certSerial), card).then((result) => dispatch({type: 'result', result}), failed);
  };

  // Several certificates KSeF would accept → the user chooses; one (or none: the selector explains) → sign at once.
  const onSubmit = (v: FormValues) => {
    dispatch({type: 'submit', values: v});
    qr.choices(request(v)).then((choices) => (choices.length > 1 ? dispatch({type: 'choose', choices}) : sign(v)), failed);
  };

  const save = (p: Extract<QrPhase, {kind: 'result'}>) => {
    const dir = s.submitted.imageDir || path.dirname(s.submitted.invoice);
    qr.saveImages(p.result, s.submitted.invoice, dir).then(
      (files) => dispatch({type: 'saved', files}),
      (e) => dispatch({type: 'saveFailed', error: userMessage(e, t).text}),
    );
  };

  // F6: the KOD I / KOD II verifier, from any phase but busy.
  useKeys((key) => {
    if (!matches(key, 'verify') || phase.kind === 'busy') return false;
    nav.push({kind: 'screen', path: screenPath, screen: 'verify-qr'});
    return true;
  }, {active, priority: PRIORITY.modal + 1});

  useKeys((key) => {
    if (phase.kind === 'choose') {
      // ↑↓ Enter belong to the choice list (KitSelect); Esc goes back to the form.
      if (!matches(key, 'back')) return false;
      backToForm();
      return true;
    }
    if (phase.kind !== 'result') return phase.kind === 'busy';
    if (matches(key, 'saveImages')) return save(phase), true;
    if (matches(key, 'fullScreen') && phase.view !== 'full') return dispatch({type: 'view', view: 'full'}), true;
    if (phase.view === 'links') {
      if (matches(key, 'confirm')) return dispatch({type: 'view', view: 'codes'}), true;
      if (matches(key, 'back')) return backToForm(), true;
      return false;
    }
    if (matches(key, 'otherCode') || matches(key, 'code1') || matches(key, 'code2')) {
      return dispatch({type: 'code', code: matches(key, 'code1') ? 1 : matches(key, 'code2') ? 2 : 'other'}), true;
    }
    if (phase.view === 'full') {
      if (matches(key, 'back') || matches(key, 'confirm')) return dispatch({type: 'view', view: 'codes'}), true;
      return false; // F1 (help in the frame), F10 (quit) go on to the app
    }
    if (matches(key, 'back') || matches(key, 'confirm')) return dispatch({type: 'view', view: 'links'}), true;
    return false;
  }, {active: active && phase.kind !== 'form', priority: PRIORITY.modal});

  const submitted = s.submitted;
  // Keys that work in this phase: the form takes F2; while busy every key waits; afterwards F6, F1, Esc, F10.
  const legend = useLegend(phase.kind === 'form' ? undefined : phase.kind === 'busy' ? [] : ['verify', 'help', 'back', 'quit'], active);
  const imageDir = submitted.imageDir || (submitted.invoice ? path.dirname(submitted.invoice) : '');
  const codesOf = (r: MakeCodesResult): [QrCode, QrCode] => [
    {url: r.kod1.url, label: r.kod1.label, title: t('qr.kod1')},
    {url: r.kod2.url, label: r.kod2.label, title: t('qr.kod2')},
  ];
  const savedText = phase.kind === 'result' && phase.saved
    ? t('qr.saved', {files: phase.saved.map((f) => path.basename(f)).join(', '), dir: path.dirname(phase.saved[0] ?? '')})
    : undefined;
  const errorText = phase.kind === 'result' && phase.error ? `✗ ${phase.error}` : undefined;
  const fullNode = phase.kind === 'result' && phase.view === 'full'
    ? <QrCodeFull code={codesOf(phase.result)[phase.code - 1]} terminal={size} imageDir={imageDir} note={savedText ?? errorText} />
    : undefined;
  const inPlace = useFullScreen(fullNode, fullNode && phase.kind === 'result'
    ? `${phase.code}:${size.columns}x${size.rows}:${savedText ?? ''}:${errorText ?? ''}:${phase.result.kod2.url}` : undefined);
  if (inPlace) return withLegend(legend, <>{inPlace}</>);

  if (!fields) return withLegend(legend, <Text color={theme.muted}>{t('qr.loading')}</Text>);
  if (phase.kind === 'busy') return withLegend(legend, <Text color={theme.muted}>{t('qr.busy')}</Text>);
  if (phase.kind === 'choose') {
    const items = phase.choices.map((c) => ({
      value: c.id,
      label: t('qr.choose.row', {name: c.name, owner: ownerText(t, c.owner), serial: c.serial ?? '—', validTo: c.validTo ? warsawDate(new Date(c.validTo)) : '—'}),
    }));
    return withLegend(legend, (
      <Box flexDirection="column">
        <Text bold wrap="wrap">{t('qr.choose.title', {count: phase.choices.length})}</Text>
        <Box flexDirection="column" marginTop={1}>
          <KitSelect items={items} active={active} onSelect={(id) => sign(submitted, phase.choices.find((c) => c.id === id)?.serial)} />
        </Box>
        <Box marginTop={1}><Text color={theme.muted}>{t('qr.choose.keys')}</Text></Box>
      </Box>
    ));
  }
  if (phase.kind === 'result') {
    const r = phase.result;
    const footer = (
      <Box flexDirection="column" marginTop={1}>
        {savedText ? <Text color={theme.ok} wrap="wrap">{savedText}</Text> : null}
        {errorText ? <Text color={theme.error} wrap="wrap">{errorText}</Text> : null}
        <Text color={theme.muted} wrap="wrap">{t(phase.view === 'links' ? 'qr.keys.links' : 'qr.keys.codes')}</Text>
      </Box>
    );
    if (phase.view !== 'links') {
      const cols = bodySize(size).columns;
      const reserved = 1 + wrappedLines(savedText, cols) + wrappedLines(errorText, cols) + wrappedLines(t('qr.keys.codes'), cols);
      return withLegend(legend, (
        <Box flexDirection="column">
          <QrCodesFramed codes={codesOf(r)} current={phase.code} terminal={size} reserved={reserved} imageDir={imageDir} />
          {footer}
        </Box>
      ));
    }
    const c = r.certificate;
    return withLegend(legend, (
      <Box flexDirection="column">
        <LabelRow label={t('qr.certificate')} value={t('certs.qr.certValue', {name: c.name, owner: ownerText(t, c.owner)})} />
        <LabelRow label={t('qr.serial')} value={c.serial} />
        <LabelRow label={t('qr.validTo')} value={c.validTo ? warsawDate(new Date(c.validTo)) : '—'} />
        <LabelRow label={t('qr.envContext')} value={`${ENV_NAME[r.env]}, ${r.context.type} ${r.context.value}`} />
        <LabelRow label={t('qr.invoiceFacts')} value={`NIP ${r.sellerNip}, P_1 ${r.issueDate}`} />
        {qr.sellerDiffersFromContext(r.sellerNip, r.context)
          ? <Text color={theme.warning} wrap="wrap">{t('certs.qr.sellerContext', {nip: r.sellerNip, context: `${r.context.type} ${r.context.value}`})}</Text>
          : null}
        <Box marginTop={1}><Text bold>{`${t('qr.kod1')} — ${r.kod1.label}`}</Text></Box>
        <Text wrap="wrap">{r.kod1.url}</Text>
        <Box marginTop={1}><Text bold>{`${t('qr.kod2')} — ${r.kod2.label}`}</Text></Box>
        <Text wrap="wrap">{r.kod2.url}</Text>
        {footer}
      </Box>
    ));
  }

  // The code is valid only for invoices of the context's taxpayer: a seller NIP of someone else is said at once.
  const typedContext = parseContextArg(s.form.values.context ?? defaults?.context ?? '');
  const mismatch = qr.sellerDiffersFromContext(s.form.values.sellerNip, typedContext);
  return withLegend(legend, (
    <FormPage
      page={s.form}
      fields={fields}
      active={active}
      derive={derive}
      onChange={(v) => dispatch({type: 'typed', values: v})}
      onSubmit={onSubmit}
      onCancel={nav.back}
      notice={mismatch && typedContext ? <Text color={theme.warning} wrap="wrap">{t('certs.qr.sellerContext', {nip: normalizeNip(s.form.values.sellerNip ?? ''), context: `${typedContext.type} ${typedContext.value}`})}</Text> : null}
    />
  ));
}
