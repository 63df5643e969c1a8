import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * One build for the three faces.
 *
 * main: the Electron entry, the CLI entry (which also hosts browser mode) and the demo benchmark
 * (`npm run bench:demo`) share the engine chunks; only the Electron entry imports `electron`. The
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
          'bench-demo': resolve(__dirname, 'bench/demo.ts'),
        },
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
