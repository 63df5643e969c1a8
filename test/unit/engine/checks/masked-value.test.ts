import { describe, expect, it } from 'vitest'
import { maskedValue } from '../../../../src/main/engine/checks/config/config-types'

describe('maskedValue', () => {
  it('hides secrets, and credentials in a URL or in a host written user:password@host', () => {
    const at = (key: string, value: string) => maskedValue({ key, value, line: 1 })
    expect(at('COUCHDB_PASSWORD', 's3cret')).toBe('••••')
    expect(at('CHT_PIPELINE_BRANCH_URL', 'https://ghp_token@github.com/x.git#v2.0.0')).toBe(
      'https://••••@github.com/x.git#v2.0.0',
    )
    expect(at('COUCHDB_HOST', 'medic:s3cret@cht.example.org')).toBe('••••@cht.example.org')
    expect(at('POSTGRES_HOST', 'postgres')).toBe('postgres')
  })
})
