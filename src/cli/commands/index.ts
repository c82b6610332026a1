// Every CLI command module, imported for its registerCommand() side effect. Add one line per new command file.
import './simulator.js';
import './import.js';
import './qr.js';
import './list.js';
import './show.js';
import './export.js';
import './revoke.js';
import './audit.js';
import './config.js';
import './auth-request.js';
import './generate.js';
import './login.js';
import './sign-demo.js';
import './resume.js';
import './check.js';
