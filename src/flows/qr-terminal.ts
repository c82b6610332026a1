// The QR codes as terminal half-blocks, for the QR screen: drawing is the KSeF layer's (src/ksef/qr.ts), reached
// through flows so screens import no KSeF module.
export {qrTerminal, qrTerminalSize} from '../ksef/qr.js';
