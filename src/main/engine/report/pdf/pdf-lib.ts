import { createRequire } from 'node:module'
import { join } from 'node:path'
import { speedUpPdfKit } from './pdfkit-fonts'

/**
 * `@react-pdf/renderer`, loaded on first use from the installed packages: it is big (a second to
 * load), so neither the app nor a worker that never makes a PDF pays for it. It is an ES module
 * without top-level await, which Node (20.19 and later, Electron's included) can `require`; it is
 * required at run time, never bundled (its dependencies read data files beside themselves).
 */
export type PdfLib = typeof import('@react-pdf/renderer')

/**
 * Where `specifier` is installed: resolved from this module (the built app, the sources), else
 * from the working directory (a bundle copied elsewhere, as the tests' worker is); null if not.
 */
export function resolveInstalled(specifier: string): string | null {
  const bases = [
    typeof __filename === 'string' ? __filename : null,
    join(process.cwd(), 'package.json'),
  ]
  for (const base of bases) {
    if (!base) continue
    try {
      return createRequire(base).resolve(specifier)
    } catch {
      // Try the next base.
    }
  }
  return null
}

let loading: Promise<PdfLib> | null = null

/** The PDF library, loaded once per process (or worker), with pdfkit's font selection sped up. */
export function loadPdfLib(): Promise<PdfLib> {
  loading ??= (async () => {
    const path = resolveInstalled('@react-pdf/renderer')
    if (!path) throw new Error('the PDF library @react-pdf/renderer is not installed')
    const loaded = createRequire(path)(path) as PdfLib
    await speedUpPdfKit(path)
    return loaded
  })()
  loading.catch(() => {
    loading = null
  })
  return loading
}
