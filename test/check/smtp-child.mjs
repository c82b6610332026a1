// A real SMTP server process for the alert tests (smtp-server on 127.0.0.1, random port). With KEY and CERT files it
// offers STARTTLS. Prints JSON lines: {"event":"listening","port":N}, then one {"event":"mail",...} per message.
// `node smtp-child.mjs [KEY CERT] [--reject]`; --reject answers every message with 554.
import fs from 'node:fs';
import {SMTPServer} from 'smtp-server';

const args = process.argv.slice(2);
const reject = args.includes('--reject');
const [keyFile, certFile] = args.filter((a) => !a.startsWith('--'));
const tls = keyFile ? {key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile)} : {};

const server = new SMTPServer({
  ...tls,
  secure: false,
  hideSTARTTLS: !keyFile,
  authOptional: true,
  disabledCommands: keyFile ? [] : ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      process.stdout.write(`${JSON.stringify({
        event: 'mail', secure: session.secure, from: session.envelope.mailFrom && session.envelope.mailFrom.address,
        to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8'),
      })}\n`);
      if (reject) {
        const err = new Error('Odrzucono (test)');
        err.responseCode = 554;
        callback(err);
      } else callback();
    });
  },
});
server.on('error', (e) => process.stderr.write(`smtp error: ${e.message}\n`));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({event: 'listening', port: server.server.address().port})}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
