// [A-1-5-8] Kody QR faktur offline: invoice file → KOD I (OFFLINE) and KOD II (CERTYFIKAT) signed with the type-O
// certificate the selector picks; links, terminal QR codes, PNG/SVG on request.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {ENV_NAME, warsawDate, type CertificateRecord, type EnvCode} from '../domain/index.js';
import {userMessage} from '../flows/errors.js';
import {cardModule} from '../flows/card-sign.js';
import {checkContext, invoiceDateOf, makeInvoiceCodes, ownerLabel, parseContextArg, qrCertificateChoices, readInvoiceFacts, writeQrImages, invoiceBaseName, type MakeCodesResult} from '../flows/qr.js';
import {MAX_INVOICE_BYTES} from '../flows/qr-invoice.js';
import {contextFor} from '../flows/context-id.js';
import {QrCodeFull, QrCodesFramed, type QrCode} from './qr-codes.js';
import {useFullScreen} from '../tui/full-screen.js';
import {wrappedLines, bodySize} from '../tui/layout.js';
import {isValidNip, normalizeNip, parseDate} from '../domain/index.js';
import {useAppContext, useOperator} from './shell/context.js';
import {demoInvoiceDir} from '../flows/demo-kit.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Form, nodePathFs, resolveTypedPath, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {theme} from '../tui/theme.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import type {ScreenProps} from './types.js';
import {FormError} from '../tui/components/FormError.js';
import {LabelRow} from '../tui/components/LabelRow.js';

type Phase =
  | {kind: 'form'; error?: string; focus?: string}
  | {kind: 'busy'}
  | {kind: 'choose'; choices: CertificateRecord[]; cursor: number}
  | {kind: 'result'; result: MakeCodesResult; view: 'links' | 'codes' | 'full'; code: 1 | 2; saved?: string[]; error?: string};

/** Which form field a refusal belongs to. */
function fieldOf(code: string | number | undefined): string {
  switch (code) {
    case 'noSellerNip': case 'badSellerNip': case 'sellerNipMismatch': return 'sellerNip';
    case 'noIssueDate': case 'badIssueDate': case 'issueDateMismatch': return 'issueDate';
    case 'badContext': return 'context';
    case 'noOfflineCertificate': case 'envMismatch': return 'env';
    default: return 'invoice';
  }
}

/** Seller NIP and P_1 of the file a path names, for pre-filling; nothing when it is not a readable invoice. */
function factsOf(absPath: string): {sellerNip?: string; issueDate?: string} {
  try {
    if (!/\.xml$/i.test(absPath)) return {};
    const st = statSync(absPath);
    if (!st.isFile() || st.size > MAX_INVOICE_BYTES) return {};
    const f = readInvoiceFacts(readFileSync(absPath));
    return {sellerNip: f.sellerNip, issueDate: f.issueDate};
  } catch {
    return {};
  }
}

