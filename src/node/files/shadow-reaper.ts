// A small detached process that outlives the extension host: when the host ends without cleaning up
// (Ctrl+C on the server, a killed window, a crash of the extension host), it deletes the files listed
// in the host's ledger. A clean shutdown deletes the ledger itself, and the reaper then just exits.
// Usage: node shadow-reaper.js <ledger file> <owner pid>
import fs from 'node:fs';
import { processAlive, sweepLedger } from './file-ledger';

const POLL_MS = 500;

export async function reap(ledger: string, owner: number, poll = POLL_MS): Promise<void> {
  for (;;) {
    if (!processAlive(owner)) {
      if (fs.existsSync(ledger)) await sweepLedger(ledger);
      return;
    }
    await new Promise((r) => setTimeout(r, poll));
  }
}

if (require.main === module) {
  const [ledger, owner] = process.argv.slice(2);
  const pid = Number(owner);
  if (!ledger || !Number.isInteger(pid) || pid <= 0) {
    console.error('usage: shadow-reaper <ledger file> <owner pid>');
    process.exit(2);
  }
  void reap(ledger, pid).then(() => process.exit(0));
}
