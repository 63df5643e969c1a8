import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * One build for the three faces.
 *
 * main: the Electron entry, the CLI entry (which also hosts browser mode), the engine's worker
 * entry and the benchmarks share the engine chunks; only the Electron entry imports `electron`. The
 * preload is forced to CommonJS so that it runs sandboxed (SEC-02). The renderer is the same bundle for Electron and browser mode.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // The engine's worker threads (CPU-heavy work off the process that serves the UI).
          worker: resolve(__dirname, 'src/main/engine/workers/worker-main.ts'),
          'bench-demo': resolve(__dirname, 'bench/demo.ts'),
          'bench-inventory': resolve(__dirname, 'bench/inventory.ts'),
          'bench-parity': resolve(__dirname, 'bench/parity.ts'),
          'bench-project': resolve(__dirname, 'bench/project.ts'),
          'bench-report': resolve(__dirname, 'bench/report.ts'),
          'bench-responsiveness': resolve(__dirname, 'bench/responsiveness.ts'),
        },
        // Shared chunks sit beside the entries, so `__dirname` is `out/main` in every file: the
        // engine finds `worker.js` and the CLI finds `../renderer` from wherever it was bundled.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})
