import { spawn } from 'node:child_process'

/**
 * Asks the desktop to open `url` in the default browser, without waiting and without failing.
 *
 * On a jump host there is often no browser at all; the address is printed anyway, so a missing
 * `xdg-open` or a failing launcher is ignored.
 */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args]: [string, string[]] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]]
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No launcher: the printed address is enough.
  }
}
