// Entry logic of the `ksef-certs` bin: options → --help/--version → subcommand or the TUI. Returns the exit code.
import {isArgsError, parseArgs} from './args.js';
import {getCommand, CliError, EXIT} from './registry.js';
import type {CliIo} from './context.js';
import {helpText} from './help.js';
import {COMMAND_MANIFEST} from './commands/manifest.js';
import {readVersion} from './version.js';
import {isLocalized, loadLang, makeT, render, type Translate} from '../i18n/index.js';
import {safeStream} from './safe-io.js';

// Command modules pull in their own stacks (KSeF client, XAdES, QR): only the one asked for is loaded, and `--help`
// reads the manifest without loading any.
const loadCommand = async (name: string): Promise<void> => {
  await COMMAND_MANIFEST[name]?.load();
};

export async function run(argv: readonly string[], rawIo: CliIo = process): Promise<number> {
  // Every text path of a command goes through the terminal-safe writer; only the TUI (Ink) gets the raw terminal.
  const io: CliIo = {...rawIo, env: rawIo.env, stdin: rawIo.stdin, stdout: safeStream(rawIo.stdout), stderr: safeStream(rawIo.stderr)};
  const parsed = parseArgs(argv, io.env);
  if (isArgsError(parsed)) {
    // The parser stops at the first problem: a `--lang en` anywhere still picks the language of the message.
    const lang = argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'pl';
    await loadLang(lang);
    const t = makeT(lang);
    const msg = parsed.error === 'unknownOption' ? t('cli.unknownOption', {name: parsed.name})
      : parsed.error === 'missingValue' ? t('cli.missingValue', {name: parsed.name})
      : parsed.error === 'badKsef' ? t('cli.badKsef', {value: parsed.value ?? ''})
      : t('cli.badLang', {value: parsed.value ?? ''});
    io.stderr.write(`${msg}\n\n${helpText(t)}`);
    // A command may follow another exit-code convention for usage errors (`check`: 3, UNKNOWN).
    if (parsed.command && Object.hasOwn(COMMAND_MANIFEST, parsed.command)) await loadCommand(parsed.command);
    return (parsed.command && getCommand(parsed.command)?.usageExitCode) || EXIT.usage;
  }
  const {options, command, rest} = parsed;
  await loadLang(options.lang);
  const t = makeT(options.lang);
  if (options.version) {
    io.stdout.write(`${readVersion()}\n`);
    return EXIT.ok;
  }
  if (options.help) {
    io.stdout.write(helpText(t));
    return EXIT.ok;
  }
  try {
    if (command === undefined) {
      // Before Ink, React and the screens load: the young generation is still small then (src/tui/heap-policy.ts).
      (await import('../tui/heap-policy.js')).applyTuiHeapPolicy(rawIo.env);
      await (await import('./load-ui.js')).loadUi();
      const {runTui} = await import('./tui.js');
      return await runTui(options, rawIo);
    }
    // A command missing from the manifest (added elsewhere, not listed yet) is still found: every module is loaded then.
    if (Object.hasOwn(COMMAND_MANIFEST, command)) await loadCommand(command);
    else await import('./commands/index.js');
    const cmd = getCommand(command);
    if (!cmd) {
      io.stderr.write(`${t('cli.unknownCommand', {name: command})}\n\n${helpText(t)}`);
      return EXIT.usage;
    }
    // The store and KSeF plumbing are loaded only for a command (not for --help, --version or a usage error).
    const {createCliContext} = await import('./context.js');
    const ctx = createCliContext(options, io);
    try {
      return await cmd.run(ctx, rest);
    } finally {
      await ctx.close();
    }
  } catch (e) {
    return reportError(e, t, io);
  }
}

/** Expected failures → Polish message; anything else → one line, no stack trace (KSEF_CERTS_DEBUG=1 shows it). */
function reportError(e: unknown, t: Translate, io: CliIo): number {
  if (e instanceof CliError) {
    io.stderr.write(`${e.message}\n`);
    return e.exitCode;
  }
  // Errors carrying a catalogue message (store, KSeF, flows) speak the session's language.
  const message = isLocalized(e) ? render(t, e.msg) : e instanceof Error ? e.message : String(e);
  io.stderr.write(`${t('cli.error', {message})}\n`);
  if (io.env.KSEF_CERTS_DEBUG === '1' && e instanceof Error) io.stderr.write(`${e.stack}\n`);
  return EXIT.refused;
}
