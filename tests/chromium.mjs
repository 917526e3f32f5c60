// How every Node-driven test and benchmark launches Chromium on these machines: Debian's own
// binary (Playwright downloads no browser here), as root without the sandbox, and without the
// background services that would flood the closed network with refused connections.
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
