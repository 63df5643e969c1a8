import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'

/** The values of the password settings of the `.env` file the open project reads, if any. */
export async function envPasswords(page: Page): Promise<string[]> {
  const envPath = await page.evaluate(async () => {
    const response = await fetch('/api/op/project.get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    const reply = (await response.json()) as {
      value?: { project: { document: { checks: { envPath: string | null } } } | null }
    }
    return reply.value?.project?.document.checks.envPath ?? null
  })
  if (!envPath) return []
  const text = await readFile(envPath, 'utf8')
  return [...text.matchAll(/^\s*[A-Z_]*PASSWORD[A-Z_]*\s*=\s*"?([^"\s#]+)/gm)].map((m) => m[1]!)
}
