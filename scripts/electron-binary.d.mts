/** Where the Electron binary is, or why there is none (see electron-binary.mjs). */
export type ElectronBinary = { found: true; path: string } | { found: false; missing: string }

export function findElectronBinary(
  root: string,
  env?: Record<string, string | undefined>,
): ElectronBinary

export function noElectronMessage(missing: string): string