export function QrScreen({active, nav, path: screenPath}: ScreenProps) {
  const {store, t, workstation, clock, env, demo, dataDir} = useAppContext();
  const operator = useOperator();
  const [defaultContext, setDefaultContext] = useState<string | undefined>();
  // The workstation's PKCS#11 token [A-1-5-2]: a type-O key on it needs the PIN (asked here, used once).
  const [card, setCard] = useState<{module: string; label?: string} | undefined>();
  const [phase, setPhase] = useState<Phase>({kind: 'form'});
  const [formKey, setFormKey] = useState(0);
  const typed = useRef<FormValues>({});
  const submitted = useRef<FormValues>({});
  const pathFs = useMemo(() => nodePathFs(), []);
  const size = useTerminalSize();

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [company, branches, ws] = await Promise.all([store.company(), store.listBranches(), store.workstation(workstation)]);
      const c = contextFor(company, branches.find((b) => b.code === operator.branch)?.config);
      if (cancelled) return;
      setCard(cardModule(ws));
      setDefaultContext(`${c.type}:${c.value}`);
    })();
    return () => {
      cancelled = true;
    };
  }, [store, operator, workstation]);

  const fields = useMemo<FieldSpec[] | undefined>(() => {
    if (defaultContext === undefined) return undefined;
    const fromFile = t('qr.hint.fromFile');
    return [
      // Demo mode names the folder of the sample invoices (src/flows/demo-kit.ts).
      {id: 'invoice', kind: 'path', label: t('qr.field.invoice'), target: 'file', extensions: ['.xml'], mustExist: true, width: 48, ...(demo ? {hint: t('demo.qr.invoices', {dir: demoInvoiceDir(dataDir)})} : {})},
      {
        id: 'context', kind: 'text', label: t('qr.field.context'), default: defaultContext, maxLength: 40, hint: t('qr.hint.context'),
        validate: (v) => {
          const c = parseContextArg(v);
          if (!c) return t('qr.error.contextFormat');
          try {
            checkContext(c);
            return undefined;
          } catch (e) {
            return userMessage(e).text;
          }
        },
      },
      {
        id: 'sellerNip', kind: 'text', label: t('qr.field.sellerNip'), maxLength: 16, hint: fromFile,
        validate: (v) => (isValidNip(normalizeNip(v)) ? undefined : t('qr.error.nip')),
      },
      {id: 'issueDate', kind: 'date', label: t('qr.field.issueDate'), hint: fromFile, validate: (v) => (parseDate(v) ? undefined : t('qr.error.date'))},
      {id: 'env', kind: 'code', label: t('qr.field.env'), options: {D: 'demo', P: 'produkcja', T: 'test'}, default: env},
      {id: 'imageDir', kind: 'path', label: t('qr.field.imageDir'), target: 'dir', required: false, hint: t('qr.hint.imageDir'), width: 48},
      ...(card ? [{id: 'pin', kind: 'password', label: t('pkcs11.card.pin'), required: false, maxLength: 64, hint: t('pkcs11.qrPinHint')} as FieldSpec] : []),
    ];
  }, [defaultContext, t, env, card, demo, dataDir]);

  // Choosing an invoice fills seller NIP and issue date from Podmiot1/NIP and P_1 (the user may still change them).
  const derive = useMemo(() => (v: FormValues, changed: string): Partial<FormValues> | undefined => {
    if (changed !== 'invoice') return undefined;
    const f = factsOf(resolveTypedPath(v.invoice ?? '', pathFs));
    const out: Partial<FormValues> = {};
    if (f.sellerNip) out.sellerNip = f.sellerNip;
    if (f.issueDate) out.issueDate = f.issueDate;
    return Object.keys(out).length ? out : undefined;
  }, [pathFs]);

  const backToForm = (error?: string, focus?: string) => {
    setPhase({kind: 'form', error, focus});
    setFormKey((k) => k + 1);
  };

  /** KOD I + II with the chosen certificate (undefined: the selector's best one). */
  const sign = (v: FormValues, certSerial?: string) => {
    setPhase({kind: 'busy'});
    void (async () => {
      try {
        const invoice = readFileSync(v.invoice);
        const token = card ? {module: card.module, label: card.label, pin: () => v.pin ?? ''} : undefined;
        const result = await makeInvoiceCodes({store, operator, workstation, now: clock, token}, {
          invoice, invoiceName: v.invoice, sellerNip: v.sellerNip, issueDate: v.issueDate, env: v.env as EnvCode,
          context: parseContextArg(v.context), certSerial,
        });
        setPhase({kind: 'result', result, view: 'links', code: 1});
      } catch (e) {
        const m = userMessage(e);
        backToForm(m.text, fieldOf(m.code));
      }
    })();
  };

  // Several certificates KSeF would accept → the user chooses; one (or none: the selector explains) → sign at once.
  const onSubmit = (v: FormValues) => {
    submitted.current = v;
    setPhase({kind: 'busy'});
    void (async () => {
      try {
        const invoiceDate = invoiceDateOf({invoice: readFileSync(v.invoice), issueDate: v.issueDate});
        const {choices} = await qrCertificateChoices({store, operator, workstation, now: clock}, {env: v.env as EnvCode, invoiceDate});
        if (choices.length > 1) setPhase({kind: 'choose', choices, cursor: 0});
        else sign(v);
      } catch (e) {
        const m = userMessage(e);
        backToForm(m.text, fieldOf(m.code));
      }
    })();
  };

  const save = (p: Extract<Phase, {kind: 'result'}>) => {
    const dir = submitted.current.imageDir || path.dirname(submitted.current.invoice);
    writeQrImages(p.result, invoiceBaseName(submitted.current.invoice), {pngDir: dir, svgDir: dir}).then(
      (files) => setPhase({...p, saved: files, error: undefined}),
      (e) => setPhase({...p, error: userMessage(e).text}),
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
      const n = phase.choices.length;
      if (key.name === 'up') return setPhase({...phase, cursor: (phase.cursor + n - 1) % n}), true;
      if (key.name === 'down') return setPhase({...phase, cursor: (phase.cursor + 1) % n}), true;
      if (key.name === 'enter') return sign(submitted.current, phase.choices[phase.cursor].serial), true;
      if (key.name === 'escape') return backToForm(), true;
      return true;
    }
    if (phase.kind !== 'result') return phase.kind === 'busy';
    const ch = key.name === 'char' ? key.ch?.toLowerCase() : undefined;
    if (ch === 'z') {
      save(phase);
      return true;
    }
    if (ch === 'p' && phase.view !== 'full') return setPhase({...phase, view: 'full'}), true;
    if (phase.view === 'links') {
      if (key.name === 'enter') return setPhase({...phase, view: 'codes'}), true;
      if (key.name === 'escape') return backToForm(), true;
      return false;
    }
    if (key.name === 'tab' || key.name === 'left' || key.name === 'right' || ch === '1' || ch === '2') {
      const code = ch === '1' ? 1 : ch === '2' ? 2 : phase.code === 1 ? 2 : 1;
      return setPhase({...phase, code}), true;
    }
    if (phase.view === 'full') {
      if (key.name === 'escape' || key.name === 'enter') return setPhase({...phase, view: 'codes'}), true;
      return false; // F1 (help in the frame), F10 (quit) go on to the app
    }
    if (key.name === 'escape' || key.name === 'enter') return setPhase({...phase, view: 'links'}), true;
    return false;
  }, {active: active && phase.kind !== 'form', priority: PRIORITY.modal});

  const imageDir = submitted.current.imageDir || (submitted.current.invoice ? path.dirname(submitted.current.invoice) : '');
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
  if (inPlace) return <>{inPlace}</>;

  if (!fields) return <Text color={theme.muted}>{t('qr.loading')}</Text>;
  if (phase.kind === 'busy') return <Text color={theme.muted}>{t('qr.busy')}</Text>;
  if (phase.kind === 'choose') {
    return (
      <Box flexDirection="column">
        <Text bold wrap="wrap">{t('qr.choose.title', {count: phase.choices.length})}</Text>
        <Box flexDirection="column" marginTop={1}>
          {phase.choices.map((c, i) => {
            const row = t('qr.choose.row', {name: c.name, owner: ownerLabel(c.owner), serial: c.serial ?? '—', validTo: c.validTo ? warsawDate(new Date(c.validTo)) : '—'});
            return i === phase.cursor
              ? <Text key={c.id} backgroundColor={theme.highlightBg} color={theme.highlightFg} wrap="truncate">{`▶ ${row}`}</Text>
              : <Text key={c.id} wrap="truncate">{`  ${row}`}</Text>;
          })}
        </Box>
        <Box marginTop={1}><Text color={theme.muted}>{t('qr.choose.keys')}</Text></Box>
      </Box>
    );
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
      return (
        <Box flexDirection="column">
          <QrCodesFramed codes={codesOf(r)} current={phase.code} terminal={size} reserved={reserved} imageDir={imageDir} />
          {footer}
        </Box>
      );
    }
    const c = r.certificate;
    return (
      <Box flexDirection="column">
        <LabelRow label={t('qr.certificate')} value={`„${c.name}” — ${ownerLabel(c.owner)}`} />
        <LabelRow label={t('qr.serial')} value={c.serial} />
        <LabelRow label={t('qr.validTo')} value={c.validTo ? warsawDate(new Date(c.validTo)) : '—'} />
        <LabelRow label={t('qr.envContext')} value={`${ENV_NAME[r.env]}, ${r.context.type} ${r.context.value}`} />
        <LabelRow label={t('qr.invoiceFacts')} value={`NIP ${r.sellerNip}, P_1 ${r.issueDate}`} />
        <Box marginTop={1}><Text bold>{`${t('qr.kod1')} — ${r.kod1.label}`}</Text></Box>
        <Text wrap="wrap">{r.kod1.url}</Text>
        <Box marginTop={1}><Text bold>{`${t('qr.kod2')} — ${r.kod2.label}`}</Text></Box>
        <Text wrap="wrap">{r.kod2.url}</Text>
        {footer}
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      <FormError message={phase.error} />
      <Form
        key={formKey}
        fields={fields}
        initialValues={typed.current}
        initialFocus={phase.focus}
        active={active}
        derive={derive}
        onChange={(v) => (typed.current = v)}
        onSubmit={onSubmit}
        onCancel={nav.back}
        labelWidth={26}
        valueWidth={30}
      />
    </Box>
  );
}
