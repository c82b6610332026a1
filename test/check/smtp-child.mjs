// A real SMTP server process for the alert tests (smtp-server on 127.0.0.1, random port). With KEY and CERT files it
// offers STARTTLS. Prints JSON lines: {"event":"listening","port":N}, then one {"event":"mail",...} per message.
// `node smtp-child.mjs [KEY CERT] [--reject] [--auth=USER:PASS]`; --reject answers every message with 554;
// --auth requires SMTP AUTH (PLAIN/LOGIN, after STARTTLS) with that user and password.
import fs from 'node:fs';
import {SMTPServer} from 'smtp-server';

const args = process.argv.slice(2);
const reject = args.includes('--reject');
const [keyFile, certFile] = args.filter((a) => !a.startsWith('--'));
const auth = args.find((a) => a.startsWith('--auth='))?.slice('--auth='.length);
const tls = keyFile ? {key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile)} : {};

const server = new SMTPServer({
  ...tls,
  secure: false,
  hideSTARTTLS: !keyFile,
  authOptional: !auth,
  authMethods: ['PLAIN', 'LOGIN'],
  onAuth(a, session, callback) {
    if (`${a.username}:${a.password}` === auth) callback(null, {user: a.username});
    else callback(new Error('Invalid username or password'));
  },
  disabledCommands: keyFile ? [] : ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      process.stdout.write(`${JSON.stringify({
        event: 'mail', secure: session.secure, user: session.user ?? null, from: session.envelope.mailFrom && session.envelope.mailFrom.address,
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
