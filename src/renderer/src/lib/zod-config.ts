import { z } from 'zod'

// Zod compiles fast object parsers with `new Function`, and probes for it on first use; the
// renderer's CSP has no 'unsafe-eval' (SEC-05), so each probe is a reported violation. Jitless
// mode keeps every parse to plain code. Imported first by main.tsx, before anything parses.
z.config({ jitless: true })
